/** The reports module's public surface: other modules import only from here. */
export { reportRoutes } from './reports.routes.ts';
export { getReport, listPeriods, listTaskReports, reportingSince, visibleReportsWhere, type PeriodStanding, type ReportView } from './report-queries.ts';
export { createReport, editReport, submitReport, type CreateReportInput, type ReportContentInput } from './write-report.ts';
export { acceptReport, returnReport } from './review-report.ts';
export { addEvidence, deleteEvidence, openEvidence, type UploadedFile } from './evidence.ts';
export { lockPeriod, unlockPeriod } from './period-locks.ts';
export { findReport, type Evidence, type Report } from './reports.repository.ts';
export { canSeeReport, mayReviewReports, mayWriteReports, reportScopeOf } from './reports.policy.ts';
export { sumReportCounters, type ReportCounts } from './report-counters.repository.ts';
export { recordUploadBlobs, storeUploads, type StoredUpload } from './evidence-store.ts';
export { attachmentDisposition, evidenceFilename, sniffEvidence } from './evidence-files.ts';
export { readUploadedFiles, sendStoredFile } from './evidence-http.ts';
export { listReportEventsOfTask, type ReportEventRecord } from './report-history.repository.ts';
export { reportSearchSources } from './report-search.repository.ts';
export { reportIdsWhere } from './report-scopes.repository.ts';
export { firstTimeAcceptances, latestSubmittedReports, type FirstTimeAcceptance, type LatestReport } from './report-highlights.repository.ts';
export { reportsAcceptedBetween, reportsFirstSubmittedBetween, submissionsOfTasks } from './report-timeliness.repository.ts';
export { acceptedReport, acceptedReportsAmong, evidenceFilesOf, type AcceptedReportText, type EvidenceFile } from './accepted-reports.repository.ts';
