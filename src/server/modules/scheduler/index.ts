/** The scheduler module's public surface. */
export { DEFAULT_JOBS, runJobs, startScheduler, type Scheduler, type SchedulerJob, type SchedulerLogger, type SchedulerOptions } from './scheduler.ts';
