/** HTTP for publishing (supervisors): publish, withdraw, preview, and the public marks on reports and evidence. */
import { publicationEndpoints as ep } from '../../../contract/publication.ts';
import type { AppContext } from '../../platform/context.ts';
import { routeSchema } from '../../platform/http/endpoint.ts';
import type { App } from '../../platform/http/types.ts';
import { getPublication, previewPublication, publishProgramme, setEvidencePublicity, setReportPublicity, withdrawProgramme } from './publication.service.ts';

export async function publicationRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get(ep.get.path, {
    config: { permission: 'programme.read' },
    schema: routeSchema(ep.get, { tags: ['publication'], summary: 'Whether the programme is public, and which reports and evidence are marked public' }),
  }, async (req) => getPublication(ctx, req.actor!, req.params.id));

  app.post(ep.publish.path, {
    config: { permission: 'programme.manage' },
    schema: routeSchema(ep.publish, { tags: ['publication'], summary: 'Publish the programme on the public pages (a supervisor of the programme)' }),
  }, async (req) => publishProgramme(ctx, req.actor!, req.params.id));

  app.delete(ep.withdraw.path, {
    config: { permission: 'programme.manage' },
    schema: routeSchema(ep.withdraw, { tags: ['publication'], summary: 'Withdraw the programme from the public pages' }),
  }, async (req) => withdrawProgramme(ctx, req.actor!, req.params.id));

  app.get(ep.preview.path, {
    config: { permission: 'programme.manage' },
    schema: routeSchema(ep.preview, { tags: ['publication'], summary: 'Exactly the public JSON of the programme (as /public/api/programmes/:id.json serves it once published)' }),
  }, async (req) => previewPublication(ctx, req.actor!, req.params.id));

  app.post(ep.reportPublicity.path, {
    config: { permission: 'report.review' },
    schema: routeSchema(ep.reportPublicity, { tags: ['publication'], summary: 'Make an accepted report of the lead unit public (its text, progress and period) or private again' }),
  }, async (req) => setReportPublicity(ctx, req.actor!, req.params.id, req.body.public));

  app.post(ep.evidencePublicity.path, {
    config: { permission: 'report.review' },
    schema: routeSchema(ep.evidencePublicity, { tags: ['publication'], summary: 'Make one evidence file of an accepted lead-unit report public or private' }),
  }, async (req) => setEvidencePublicity(ctx, req.actor!, req.params.id, req.body.public));
}
