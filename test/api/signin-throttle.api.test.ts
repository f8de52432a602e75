import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestApp } from '../support/harness.ts';
import { buildUser, PASSWORD } from '../support/factories.ts';
import { loadConfig } from '../../src/server/platform/config.ts';

// A whole office often reaches the server through one proxy address: one person's typos must not lock everyone out.
describe('sign-in throttling by (address, username) with a per-address ceiling', () => {
  let t: TestApp;
  beforeAll(async () => {
    // The shipped defaults, except the ceiling per account, which this test does not reach.
    const defaults = loadConfig({});
    t = await createTestApp('sqlite', { config: { signInMaxFailuresPerUser: defaults.signInMaxFailuresPerUser, signInMaxFailuresPerAddress: defaults.signInMaxFailuresPerAddress } });
  });
  afterAll(async () => t.close());

  const attempt = (username: string, password: string, remoteAddress: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/session', remoteAddress, payload: { username, password } });

  it('ships a per-address ceiling of at least 100 failures per window', () => {
    expect(loadConfig({}).signInMaxFailuresPerAddress).toBeGreaterThanOrEqual(100);
  });

  it('lets a colleague behind the same address sign in after 30 failures by others', async () => {
    const office = '10.20.30.40';
    for (let i = 0; i < 30; i++) {
      const r = await attempt(`typo-user-${i % 10}`, 'wrong-password', office);
      expect(r.statusCode).toBe(401);
    }
    const colleague = await buildUser(t.ctx);
    expect((await attempt(colleague.username, PASSWORD, office)).statusCode).toBe(200);
  });

  it('blocks one username from one address after the pair limit, and only that pair', async () => {
    const victim = await buildUser(t.ctx);
    const other = await buildUser(t.ctx);
    const limit = t.ctx.config.signInMaxFailuresPerUser;
    for (let i = 0; i < limit; i++) expect((await attempt(victim.username, 'wrong-password', '10.0.0.7')).statusCode).toBe(401);
    const blocked = await attempt(victim.username, PASSWORD, '10.0.0.7');
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // The same person from another address, and someone else from the same address, are not locked out.
    expect((await attempt(victim.username, PASSWORD, '10.0.0.8')).statusCode).toBe(200);
    expect((await attempt(other.username, PASSWORD, '10.0.0.7')).statusCode).toBe(200);
  });

  it('blocks an address after the per-address ceiling, whatever the username', async () => {
    const ceiling = t.ctx.config.signInMaxFailuresPerAddress;
    const attacker = '192.0.2.66';
    for (let i = 0; i < ceiling; i++) await attempt(`spray-${i}`, 'wrong-password', attacker);
    const someone = await buildUser(t.ctx);
    const blocked = await attempt(someone.username, PASSWORD, attacker);
    expect(blocked.statusCode).toBe(429);
    expect(json(blocked)).toMatchObject({ error: { code: 'too_many_attempts' } });
    expect((await attempt(someone.username, PASSWORD, '192.0.2.67')).statusCode).toBe(200);
  });
});

describe('LUOSHI_TRUST_PROXY', () => {
  it('accepts true/false, a hop count or a list of proxy addresses', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ LUOSHI_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ LUOSHI_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ LUOSHI_TRUST_PROXY: '10.0.0.1, 10.1.0.0/16' }).trustProxy).toEqual(['10.0.0.1', '10.1.0.0/16']);
    expect(() => loadConfig({ LUOSHI_TRUST_PROXY: 'maybe' })).toThrow(/LUOSHI_TRUST_PROXY/);
  });

  it('throttles each client behind a trusted proxy by its forwarded address, and ignores the header from anyone else', async () => {
    const t = await createTestApp('sqlite', { config: { trustProxy: ['127.0.0.1'], signInMaxFailuresPerUser: 2 } });
    try {
      const user = await buildUser(t.ctx);
      const via = (forwarded: string, remoteAddress: string, password: string) =>
        t.app.inject({ method: 'POST', url: '/api/v1/session', remoteAddress, headers: { 'x-forwarded-for': forwarded }, payload: { username: user.username, password } });
      await via('203.0.113.1', '127.0.0.1', 'wrong-password');
      await via('203.0.113.1', '127.0.0.1', 'wrong-password');
      expect((await via('203.0.113.1', '127.0.0.1', PASSWORD)).statusCode).toBe(429);
      expect((await via('203.0.113.2', '127.0.0.1', PASSWORD)).statusCode).toBe(200);
      // A client that is not the proxy cannot pick its own address by sending the header.
      await via('203.0.113.9', '198.51.100.5', 'wrong-password');
      await via('203.0.113.10', '198.51.100.5', 'wrong-password');
      expect((await via('203.0.113.11', '198.51.100.5', PASSWORD)).statusCode).toBe(429);
    } finally {
      await t.close();
    }
  });
});
