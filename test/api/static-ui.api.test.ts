import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/harness.ts';

describe('the UI’s static files', () => {
  let t: TestApp;
  const webRoot = mkdtempSync(join(tmpdir(), 'luoshi-web-'));
  beforeAll(async () => {
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Luoshi</title>');
    mkdirSync(join(webRoot, 'assets'));
    writeFileSync(join(webRoot, 'assets', 'app-abc123.js'), 'console.log(1)');
    t = await createTestApp('sqlite', { webRoot });
  });
  afterAll(async () => {
    await t.close();
    rmSync(webRoot, { recursive: true, force: true });
  });

  it('serves the shell at / and for client-side routes, without signing in, revalidated every time', async () => {
    for (const url of ['/', '/documents', '/tasks/123?tab=timeline']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect({ url, status: res.statusCode }).toEqual({ url, status: 200 });
      expect(res.body).toContain('<title>Luoshi</title>');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    }
  });

  it('serves fingerprinted assets as immutable, a missing one as 404, and picks up a rebuilt file at once', async () => {
    const asset = await t.app.inject({ method: 'GET', url: '/assets/app-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await t.app.inject({ method: 'GET', url: '/assets/app-gone.js' })).statusCode).toBe(404);
    writeFileSync(join(webRoot, 'assets', 'app-new456.js'), 'console.log(2)');
    expect((await t.app.inject({ method: 'GET', url: '/assets/app-new456.js' })).statusCode).toBe(200);
  });

  it('never serves files outside the UI directory', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/../../etc/passwd' });
    expect(res.body).not.toContain('root:');
  });
});
