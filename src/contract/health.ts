/** Liveness and readiness: `GET /api/health`, answered without signing in. */
import { Type, type Static } from 'typebox';
import { endpoint } from './endpoint.ts';

const HealthFields = { version: Type.String(), database: Type.Union([Type.Literal('sqlite'), Type.Literal('postgres')]) };

export const HealthResponse = Type.Object({ status: Type.Literal('ok'), ...HealthFields });
export type HealthResponse = Static<typeof HealthResponse>;

/** The 503 answer when the database does not respond. */
export const HealthUnavailableResponse = Type.Object({ status: Type.Literal('unavailable'), ...HealthFields });
export type HealthUnavailableResponse = Static<typeof HealthUnavailableResponse>;

export const healthEndpoints = {
  check: endpoint({ method: 'GET', path: '/api/health', response: { 200: HealthResponse } }),
};
