import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/server/platform/auth/actor.ts';
import { createUnit, updateUnit, deleteUnit, listUnits } from '../../src/server/modules/units/index.ts';
import { createUser, getUser, updateUser } from '../../src/server/modules/users/index.ts';
import { verifyAuditChain } from '../../src/server/platform/audit/audit-log.ts';
import { DIALECTS } from '../support/databases.ts';
import { createTestEnv, type TestEnv } from '../support/harness.ts';

describe.each(DIALECTS)('organisation services on %s', (dialect) => {
  let env: TestEnv;
  const actor = systemActor('test');
  beforeAll(async () => {
    env = await createTestEnv(dialect);
  });
  afterAll(async () => env.close());

  it('builds a unit tree, with each change audited in order', async () => {
    const city = await createUnit(env.ctx, actor, { name: '武汉市' });
    const fgw = await createUnit(env.ctx, actor, { name: '市发展改革委', parentId: city.id });
    const moved = await updateUnit(env.ctx, actor, fgw.id, { version: fgw.version, name: '市发改委' });
    expect(moved).toMatchObject({ name: '市发改委', parentId: city.id, version: 2 });
    const names = (await listUnits(env.ctx, actor)).map((u) => u.name);
    expect(names).toEqual(expect.arrayContaining(['武汉市', '市发改委']));
    const rows = await env.ctx.db.selectFrom('audit_events').select(['action', 'object_id', 'actor_name']).orderBy('seq').execute();
    expect(rows.map((r) => r.action)).toEqual(['unit.created', 'unit.created', 'unit.updated']);
    expect(rows[2]).toMatchObject({ object_id: fgw.id, actor_name: 'system:test' });
  });

  it('refuses a duplicate name and a delete of a unit in use, on this dialect too', async () => {
    const unit = await createUnit(env.ctx, actor, { name: '市商务局' });
    await expect(createUnit(env.ctx, actor, { name: '市商务局' })).rejects.toMatchObject({ code: 'unit_name_taken', status: 409 });
    await createUser(env.ctx, actor, { username: 'swj', unitId: unit.id, roles: ['liaison'], password: 'long enough pw' });
    await expect(deleteUnit(env.ctx, actor, unit.id)).rejects.toMatchObject({ code: 'unit_in_use' });
    // The failed delete left nothing behind: the chain still verifies and the unit exists.
    expect((await listUnits(env.ctx, actor)).some((u) => u.id === unit.id)).toBe(true);
    expect((await verifyAuditChain(env.ctx.db)).ok).toBe(true);
  });

  it('updates a user with optimistic concurrency and audits before/after', async () => {
    const unit = await createUnit(env.ctx, actor, { name: '江岸区' });
    const { user } = await createUser(env.ctx, actor, { username: 'jiangan', displayName: '周联络', unitId: unit.id, roles: ['liaison'], password: 'long enough pw' });
    const updated = await updateUser(env.ctx, actor, user.id, { version: user.version, roles: ['liaison', 'viewer'], displayName: '周明' });
    expect(updated).toMatchObject({ displayName: '周明', roles: ['liaison', 'viewer'], version: user.version + 1 });
    await expect(updateUser(env.ctx, actor, user.id, { version: user.version, displayName: 'stale' })).rejects.toMatchObject({ code: 'version_conflict' });
    expect((await getUser(env.ctx.db, user.id)).displayName).toBe('周明');
    const audit = await env.ctx.db.selectFrom('audit_events').select(['action', 'before_json', 'after_json']).where('object_id', '=', user.id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['user.created', 'user.updated']);
    expect(JSON.parse(audit[1]!.before_json!)).toMatchObject({ displayName: '周联络' });
    expect(audit[1]!.after_json).not.toContain('password');
  });
});
