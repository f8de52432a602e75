import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/harness.ts';
import { signedInUser, type SignedIn } from '../support/factories.ts';

describe('security headers on the docs, the UI and the API', () => {
  const webRoot = mkdtempSync(join(tmpdir(), 'luoshi-web-headers-'));
  let http: TestApp;
  let https: TestApp;
  let s: SignedIn;
  let sHttps: SignedIn;
  beforeAll(async () => {
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Luoshi</title>');
    http = await createTestApp('sqlite', { webRoot });
    https = await createTestApp('sqlite', { webRoot, config: { publicUrl: 'https://luoshi.example.gov.cn', secureCookies: true } });
    s = await signedInUser(http.app, http.ctx, ['viewer']);
    sHttps = await signedInUser(https.app, https.ctx, ['viewer']);
  });
  afterAll(async () => {
    await http.close();
    await https.close();
    rmSync(webRoot, { recursive: true, force: true });
  });

  it('sends a CSP and frame protection with the API docs and their assets', async () => {
    for (const url of ['/api/docs', '/api/docs/', '/api/docs/static/swagger-initializer.js', '/api/docs/json']) {
      const res = await http.app.inject({ method: 'GET', url, headers: s.headers });
      expect({ url, status: res.statusCode < 400 }).toEqual({ url, status: true });
      const csp = String(res.headers['content-security-policy'] ?? '');
      expect({ url, csp }).toEqual({ url, csp: expect.stringContaining("frame-ancestors 'none'") });
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('sends HSTS on the UI and the API when the public URL is https, and never over plain http', async () => {
    for (const url of ['/', '/tasks/1', '/api/health']) {
      const secure = await https.app.inject({ method: 'GET', url });
      expect({ url, hsts: secure.headers['strict-transport-security'] }).toEqual({ url, hsts: expect.stringMatching(/^max-age=\d{7,}; includeSubDomains$/) });
      const plain = await http.app.inject({ method: 'GET', url });
      expect({ url, hsts: plain.headers['strict-transport-security'] }).toEqual({ url, hsts: undefined });
    }
    const docs = await https.app.inject({ method: 'GET', url: '/api/docs', headers: sHttps.headers });
    expect(docs.headers['strict-transport-security']).toMatch(/^max-age=/);
  });

  it('keeps the UI’s CSP and frame protection', async () => {
    const res = await http.app.inject({ method: 'GET', url: '/' });
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-frame-options']).toBe('DENY');
  });
});
