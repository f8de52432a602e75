/** The scheduler module's public surface. */
export { DB_OPTIMIZE_JOB, DEFAULT_JOBS, HEALTH_JOB, runJobs, startScheduler, type Scheduler, type SchedulerJob, type SchedulerLogger, type SchedulerOptions } from './scheduler.ts';
