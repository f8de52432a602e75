/**
 * Shared steps of the browser journeys on the demo data: signing in over HTTP and through the UI, calling the API as
 * the UI does, publishing the demo programme, and a lifecycle action through the task page's toolbar.
 */
import { expect } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { MeResponse } from '../../src/contract/session.ts';
import type { DocumentListResponse } from '../../src/contract/documents.ts';
import type { DraftResponse, PublishResponse } from '../../src/contract/drafts.ts';
import { DEMO_PASSWORD } from '../../src/server/demo/seed-demo.ts';
import { launchBrowser, startDemoServer, type BrowserSession, type DemoServer } from './browser.ts';

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
  const me = (await res.json()) as MeResponse;
  return { cookie, csrf: me.csrfToken ?? '' };
}

/** One API call with the session; throws with the answer on anything but 2xx. */
export async function api<T>(baseUrl: string, s: Session, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { Cookie: s.cookie, 'X-CSRF-Token': s.csrf, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** The demo programme, published from the reference communiqué; returns it and its first leaf task. */
export async function publishDemoProgramme(baseUrl: string): Promise<{ programmeId: string; taskId: string; taskTitle: string }> {
  const s = await apiSignIn(baseUrl, 'supervisor');
  const docs = await api<DocumentListResponse>(baseUrl, s, 'GET', '/api/v1/documents');
  const draft = await api<DraftResponse>(baseUrl, s, 'POST', `/api/v1/documents/${docs.items[0]!.id}/drafts`, {});
  const published = await api<PublishResponse>(baseUrl, s, 'POST', `/api/v1/drafts/${draft.draft.id}/publish`, { version: draft.draft.version });
  const tasks = await api<{ items: Array<{ id: string; title: string }> }>(baseUrl, s, 'GET', `/api/v1/tasks?programmeId=${published.programmeId}&kind=task&limit=1`);
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
  const done = page.waitForResponse((r) => r.url().includes('/transitions') && r.request().method() === 'POST');
  await dialog.getByRole('button', { name: label }).click();
  expect((await done).status()).toBe(200);
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
