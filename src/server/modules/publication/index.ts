/** The publication module's public surface. */
export { publicationRoutes } from './publication.routes.ts';
export { buildPublicContent, findPublicProgramme, findPublicTask, listPublicProgrammes, publicEvidenceUrl } from './public-content.ts';
export { findPublishedProgrammeOfTask, findServableEvidence, publicStateKey, publicStateKeyOfTask } from './publication.repository.ts';
export { getPublication, previewPublication, publishProgramme, setEvidencePublicity, setReportPublicity, withdrawProgramme } from './publication.service.ts';
