import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestApp } from '../support/harness.ts';
import { signedInUser } from '../support/factories.ts';

/**
 * The sign-in requirement belongs to the route, not to the spelling of its path: every form a router or a proxy might
 * resolve to an API route (percent-encoded, doubled slashes, dot segments, other letter case) must answer 401 to an
 * anonymous caller, never the route's content and never a 500.
 */
const FORMS = (path: string): string[] => {
  const rest = path.slice('/api'.length);
  return [
    path,
    `/%61pi${rest}`,
    `/%61%70%69${rest}`,
    `/a%70i${rest}`,
    `//api${rest}`,
    `/api/${rest}`,
    `/x/../api${rest}`,
    `/api/./${rest.slice(1)}`,
    `/%2e%2e/api${rest}`,
    `/API${rest}`,
    `/Api${rest}`,
    `/%41PI${rest}`,
  ];
};

const READS = ['/api/openapi.json', '/api/docs', '/api/docs/static/index.html', '/api/docs/json', '/api/v1/tasks', '/api/v1/audit?limit=500', '/api/v1/me'];
const WRITES: Array<{ method: 'POST' | 'PATCH' | 'DELETE'; path: string; payload?: unknown }> = [
  { method: 'POST', path: '/api/v1/programmes', payload: { title: 'x' } },
  { method: 'PATCH', path: '/api/v1/tasks/00000000-0000-7000-8000-000000000000', payload: { version: 1, title: 'x' } },
  { method: 'POST', path: '/api/v1/users', payload: { nonsense: true } },
  { method: 'DELETE', path: '/api/v1/units/00000000-0000-7000-8000-000000000000' },
];

/** A request over a real socket with the path exactly as written: no client-side normalisation of dots or case. */
function raw(port: number, method: string, path: string, body?: unknown): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers: data ? { 'content-type': 'application/json', 'content-length': data.length } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
  });
}

/** What an anonymous caller may get for any form of a protected path: a refusal, and nothing of the route. */
function expectRefused(label: string, status: number, body: string): void {
  expect({ label, refused: [401, 404].includes(status) || (status >= 300 && status < 400) || status === 503 }).toEqual({ label, refused: true });
  expect({ label, status }).not.toEqual({ label, status: 500 });
  expect(body).not.toContain('"openapi"');
  expect(body).not.toContain('swagger-ui');
  expect(body).not.toMatch(/body\.\w+ (is required|is not allowed|must)/);
}

describe('the sign-in requirement cannot be bypassed by spelling a path differently', () => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const address = t.app.server.address();
    port = typeof address === 'object' && address ? address.port : 0;
  });
  afterAll(async () => t.close());

  it('refuses every form of the OpenAPI document, the docs and read routes (inject)', async () => {
    for (const path of READS) {
      for (const url of FORMS(path)) {
        const res = await t.app.inject({ method: 'GET', url });
        expectRefused(`GET ${url}`, res.statusCode, res.body);
      }
    }
  });

  it('refuses every form of the same paths over a real socket, where nothing normalises the path first', async () => {
    for (const path of READS) {
      for (const url of FORMS(path)) {
        const res = await raw(port, 'GET', url);
        expectRefused(`GET ${url}`, res.status, res.body);
      }
    }
  });

  it('answers 401 (not 500, not validation messages) to write routes reached through an encoded path', async () => {
    for (const w of WRITES) {
      for (const url of FORMS(w.path)) {
        const injected = await t.app.inject({ method: w.method, url, ...(w.payload ? { payload: w.payload as object } : {}) });
        expectRefused(`${w.method} ${url}`, injected.statusCode, injected.body);
        const socket = await raw(port, w.method, url, w.payload);
        expectRefused(`${w.method} ${url} (socket)`, socket.status, socket.body);
      }
      const encoded = await t.app.inject({ method: w.method, url: `/%61pi${w.path.slice(4)}`, ...(w.payload ? { payload: w.payload as object } : {}) });
      expect(encoded.statusCode).toBe(401);
      expect(json(encoded)).toMatchObject({ error: { code: 'unauthenticated' } });
    }
  });

  it('still serves the encoded form to a signed-in caller exactly as the plain one', async () => {
    const s = await signedInUser(t.app, t.ctx, ['viewer']);
    const plain = await t.app.inject({ method: 'GET', url: '/api/openapi.json', headers: s.headers });
    const encoded = await t.app.inject({ method: 'GET', url: '/%61pi/openapi.json', headers: s.headers });
    expect(plain.statusCode).toBe(200);
    expect(encoded.statusCode).toBe(200);
    expect(encoded.body).toBe(plain.body);
  });
});
