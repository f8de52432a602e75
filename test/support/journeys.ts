/**
 * Shared steps of the browser journeys on the demo data: signing in over HTTP and through the UI, calling the API as
 * the UI does, publishing the demo programme, and a lifecycle action through the task page's toolbar.
 */
import { expect } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { ApiEndpoints, ApiKey } from '../../src/contract/api.ts';
import type { ResponseOf } from '../../src/contract/endpoint.ts';
import { DEMO_PASSWORD } from '../../src/server/demo/seed-demo.ts';
import { clickForResponse, launchBrowser, recordApiCalls, startDemoServer, type BrowserSession, type DemoServer } from './browser.ts';
import { contractAnswer } from './contract-answer.ts';

/** A 1×1 PNG: real image bytes, so the server's content sniffing accepts it as evidence. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

export interface Session {
  cookie: string;
  csrf: string;
}

/** Signs in over HTTP as the UI's sign-in page does, keeping the session cookie and the CSRF token. */
export async function apiSignIn(baseUrl: string, username: string): Promise<Session> {
  const res = await fetch(`${baseUrl}/api/v1/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  expect(res.status).toBe(200);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const me = contractAnswer('POST /api/v1/session', res.status, await res.text());
  return { cookie, csrf: me.csrfToken ?? '' };
}

/**
 * One API call with the session to the contract endpoint `key` (its method is the key's, `path` is the key's path with
 * the ids filled in); throws with the answer on anything but 2xx, and returns the body typed and checked by the contract.
 */
export async function api<K extends ApiKey>(baseUrl: string, s: Session, key: K, path: string, body?: unknown): Promise<ResponseOf<ApiEndpoints[K]>> {
  const method = key.slice(0, key.indexOf(' '));
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { Cookie: s.cookie, 'X-CSRF-Token': s.csrf, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
  return contractAnswer(key, res.status, text);
}

/** The demo programme, published from the reference communiqué; returns it and its first leaf task. */
export async function publishDemoProgramme(baseUrl: string): Promise<{ programmeId: string; taskId: string; taskTitle: string }> {
  const s = await apiSignIn(baseUrl, 'supervisor');
  const docs = await api(baseUrl, s, 'GET /api/v1/documents', '/api/v1/documents');
  const draft = await api(baseUrl, s, 'POST /api/v1/documents/:id/drafts', `/api/v1/documents/${docs.items[0]!.id}/drafts`, {});
  const published = await api(baseUrl, s, 'POST /api/v1/drafts/:id/publish', `/api/v1/drafts/${draft.draft.id}/publish`, { version: draft.draft.version });
  const tasks = await api(baseUrl, s, 'GET /api/v1/tasks', `/api/v1/tasks?programmeId=${published.programmeId}&kind=task&limit=1`);
  return { programmeId: published.programmeId, taskId: tasks.items[0]!.id, taskTitle: tasks.items[0]!.title };
}

/** Signs in through the UI's sign-in page (Chinese labels). */
export async function signIn(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(`${baseUrl}/signin`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  // Ant Design spaces out two-character Chinese button labels (登 录).
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByRole('navigation', { name: '主导航' }).waitFor();
}

/** A lifecycle action: its button, then the dialog's confirm button; waits for the server's answer. */
export async function act(page: Page, label: RegExp, dialogName: string): Promise<void> {
  await page.getByRole('toolbar', { name: '任务操作' }).getByRole('button', { name: label }).click();
  const dialog = page.getByRole('dialog', { name: dialogName });
  await dialog.waitFor();
  const done = await clickForResponse(page, dialog.getByRole('button', { name: label }), (r) => r.url().includes('/transitions') && r.method() === 'POST');
  expect(done.status()).toBe(200);
  await dialog.waitFor({ state: 'hidden' });
}

/** Two people on the demo server: the browser session's page for one, a second context (its own cookies) for the other. */
export interface TwoPeople {
  server: DemoServer;
  session: BrowserSession;
  second: BrowserContext;
  close(): Promise<void>;
}

/** Starts the demo server and a Chinese-locale browser with a second context. */
export async function startTwoPeople(executablePath: string): Promise<TwoPeople> {
  const [server, session] = await Promise.all([startDemoServer(), launchBrowser(executablePath, { locale: 'zh-CN' })]);
  const second = await session.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  second.setDefaultTimeout(10_000);
  recordApiCalls(second);
  return {
    server,
    session,
    second,
    async close() {
      await second.close().catch(() => {});
      await session.close();
      await server.close();
    },
  };
}
