/** The leads module's public surface. */
export { leadRoutes } from './leads.routes.ts';
export { acceptLead, challengeFor, findingFromLead, countLeadAttempt, getLead, listLeads, mergeLead, rectifyLead, rejectLead, submitLead, LEAD_TEXT_MAX, type SubmitLeadInput } from './leads.service.ts';
export { LEAD_LIMITS } from './rate-limit.ts';
export { PHOTO_MAX_BYTES } from './photo.ts';
export { acceptedLeadsChangedAt, acceptedLeadsOf, type AcceptedLead } from './leads.repository.ts';
export { providePublicTasks, type PublicTasks } from './public-tasks.ts';
