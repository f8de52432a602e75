import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestApp } from '../support/harness.ts';
import { signedInUser } from '../support/factories.ts';

// Routes come from the OpenAPI document, so a route added later is covered without editing this test.
describe('every route but health and sign-in refuses an anonymous caller', () => {
  let t: TestApp;
  const routes: Array<{ method: string; url: string; isPublic: boolean }> = [];
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(async () => t.close());

  it('lists the routes', () => {
    const spec = t.app.swagger() as { paths: Record<string, Record<string, { security?: unknown[] }>> };
    for (const [path, ops] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        routes.push({ method: method.toUpperCase(), url: path.replace(/\{[^}]+\}/g, '00000000-0000-7000-8000-000000000000'), isPublic: Array.isArray(op.security) && op.security.length === 0 });
      }
    }
    routes.push({ method: 'GET', url: '/api/openapi.json', isPublic: false }, { method: 'GET', url: '/api/docs', isPublic: false }, { method: 'GET', url: '/api/v1/does-not-exist', isPublic: false });
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.filter((r) => r.isPublic).map((r) => `${r.method} ${r.url}`).sort()).toEqual(['GET /api/health', 'POST /api/v1/session']);
  });

  it('answers 401 for each non-public route without credentials', async () => {
    for (const r of routes.filter((x) => !x.isPublic)) {
      const res = await t.app.inject({ method: r.method as 'GET', url: r.url, payload: r.method === 'GET' || r.method === 'DELETE' ? undefined : {} });
      expect({ route: `${r.method} ${r.url}`, status: res.statusCode }).toEqual({ route: `${r.method} ${r.url}`, status: 401 });
      expect(json(res)).toMatchObject({ error: { code: 'unauthenticated' } });
    }
  });

  it('serves health anonymously with version and database kind', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(json(res)).toEqual({ status: 'ok', version: expect.stringMatching(/^\d+\.\d+\.\d+/), database: 'sqlite' });
  });

  it('answers 404 JSON for an unknown API route when signed in, and serves the OpenAPI document', async () => {
    const s = await signedInUser(t.app, t.ctx, ['viewer']);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/nothing/here', headers: s.headers });
    expect(res.statusCode).toBe(404);
    expect(json(res)).toMatchObject({ error: { code: 'route_not_found' } });
    const spec = await t.app.inject({ method: 'GET', url: '/api/openapi.json', headers: s.headers });
    expect(spec.statusCode).toBe(200);
    expect(json(spec)).toMatchObject({ openapi: expect.stringMatching(/^3\./), info: { title: 'Luoshi API' } });
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs', headers: s.headers });
    expect([200, 302]).toContain(docs.statusCode);
  });
});
