import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer, createTestApp, json, type TestApp } from '../support/harness.ts';
import { buildUser, PASSWORD, signIn } from '../support/factories.ts';

describe('sign-in and sessions (API)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite', { config: { signInMaxFailuresPerUser: 3, signInMaxFailuresPerAddress: 50 } });
  });
  afterAll(async () => t.close());

  it('answers 401 with the same message for an unknown user and a wrong password', async () => {
    const user = await buildUser(t.ctx);
    const unknown = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'nobody-here', password: PASSWORD } });
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: user.username, password: 'not the password' } });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(json(unknown)).toEqual(json(wrong));
    expect(json(wrong)).toEqual({ error: { code: 'invalid_credentials', message: 'Wrong username or password' } });
    expect(wrong.cookies).toHaveLength(0);
  });

  it('names the missing field on a schema violation and rejects malformed JSON', async () => {
    const missing = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'x' } });
    expect(missing.statusCode).toBe(400);
    expect(json(missing)).toMatchObject({ error: { code: 'invalid_request', field: 'body.password' } });
    expect((json(missing).error as { message: string }).message).toContain('password');
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/session', headers: { 'content-type': 'application/json' }, payload: '{"username":' });
    expect(bad.statusCode).toBe(400);
    expect(json(bad)).toMatchObject({ error: { code: 'invalid_json' } });
    const extra = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'x', password: 'y', admin: true } });
    expect(extra.statusCode).toBe(400);
    expect(json(extra)).toMatchObject({ error: { field: 'body.admin' } });
  });

  it('refuses a body over the limit with 413', async () => {
    const huge = JSON.stringify({ username: 'x', password: 'y'.repeat(t.ctx.config.bodyLimitBytes + 10) });
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/session', headers: { 'content-type': 'application/json' }, payload: huge });
    expect(res.statusCode).toBe(413);
    expect(json(res)).toMatchObject({ error: { code: 'payload_too_large' } });
  });

  it('rate-limits failed sign-ins per user, even with the right password, and tells when to retry', async () => {
    const user = await buildUser(t.ctx);
    for (let i = 0; i < 3; i++) {
      const r = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: user.username, password: 'wrong-wrong' } });
      expect(r.statusCode).toBe(401);
    }
    const blocked = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: user.username, password: PASSWORD } });
    expect(blocked.statusCode).toBe(429);
    expect(json(blocked)).toMatchObject({ error: { code: 'too_many_attempts' } });
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // After the window the user may sign in again.
    t.clock.advance(16 * 60_000);
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: user.username, password: PASSWORD } });
    expect(ok.statusCode).toBe(200);
  });

  it('signs in with an httpOnly SameSite=Lax cookie, rotates the session and signs out', async () => {
    const user = await buildUser(t.ctx, { roles: ['supervisor'] });
    const first = await signIn(t.app, user);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/session', headers: { cookie: first.cookie }, payload: { username: user.username.toUpperCase(), password: PASSWORD } });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'luoshi_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.value).not.toBe(first.cookie.split('=')[1]);
    // The session the browser had before is gone: rotation defeats session fixation.
    const old = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: first.cookie } });
    expect(old.statusCode).toBe(401);
    const headers = { cookie: `luoshi_session=${cookie?.value}`, 'x-csrf-token': answer('POST /api/v1/session', res).csrfToken ?? '' };
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers });
    expect(me.statusCode).toBe(200);
    expect(answer('GET /api/v1/me', me)).toMatchObject({ user: { username: user.username, roles: ['supervisor'] } });
    expect(answer('GET /api/v1/me', me).permissions).toContain('task.assign');
    expect(me.body).not.toContain('password');
    const out = await t.app.inject({ method: 'DELETE', url: '/api/v1/session', headers });
    expect(out.statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers });
    expect(after.statusCode).toBe(401);
    const events = await t.ctx.db.selectFrom('audit_events').select('action').where('object_id', '=', user.id).execute();
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['user.signed_in', 'user.signed_out']));
  });

  it('requires the CSRF header for cookie-authenticated writes', async () => {
    const s = await signIn(t.app, await buildUser(t.ctx));
    const without = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: { cookie: s.cookie }, payload: { locale: 'en' } });
    expect(without.statusCode).toBe(403);
    expect(json(without)).toMatchObject({ error: { code: 'csrf_failed' } });
    const wrong = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: { cookie: s.cookie, 'x-csrf-token': 'nope' }, payload: { locale: 'en' } });
    expect(wrong.statusCode).toBe(403);
    const ok = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: s.headers, payload: { locale: 'zh-Hant' } });
    expect(ok.statusCode).toBe(200);
    expect(answer('PATCH /api/v1/me', ok)).toMatchObject({ user: { locale: 'zh-Hant' } });
    const badLocale = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: s.headers, payload: { locale: 'fr' } });
    expect(badLocale.statusCode).toBe(400);
  });

  it('expires an idle session', async () => {
    const s = await signIn(t.app, await buildUser(t.ctx));
    t.clock.advance((t.ctx.config.sessionIdleHours + 1) * 3_600_000);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: s.headers });
    expect(res.statusCode).toBe(401);
  });

  it('ends the sessions of a deactivated user at once', async () => {
    const admin = await signIn(t.app, await buildUser(t.ctx, { roles: ['admin'] }));
    const victim = await buildUser(t.ctx);
    const s = await signIn(t.app, victim);
    const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${victim.id}`, headers: admin.headers, payload: { version: victim.version, active: false } });
    expect(res.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: s.headers })).statusCode).toBe(401);
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: victim.username, password: PASSWORD } });
    expect(again.statusCode).toBe(401);
  });

  it('changes the own password only with the current one, ending other sessions', async () => {
    const user = await buildUser(t.ctx);
    const a = await signIn(t.app, user);
    const b = await signIn(t.app, user);
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/me/password', headers: a.headers, payload: { currentPassword: 'nope-nope', newPassword: 'a new password' } });
    expect(wrong.statusCode).toBe(401);
    const weak = await t.app.inject({ method: 'POST', url: '/api/v1/me/password', headers: a.headers, payload: { currentPassword: PASSWORD, newPassword: 'short' } });
    expect(weak.statusCode).toBe(400);
    expect(json(weak)).toMatchObject({ error: { code: 'weak_password' } });
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/me/password', headers: a.headers, payload: { currentPassword: PASSWORD, newPassword: 'a new password' } });
    expect(ok.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: a.headers })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: b.headers })).statusCode).toBe(401);
    await signIn(t.app, user, 'a new password');
  });
});

describe('API tokens', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(async () => t.close());

  it('creates a token shown once, authenticates with it without CSRF, records last use and revokes it', async () => {
    const user = await buildUser(t.ctx, { roles: ['admin'] });
    const s = await signIn(t.app, user);
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/me/tokens', headers: s.headers, payload: { name: 'nightly export', expiresInDays: 30 } });
    expect(created.statusCode).toBe(201);
    const { token, record } = answer('POST /api/v1/me/tokens', created);
    expect(token).toMatch(/^lsk_/);
    expect(token.startsWith(record.prefix)).toBe(true);
    expect(record.lastUsedAt).toBeNull();
    const stored = await t.ctx.db.selectFrom('api_tokens').selectAll().where('id', '=', record.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token.slice(4));

    const bearer = { authorization: `Bearer ${token}` };
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer });
    expect(me.statusCode).toBe(200);
    expect(answer('GET /api/v1/me', me)).toMatchObject({ user: { id: user.id }, csrfToken: null });
    // Tokens carry the owner's rights: this admin may create a unit, without any CSRF header.
    const write = await t.app.inject({ method: 'POST', url: '/api/v1/units', headers: bearer, payload: { name: 'Token-made unit' } });
    expect(write.statusCode).toBe(201);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/me/tokens', headers: s.headers });
    const listed = answer('GET /api/v1/me/tokens', list).items;
    expect(listed.find((i) => i.id === record.id)?.lastUsedAt).not.toBeNull();
    expect(list.body).not.toContain(token);

    const other = await signIn(t.app, await buildUser(t.ctx));
    const foreign = await t.app.inject({ method: 'DELETE', url: `/api/v1/me/tokens/${record.id}`, headers: other.headers });
    expect(foreign.statusCode).toBe(404);

    const revoked = await t.app.inject({ method: 'DELETE', url: `/api/v1/me/tokens/${record.id}`, headers: s.headers });
    expect(revoked.statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer });
    expect(after.statusCode).toBe(401);
    expect(json(after)).toMatchObject({ error: { code: 'invalid_token' } });
  });

  it('refuses a token with a viewer owner on admin routes, and garbage tokens', async () => {
    const s = await signIn(t.app, await buildUser(t.ctx, { roles: ['viewer'] }));
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/me/tokens', headers: s.headers, payload: { name: 'ro' } });
    const { token } = answer('POST /api/v1/me/tokens', created);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/units', headers: { authorization: `Bearer ${token}` }, payload: { name: 'nope' } });
    expect(res.statusCode).toBe(403);
    const garbage = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: 'Bearer lsk_garbage' } });
    expect(garbage.statusCode).toBe(401);
  });

  it('expires a token after its lifetime', async () => {
    const s = await signIn(t.app, await buildUser(t.ctx));
    const { token } = answer('POST /api/v1/me/tokens', await t.app.inject({ method: 'POST', url: '/api/v1/me/tokens', headers: s.headers, payload: { name: 'short', expiresInDays: 1 } }));
    t.clock.advance(2 * 86_400_000);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
  });
});
