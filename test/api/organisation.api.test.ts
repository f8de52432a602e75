import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer, createTestApp, json, type TestApp } from '../support/harness.ts';
import { buildUnit, buildUser, signedInUser, type SignedIn } from '../support/factories.ts';

describe('units and users administration (API)', () => {
  let t: TestApp;
  let admin: SignedIn;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
    admin = await signedInUser(t.app, t.ctx, ['admin']);
  });
  afterAll(async () => t.close());

  const post = (url: string, payload: unknown, who: SignedIn = admin) => t.app.inject({ method: 'POST', url, headers: who.headers, payload: payload as object });
  const patch = (url: string, payload: unknown, who: SignedIn = admin) => t.app.inject({ method: 'PATCH', url, headers: who.headers, payload: payload as object });

  it('forbids unit and user management to other roles but lets them read the directory', async () => {
    for (const role of ['supervisor', 'leader', 'liaison', 'viewer'] as const) {
      const s = await signedInUser(t.app, t.ctx, [role]);
      expect((await post('/api/v1/units', { name: `x-${role}` }, s)).statusCode).toBe(403);
      expect((await post('/api/v1/users', { username: `u-${role}`, unitId: s.user.unitId, roles: ['viewer'] }, s)).statusCode).toBe(403);
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/units', headers: s.headers })).statusCode).toBe(200);
    }
  });

  it('validates unit input and refuses duplicate names', async () => {
    const empty = await post('/api/v1/units', { name: '' });
    expect(empty.statusCode).toBe(400);
    expect(json(empty)).toMatchObject({ error: { field: 'body.name' } });
    const blank = await post('/api/v1/units', { name: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(json(blank)).toMatchObject({ error: { code: 'invalid_name' } });
    const orphan = await post('/api/v1/units', { name: '孤儿单位', parentId: 'nope' });
    expect(orphan.statusCode).toBe(400);
    expect(json(orphan)).toMatchObject({ error: { code: 'parent_not_found' } });
    expect((await post('/api/v1/units', { name: '市统计局' })).statusCode).toBe(201);
    const dup = await post('/api/v1/units', { name: '市统计局' });
    expect(dup.statusCode).toBe(409);
    expect(json(dup)).toMatchObject({ error: { code: 'unit_name_taken' } });
  });

  it('creates, renames and moves units, refusing cycles and stale versions', async () => {
    const city = answer('POST /api/v1/units', await post('/api/v1/units', { name: '测试市' }));
    const bureau = answer('POST /api/v1/units', await post('/api/v1/units', { name: '测试市财政局', parentId: city.id }));
    const office = answer('POST /api/v1/units', await post('/api/v1/units', { name: '测试市财政局办公室', parentId: bureau.id }));
    expect(bureau.parentId).toBe(city.id);

    const cycle = await patch(`/api/v1/units/${city.id}`, { version: city.version, parentId: office.id });
    expect(cycle.statusCode).toBe(409);
    expect(json(cycle)).toMatchObject({ error: { code: 'unit_cycle' } });

    const renamed = answer('PATCH /api/v1/units/:id', await patch(`/api/v1/units/${bureau.id}`, { version: bureau.version, name: '测试市财政厅' }));
    expect(renamed).toMatchObject({ name: '测试市财政厅', version: bureau.version + 1 });
    const stale = await patch(`/api/v1/units/${bureau.id}`, { version: bureau.version, name: '又改名' });
    expect(stale.statusCode).toBe(409);
    expect(json(stale)).toMatchObject({ error: { code: 'version_conflict' } });

    const moved = answer('PATCH /api/v1/units/:id', await patch(`/api/v1/units/${office.id}`, { version: office.version, parentId: city.id }));
    expect(moved.parentId).toBe(city.id);
    const audit = await t.ctx.db.selectFrom('audit_events').select(['action', 'before_json', 'after_json']).where('object_id', '=', office.id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['unit.created', 'unit.moved']);
    expect(JSON.parse(audit[1]!.before_json!)).toMatchObject({ parentId: bureau.id });
    expect(JSON.parse(audit[1]!.after_json!)).toMatchObject({ parentId: city.id });
  });

  it('deactivates a unit only after its sub-units, and never hard-deletes a unit that owns data', async () => {
    const parent = await buildUnit(t.ctx);
    const child = await buildUnit(t.ctx, { parentId: parent.id });
    await buildUser(t.ctx, { unitId: child.id });
    const blocked = await patch(`/api/v1/units/${parent.id}`, { version: parent.version, active: false });
    expect(blocked.statusCode).toBe(409);
    expect(json(blocked)).toMatchObject({ error: { code: 'unit_has_active_children' } });
    const del = await t.app.inject({ method: 'DELETE', url: `/api/v1/units/${child.id}`, headers: admin.headers });
    expect(del.statusCode).toBe(409);
    expect(json(del)).toMatchObject({ error: { code: 'unit_in_use' } });
    const off = await patch(`/api/v1/units/${child.id}`, { version: child.version, active: false });
    expect(answer('PATCH /api/v1/units/:id', off).active).toBe(false);
    const newUserInInactive = await post('/api/v1/users', { username: 'late.joiner', unitId: child.id, roles: ['viewer'] });
    expect(newUserInInactive.statusCode).toBe(409);
    const empty = await buildUnit(t.ctx);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/units/${empty.id}`, headers: admin.headers })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/units/${empty.id}`, headers: admin.headers })).statusCode).toBe(404);
  });

  it('sets a unit head only from its own members', async () => {
    const unit = await buildUnit(t.ctx);
    const outsider = await buildUser(t.ctx);
    const member = await buildUser(t.ctx, { unitId: unit.id });
    const bad = await patch(`/api/v1/units/${unit.id}`, { version: unit.version, headUserId: outsider.id });
    expect(json(bad)).toMatchObject({ error: { code: 'head_not_in_unit' } });
    const ok = await patch(`/api/v1/units/${unit.id}`, { version: unit.version, headUserId: member.id });
    expect(answer('PATCH /api/v1/units/:id', ok).headUserId).toBe(member.id);
  });

  it('creates users with a generated password shown once, and validates them', async () => {
    const unit = await buildUnit(t.ctx);
    const bad = await post('/api/v1/users', { username: 'Bad Name!', unitId: unit.id, roles: ['viewer'] });
    expect(json(bad)).toMatchObject({ error: { code: 'invalid_username' } });
    const badRole = await post('/api/v1/users', { username: 'x.y', unitId: unit.id, roles: ['king'] });
    expect(badRole.statusCode).toBe(400);
    const created = await post('/api/v1/users', { username: 'Wang.Wu', displayName: '王五', unitId: unit.id, roles: ['liaison', 'viewer'] });
    expect(created.statusCode).toBe(201);
    const body = answer('POST /api/v1/users', created);
    expect(body.user).toMatchObject({ username: 'wang.wu', roles: ['liaison', 'viewer'] });
    expect(body.generatedPassword?.length).toBeGreaterThanOrEqual(12);
    const signIn = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'wang.wu', password: body.generatedPassword! } });
    expect(signIn.statusCode).toBe(200);
    const dup = await post('/api/v1/users', { username: 'WANG.WU', unitId: unit.id, roles: ['viewer'] });
    expect(json(dup)).toMatchObject({ error: { code: 'username_taken' } });
    const row = await t.ctx.db.selectFrom('users').select('password_hash').where('username', '=', 'wang.wu').executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('keeps at least one active administrator', async () => {
    const solo = await createTestApp('sqlite');
    try {
      const me = await signedInUser(solo.app, solo.ctx, ['admin']);
      const res = await solo.app.inject({ method: 'PATCH', url: `/api/v1/users/${me.user.id}`, headers: me.headers, payload: { version: me.user.version, roles: ['viewer'] } });
      expect(res.statusCode).toBe(409);
      expect(json(res)).toMatchObject({ error: { code: 'last_admin' } });
    } finally {
      await solo.close();
    }
  });

  it('moves a user to another unit, changes roles, and resets a password', async () => {
    const target = await buildUnit(t.ctx);
    const user = await buildUser(t.ctx);
    const res = await patch(`/api/v1/users/${user.id}`, { version: user.version, unitId: target.id, roles: ['supervisor'] });
    expect(res.statusCode).toBe(200);
    expect(answer('PATCH /api/v1/users/:id', res)).toMatchObject({ unitId: target.id, roles: ['supervisor'] });
    const reset = await post(`/api/v1/users/${user.id}/password`, { password: 'brand new secret' });
    expect(reset.statusCode).toBe(200);
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: user.username, password: 'brand new secret' } });
    expect(ok.statusCode).toBe(200);
    const list = await t.app.inject({ method: 'GET', url: `/api/v1/users?unitId=${target.id}`, headers: admin.headers });
    expect(answer('GET /api/v1/users', list).items.map((u) => u.id)).toEqual([user.id]);
  });
});
