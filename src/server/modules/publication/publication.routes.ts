/** HTTP for publishing (supervisors): publish, withdraw, preview, and the public marks on reports and evidence. */
import { PublicationResponse, PublicityBody, PublicityResponse, PublicProgramme } from '../../../contract/publication.ts';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/types.ts';
import { errorResponses, IdParams } from '../../platform/http/schemas.ts';
import { getPublication, previewPublication, publishProgramme, setEvidencePublicity, setReportPublicity, withdrawProgramme } from './publication.service.ts';

export async function publicationRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/v1/programmes/:id/publication', {
    config: { permission: 'programme.read' },
    schema: { tags: ['publication'], summary: 'Whether the programme is public, and which reports and evidence are marked public', params: IdParams, response: { 200: PublicationResponse, ...errorResponses } },
  }, async (req) => getPublication(ctx, req.actor!, req.params.id));

  app.post('/api/v1/programmes/:id/publication', {
    config: { permission: 'programme.manage' },
    schema: { tags: ['publication'], summary: 'Publish the programme on the public pages (a supervisor of the programme)', params: IdParams, response: { 200: PublicationResponse, ...errorResponses } },
  }, async (req) => publishProgramme(ctx, req.actor!, req.params.id));

  app.delete('/api/v1/programmes/:id/publication', {
    config: { permission: 'programme.manage' },
    schema: { tags: ['publication'], summary: 'Withdraw the programme from the public pages', params: IdParams, response: { 200: PublicationResponse, ...errorResponses } },
  }, async (req) => withdrawProgramme(ctx, req.actor!, req.params.id));

  app.get('/api/v1/programmes/:id/publication/preview', {
    config: { permission: 'programme.manage' },
    schema: { tags: ['publication'], summary: 'Exactly the public JSON of the programme (as /public/api/programmes/:id.json serves it once published)', params: IdParams, response: { 200: PublicProgramme, ...errorResponses } },
  }, async (req) => previewPublication(ctx, req.actor!, req.params.id));

  app.post('/api/v1/reports/:id/publicity', {
    config: { permission: 'report.review' },
    schema: { tags: ['publication'], summary: 'Make an accepted report of the lead unit public (its text, progress and period) or private again', params: IdParams, body: PublicityBody, response: { 200: PublicityResponse, ...errorResponses } },
  }, async (req) => setReportPublicity(ctx, req.actor!, req.params.id, req.body.public));

  app.post('/api/v1/evidence/:id/publicity', {
    config: { permission: 'report.review' },
    schema: { tags: ['publication'], summary: 'Make one evidence file of an accepted lead-unit report public or private', params: IdParams, body: PublicityBody, response: { 200: PublicityResponse, ...errorResponses } },
  }, async (req) => setEvidencePublicity(ctx, req.actor!, req.params.id, req.body.public));

}
