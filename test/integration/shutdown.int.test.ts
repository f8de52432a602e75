import { request as httpRequest } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/platform/config.ts';
import { createContext } from '../../src/server/platform/context.ts';
import { startServer } from '../../src/server/server.ts';
import { openTestDatabase, type TestDatabase } from '../support/databases.ts';
import { buildUser, PASSWORD } from '../support/factories.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

describe('operations of a running server', () => {
  let database: TestDatabase | null = null;
  let server: ServerProcess | null = null;
  afterAll(async () => {
    server?.child.kill('SIGKILL');
    await database?.close();
  });

  it('reports the scheduler’s job times and lag in /metrics', async () => {
    const db = await openTestDatabase('sqlite');
    try {
      const running = await startServer({ ...loadConfig({}, { dataDir: db.tmpDir, port: 0, host: '127.0.0.1' }), schedulerIntervalSeconds: 1 }, { logger: false });
      try {
        let body = '';
        for (let i = 0; i < 100 && !/luoshi_scheduler_job_duration_seconds_count\{job="notices.deliver"\} [1-9]/.test(body); i++) {
          await new Promise((r) => setTimeout(r, 100));
          body = await (await fetch(`${running.url.replace('localhost', '127.0.0.1')}/metrics`)).text();
        }
        expect(body).toMatch(/luoshi_scheduler_job_duration_seconds_count\{job="notices.sweep"\} [1-9]/);
        expect(body).toMatch(/luoshi_scheduler_lag_seconds \d/);
        expect(body).toMatch(/luoshi_scheduler_last_run_timestamp_seconds \d/);
      } finally {
        await running.stop();
      }
    } finally {
      await db.close();
    }
  });

  it('finishes a request in flight when told to stop, refuses new ones, and exits 0', async () => {
    database = await openTestDatabase('sqlite');
    const ctx = createContext(loadConfig({}, { dataDir: database.tmpDir }), database);
    const supervisor = await buildUser(ctx, { roles: ['supervisor'] });
    server = await startServerProcess({ LUOSHI_DATA_DIR: database.tmpDir });
    const base = server.url;
    const signIn = await fetch(`${base}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: supervisor.username, password: PASSWORD }) });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const csrf = ((await signIn.json()) as { csrfToken: string }).csrfToken;

    const body = Buffer.from(JSON.stringify({ text: '一、加快建设现代化产业体系\n（一）推进新型工业化，加快传统产业转型升级。' }));
    const { port } = new URL(base);
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: Number(port), method: 'POST', path: '/api/v1/documents/text', headers: { 'content-type': 'application/json', 'content-length': body.length, cookie, 'x-csrf-token': csrf } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      });
      req.on('error', reject);
      // Half the body now; the rest after the server was told to stop.
      req.write(body.subarray(0, 20));
      setTimeout(() => {
        server!.child.kill('SIGTERM');
        setTimeout(async () => {
          const late = await fetch(`${base}/api/health`).then((r) => r.status, () => 'refused');
          expect([503, 'refused']).toContain(late);
          req.end(body.subarray(20));
        }, 400);
      }, 200);
    });
    const res = await answer;
    expect(res.status).toBe(201);
    expect(JSON.parse(res.body)).toMatchObject({ document: { title: expect.any(String) } });
    expect(await server.exited).toEqual({ code: 0, signal: null });
    server = null;
  });
});
