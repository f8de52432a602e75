/**
 * The composition root: the HTTP platform with every module's routes, the session module as its authenticator, and
 * the modules' subscriptions and gauges. The only file that knows both the platform and all the modules.
 */
import type { AppContext } from './platform/context.ts';
import { createHttpApp, type BuildAppOptions, type RouteRegistration } from './platform/http/app.ts';
import type { App } from './platform/http/types.ts';
import { auditRoutes } from './modules/audit/index.ts';
import { bulkRoutes } from './modules/bulk/index.ts';
import { documentRoutes } from './modules/documents/index.ts';
import { draftRoutes, registerDraftRepairs } from './modules/drafts/index.ts';
import { evaluationRoutes } from './modules/evaluations/index.ts';
import { exportRoutes } from './modules/exports/index.ts';
import { healthRoutes } from './modules/health/index.ts';
import { importRoutes } from './modules/imports/index.ts';
import { inboxRoutes } from './modules/inbox/index.ts';
import { indicatorRoutes } from './modules/indicators/index.ts';
import { inspectionRoutes } from './modules/inspections/index.ts';
import { instructionRoutes } from './modules/instructions/index.ts';
import { leadRoutes } from './modules/leads/index.ts';
import { noticeRoutes, outboxQueueDepth, registerTaskNotices } from './modules/notices/index.ts';
import { programmeRoutes } from './modules/programmes/index.ts';
import { publicSiteRoutes } from './modules/public-site/index.ts';
import { publicationRoutes } from './modules/publication/index.ts';
import { relayRoutes } from './modules/relays/index.ts';
import { reportRoutes } from './modules/reports/index.ts';
import { searchRoutes } from './modules/search/index.ts';
import { sessionAuthenticator, sessionRoutes } from './modules/session/index.ts';
import { statsRoutes } from './modules/stats/index.ts';
import { suggestionRoutes } from './modules/suggestions/index.ts';
import { taskRoutes } from './modules/tasks/index.ts';
import { timelineRoutes } from './modules/timeline/index.ts';
import { unitRoutes } from './modules/units/index.ts';
import { userRoutes } from './modules/users/index.ts';
import { wirePorts } from './ports.ts';

export type { BuildAppOptions } from './platform/http/app.ts';

/** Every module's routes, in the order the OpenAPI document lists them; the public side (issue 13) last. */
const ROUTES: readonly RouteRegistration[] = [
  healthRoutes, sessionRoutes, unitRoutes, userRoutes, auditRoutes, documentRoutes, draftRoutes, programmeRoutes, taskRoutes,
  timelineRoutes, noticeRoutes, reportRoutes, instructionRoutes, inboxRoutes, suggestionRoutes, bulkRoutes, exportRoutes,
  importRoutes, statsRoutes, searchRoutes, relayRoutes, inspectionRoutes, indicatorRoutes, evaluationRoutes,
  publicationRoutes, leadRoutes, publicSiteRoutes,
];

export async function buildApp(ctx: AppContext, options: BuildAppOptions = {}): Promise<App> {
  wirePorts(ctx);
  // Modules that react to task transitions subscribe before the first request.
  registerTaskNotices(ctx);
  registerDraftRepairs(ctx);
  const app = await createHttpApp(ctx, { authenticator: sessionAuthenticator, routes: ROUTES }, options);
  app.metrics.gauge('luoshi_outbox_messages', 'Notice deliveries (e-mail, webhook) by status: pending and sending are the queue', ['status'], async () => {
    const depth = await outboxQueueDepth(ctx.db, ctx.clock.now());
    return ['pending', 'sending', 'sent', 'dead'].map((status) => ({ labels: { status }, value: depth.byStatus[status] ?? 0 }));
  });
  app.metrics.gauge('luoshi_outbox_oldest_due_seconds', 'How long the oldest due, undelivered notice has waited', [], async () => [{ value: (await outboxQueueDepth(ctx.db, ctx.clock.now())).oldestDueSeconds }]);
  return app;
}
