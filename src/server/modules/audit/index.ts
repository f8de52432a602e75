/** The audit module's public surface. */
export { auditRoutes } from './audit.routes.ts';
export { listAuditEvents, verifyAudit, type AuditEvent } from './audit.service.ts';
