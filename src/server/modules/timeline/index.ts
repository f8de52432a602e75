/** The timeline module's public surface. */
export { timelineRoutes } from './timeline.routes.ts';
export { getTimeline, type TimelineEntry } from './timeline.service.ts';
