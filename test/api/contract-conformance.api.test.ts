import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpoints } from '../../src/contract/api.ts';
import type { Endpoint } from '../../src/contract/endpoint.ts';
import { createTestApp, type TestApp } from '../support/harness.ts';

/**
 * The contract is the one description of the API: every endpoint it declares is a route validating and serialising
 * with the very same schema objects, and every API route is declared in it. So the web (typed by the contract) and the
 * server cannot drift apart.
 */

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
      .filter((key) => !keys.includes(key));
    expect(undeclared).toEqual([]);
  });
});
