import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { createTestApp, createTestEnv, json, type TestApp } from '../support/harness.ts';
import { buildTask, signedInUser, type SignedIn } from '../support/factories.ts';

describe('/metrics', () => {
  let t: TestApp;
  let viewer: SignedIn;
  let taskId: string;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
    viewer = await signedInUser(t.app, t.ctx, ['viewer']);
    taskId = (await buildTask(t.ctx, { state: 'assigned' })).id;
  });
  afterAll(async () => t.close());

  it('serves request counts and latencies by route pattern, the notice queue and the event loop, on loopback', async () => {
    await t.app.inject({ method: 'GET', url: `/api/v1/tasks/${taskId}`, headers: viewer.headers });
    await t.app.inject({ method: 'GET', url: '/api/v1/tasks/00000000-0000-7000-8000-000000000000', headers: viewer.headers });
    const res = await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.body).toMatch(/http_requests_total\{method="GET",route="\/api\/v1\/tasks\/:id",status_code="200"\} 1/);
    expect(res.body).toMatch(/http_requests_total\{method="GET",route="\/api\/v1\/tasks\/:id",status_code="404"\} 1/);
    expect(res.body).toMatch(/http_request_duration_seconds_bucket\{le="0\.005",method="GET",route="\/api\/v1\/tasks\/:id"\}/);
    expect(res.body).toMatch(/luoshi_outbox_messages\{status="pending"\} \d+/);
    expect(res.body).toMatch(/luoshi_outbox_oldest_due_seconds \d/);
    expect(res.body).toMatch(/nodejs_eventloop_lag_seconds \d/);
    // Object ids never become labels.
    expect(res.body).not.toContain(taskId);
  });

  it('refuses other addresses and proxied requests when no token is configured', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.7' })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': '203.0.113.7' } })).statusCode).toBe(403);
  });

  it('serves anyone holding the configured token, and no one else', async () => {
    const withToken = await createTestApp('sqlite', { config: { metricsToken: 'scrape-secret-token' } });
    try {
      const get = (headers: Record<string, string>, remoteAddress = '203.0.113.7') => withToken.app.inject({ method: 'GET', url: '/metrics', remoteAddress, headers });
      expect((await get({})).statusCode).toBe(403);
      expect((await get({}, '127.0.0.1')).statusCode).toBe(403);
      expect((await get({ authorization: 'Bearer wrong-token-value!' })).statusCode).toBe(403);
      expect((await get({ authorization: 'Bearer scrape-secret-token' })).statusCode).toBe(200);
    } finally {
      await withToken.close();
    }
  });
});

describe('request ids', () => {
  it('gives every response an id, keeps a sane one from the proxy, and logs every line of a request with it', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    const env = await createTestEnv('sqlite');
    const app = await buildApp(env.ctx, { logger: { level: 'info', stream } });
    await app.ready();
    try {
      const fresh = await app.inject({ method: 'GET', url: '/api/health' });
      expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      const kept = await app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'proxy-abc.123' } });
      expect(kept.headers['x-request-id']).toBe('proxy-abc.123');
      const odd = await app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'not ok\u0007' } });
      expect(odd.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      const logged = lines.map((l) => JSON.parse(l) as { reqId?: string; msg?: string });
      const ofKept = logged.filter((l) => l.reqId === 'proxy-abc.123');
      expect(ofKept.map((l) => l.msg)).toEqual(expect.arrayContaining(['incoming request', 'request completed']));
      expect(json(kept)).toMatchObject({ status: 'ok' });
    } finally {
      await app.close();
      await env.close();
    }
  });
});
