/**
 * 统计 through HTTP with the result cache: a repeated view is a cache hit with the same body, a change made through
 * the API shows at once, another programme's supervisor still gets 404 after the dashboard was cached, and /metrics
 * reports the cache.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statsCacheOf } from '../../src/server/modules/stats/stats-cache.ts';
import { buildUnit, buildUser, signIn, type SignedIn } from '../support/factories.ts';
import { answer, createTestApp, json, TestClock, type TestApp } from '../support/harness.ts';
import { generateProgramme, type Generated } from '../support/oversight-data.ts';

describe('统计 from the result cache (API)', () => {
  let t: TestApp;
  let supervisor: SignedIn;
  let otherSupervisor: SignedIn;
  let p: Generated;

  const get = (who: SignedIn, query: Record<string, string>) => t.app.inject({ method: 'GET', url: `/api/v1/stats?${new URLSearchParams(query)}`, headers: who.headers });

  beforeAll(async () => {
    t = await createTestApp('sqlite', { clock: new TestClock(new Date('2024-05-10T02:00:00.000Z')) });
    const units = [(await buildUnit(t.ctx)).id, (await buildUnit(t.ctx)).id];
    supervisor = await signIn(t.app, await buildUser(t.ctx, { roles: ['supervisor'] }));
    otherSupervisor = await signIn(t.app, await buildUser(t.ctx, { roles: ['supervisor'] }));
    p = await generateProgramme(t.ctx, { seed: 5, supervisorIds: [supervisor.user.id], unitIds: units, areas: 2, perArea: 8 });
  });
  afterAll(async () => t.close());

  it('answers 404 to a supervisor of another programme, even once the dashboard is cached', async () => {
    expect((await get(supervisor, { programmeId: p.programmeId })).statusCode).toBe(200);
    const res = await get(otherSupervisor, { programmeId: p.programmeId });
    expect(res.statusCode).toBe(404);
    expect(json(res)).toMatchObject({ error: { code: 'programme_not_found' } });
  });

  it('serves a repeated view from the cache and shows a change made through the API at once', async () => {
    const cache = statsCacheOf(t.ctx);
    const first = await get(supervisor, { programmeId: p.programmeId });
    const hits = cache.hits;
    const second = await get(supervisor, { programmeId: p.programmeId });
    expect(cache.hits).toBe(hits + 1);
    expect(second.body).toBe(first.body);

    // Rename a task through the API: the next view recomputes, and the tree map names it anew.
    const taskId = p.taskIds[0]!;
    const task = answer('GET /api/v1/tasks/:id', await t.app.inject({ method: 'GET', url: `/api/v1/tasks/${taskId}`, headers: supervisor.headers })).task;
    expect(answer('GET /api/v1/stats', second).tree.find((n) => n.id === taskId)?.name).not.toContain('改过的名字');
    const patched = await t.app.inject({ method: 'PATCH', url: `/api/v1/tasks/${taskId}`, headers: supervisor.headers, payload: { version: task.version, title: '改过的名字' } });
    expect(patched.statusCode, patched.body).toBe(200);
    const after = answer('GET /api/v1/stats', await get(supervisor, { programmeId: p.programmeId }));
    expect(after.tree.find((n) => n.id === taskId)?.name).toContain('改过的名字');
  });

  it('reports the cache on /metrics', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/luoshi_stats_cache\{measure="hits"\} [1-9]/);
    expect(res.body).toMatch(/luoshi_stats_cache\{measure="entries"\} [1-9]/);
  });
});
