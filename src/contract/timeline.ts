/** A task's timeline: `GET /api/v1/tasks/:id/timeline`. */
import { Type, type Static } from 'typebox';
import { IdParams, Nullable } from './common.ts';
import { endpoint } from './endpoint.ts';
import { Literals } from './literals.ts';

export const TIMELINE_KINDS = ['transition', 'report', 'instruction', 'notice'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export const TimelineItemResponse = Type.Object({
  at: Type.String(),
  kind: Literals(TIMELINE_KINDS),
  action: Type.String(),
  actorId: Nullable(Type.String()),
  /** The actor's display name, resolved by the server (null for the system, or a user since removed). */
  actorName: Nullable(Type.String()),
  fromState: Nullable(Type.String()),
  toState: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  data: Type.Unknown() });
export type TimelineItemResponse = Static<typeof TimelineItemResponse>;

export const TimelineResponse = Type.Object({ items: Type.Array(TimelineItemResponse) });
export type TimelineResponse = Static<typeof TimelineResponse>;

export const timelineEndpoints = {
  get: endpoint({ method: 'GET', path: '/api/v1/tasks/:id/timeline', params: IdParams, response: { 200: TimelineResponse } }) };
