/** The audit module's public surface. */
export { auditRoutes } from './audit.routes.ts';
export { auditAnchor, formatAnchor, listAuditEvents, parseAnchor, verifyAudit, verifyAuditWithAnchor, type AuditEvent } from './audit.service.ts';
