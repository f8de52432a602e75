import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpoints } from '../../src/contract/api.ts';
import type { Endpoint } from '../../src/contract/endpoint.ts';
import { createTestApp, type TestApp } from '../support/harness.ts';

/**
 * The contract is the one description of the API: every endpoint it declares is a route validating and serialising
 * with the very same schema objects, and every API route is declared in it. So the web (typed by the contract) and the
 * server cannot drift apart.
 */

// Routes not yet moved to contract endpoints, by module: each module's move deletes its lines; empty (and gone)
// when issue 9's contract work is done.
const PENDING = new Set<string>([
  // audit
  'GET /api/v1/audit',
  'GET /api/v1/audit/verify',

  // bulk
  'POST /api/v1/tasks/bulk',

  // evaluations
  'GET /api/v1/evaluations/periods',
  'GET /api/v1/evaluations/periods/:periodKey',
  'POST /api/v1/evaluations/periods/:periodKey/freeze',
  'PUT /api/v1/evaluations/periods/:periodKey/ratings/:unitId',
  'GET /api/v1/evaluations/rules',
  'POST /api/v1/evaluations/rules',

  // health
  'GET /api/health',

  // indicators
  'GET /api/v1/indicators',
  'POST /api/v1/indicators',
  'POST /api/v1/indicators/from-targets',
  'GET /api/v1/indicators/:id',
  'PATCH /api/v1/indicators/:id',
  'POST /api/v1/indicators/:id/actuals',
  'POST /api/v1/indicator-actuals/:id/accept',
  'POST /api/v1/indicator-actuals/:id/return',
  'POST /api/v1/indicator-actuals/:id/evidence',
  'GET /api/v1/indicator-evidence/:id/download',
  'POST /api/v1/indicators/:id/peers',
  'DELETE /api/v1/indicator-peers/:id',

  // inspections
  'GET /api/v1/inspections',
  'POST /api/v1/inspections',
  'GET /api/v1/inspections/:id',
  'PATCH /api/v1/inspections/:id',
  'POST /api/v1/inspections/:id/transitions',
  'POST /api/v1/inspections/:id/visits',
  'POST /api/v1/inspections/:id/findings',
  'POST /api/v1/inspections/findings/:id/rectify',
  'POST /api/v1/inspections/findings/:id/not-applicable',
  'POST /api/v1/inspections/:id/evidence',
  'GET /api/v1/inspections/evidence/:id/download',
  'GET /api/v1/tasks/:id/findings',

  // instructions
  'POST /api/v1/tasks/:id/instructions',
  'GET /api/v1/tasks/:id/instructions',

  // leads
  'GET /api/v1/leads',
  'GET /api/v1/leads/:id',
  'GET /api/v1/leads/:id/photo',
  'POST /api/v1/leads/:id/accept',
  'POST /api/v1/leads/:id/reject',
  'POST /api/v1/leads/:id/merge',
  'POST /api/v1/leads/:id/rectification',
  'POST /api/v1/leads/:id/finding',

  // notices
  'GET /api/v1/notifications',
  'GET /api/v1/notifications/unread-count',
  'POST /api/v1/notifications/:id/read',
  'POST /api/v1/notifications/read-all',
  'POST /api/v1/tasks/:id/reminders',
  'GET /api/v1/webhooks',
  'GET /api/v1/webhooks/:id',
  'POST /api/v1/webhooks',
  'PATCH /api/v1/webhooks/:id',
  'DELETE /api/v1/webhooks/:id',
  'POST /api/v1/webhooks/:id/test',
  'GET /api/v1/outbox',
  'POST /api/v1/outbox/:id/retry',

  // publication
  'GET /api/v1/programmes/:id/publication',
  'POST /api/v1/programmes/:id/publication',
  'DELETE /api/v1/programmes/:id/publication',
  'GET /api/v1/programmes/:id/publication/preview',
  'POST /api/v1/reports/:id/publicity',
  'POST /api/v1/evidence/:id/publicity',

  // relays
  'GET /api/v1/relays',
  'POST /api/v1/relays',
  'GET /api/v1/relays/:id',
  'PATCH /api/v1/relays/:id',
  'POST /api/v1/relays/:id/reminders',
  'POST /api/v1/relays/:id/records',
  'GET /api/v1/relays/records/:id',
  'PATCH /api/v1/relays/records/:id',
  'POST /api/v1/relays/records/:id/return',
  'POST /api/v1/relays/records/:id/evidence',
  'GET /api/v1/relays/evidence/:id/download',
  'DELETE /api/v1/relays/evidence/:id',

  // search
  'GET /api/v1/search',

  // session
  'POST /api/v1/session',
  'DELETE /api/v1/session',
  'GET /api/v1/me',
  'PATCH /api/v1/me',
  'POST /api/v1/me/password',
  'GET /api/v1/me/tokens',
  'POST /api/v1/me/tokens',
  'DELETE /api/v1/me/tokens/:id',

  // stats
  'GET /api/v1/stats',

  // suggestions
  'GET /api/v1/tasks/:id/suggestions',

  // tasks
  'GET /api/v1/tasks',
  'POST /api/v1/programmes/:id/tasks',
  'GET /api/v1/tasks/:id',
  'PATCH /api/v1/tasks/:id',
  'POST /api/v1/tasks/:id/transitions',
  'POST /api/v1/tasks/:id/milestones',
  'PATCH /api/v1/milestones/:id',
  'DELETE /api/v1/milestones/:id',

  // timeline
  'GET /api/v1/tasks/:id/timeline',

  // units
  'GET /api/v1/units',
  'POST /api/v1/units',
  'PATCH /api/v1/units/:id',
  'DELETE /api/v1/units/:id',

  // users
  'GET /api/v1/users',
  'POST /api/v1/users',
  'PATCH /api/v1/users/:id',
  'POST /api/v1/users/:id/password',
]);

// Served by Fastify's OpenAPI plugins, not by a module.
const NOT_API = (url: string) => url === '/api/openapi.json' || url.startsWith('/api/docs');

describe('the contract and the routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(async () => t.close());

  const declared = Object.entries(endpoints).flatMap(([module, eps]) => Object.entries(eps as Record<string, Endpoint>).map(([name, e]) => ({ name: `${module}.${name}`, e })));

  it('registers every declared endpoint with the contract’s own schema objects', () => {
    expect(declared.length).toBeGreaterThan(0);
    for (const { name, e } of declared) {
      const route = t.app.routeTable.find((r) => r.method === e.method && r.url === e.path);
      expect(route, `${name}: ${e.method} ${e.path} is not a route`).toBeDefined();
      const schema = route!.schema as Record<string, unknown> & { response?: Record<string, unknown> };
      for (const part of ['params', 'querystring', 'body'] as const) {
        expect(schema[part] === e[part], `${name}: the route's ${part} is not the contract's`).toBe(true);
      }
      for (const [status, body] of Object.entries(e.response)) {
        expect(schema.response?.[status] === body, `${name}: the route's ${status} answer is not the contract's`).toBe(true);
      }
      const success = Object.keys(schema.response ?? {}).filter((s) => Number(s) < 300);
      expect(success.sort(), `${name}: success statuses`).toEqual(Object.keys(e.response).sort());
    }
  });

  it('declares every API route in the contract, once', () => {
    const keys = declared.map(({ e }) => `${e.method} ${e.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    const undeclared = t.app.routeTable
      .filter((r) => r.url.startsWith('/api/') && !NOT_API(r.url))
      .map((r) => `${r.method} ${r.url}`)
      .filter((key) => !keys.includes(key) && !PENDING.has(key));
    expect(undeclared).toEqual([]);
    expect(keys.filter((key) => PENDING.has(key)), 'declared but still listed as pending').toEqual([]);
  });
});
