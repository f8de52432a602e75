/**
 * Journey 1: the supervisor follows a link to the documents while signed out, signs in (after one wrong password),
 * lands on the documents and reads the demo communiqué, switches to Traditional Chinese and to English, finds the
 * choice remembered by the server after a reload, and signs out.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/server/demo/seed-demo.ts';
import { clickForResponse, describeBrowser, launchBrowser, startDemoServer, withScreenshotOnFailure, type BrowserSession, type DemoServer } from '../support/browser.ts';
import { contractAnswer } from '../support/contract-answer.ts';

const navigation = (page: Page, name: string) => page.getByRole('navigation', { name });
const htmlLang = (page: Page) => page.locator('html').getAttribute('lang');

/** Chooses a language in the top bar and waits until the server has saved it. */
async function chooseLocale(page: Page, current: string, next: string, locale: string): Promise<void> {
  await page.getByRole('button', { name: current }).click();
  const res = await clickForResponse(page, page.getByRole('menuitem', { name: next }), (r) => r.url().endsWith('/api/v1/me') && r.method() === 'PATCH');
  expect(res.status()).toBe(200);
  expect(contractAnswer('PATCH /api/v1/me', res.status(), await res.text()).user.locale).toBe(locale);
}

describeBrowser('journey: sign in, switch language, sign out', (executablePath) => {
  let server: DemoServer;
  let session: BrowserSession;

  beforeAll(async () => {
    [server, session] = await Promise.all([startDemoServer(), launchBrowser(executablePath, { locale: 'zh-CN' })]);
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  // The journey takes about 8 s; the longer limit only absorbs a busy machine.
  it('remembers the language on the server and signs out', { timeout: 45_000 }, async () => {
    const { page } = session;
    await withScreenshotOnFailure(page, 'shell', async () => {
      // A deep link while signed out goes to sign-in and comes back afterwards; the browser's zh-CN picks 简体中文.
      await page.goto(`${server.baseUrl}/documents`);
      await page.waitForURL(/\/signin\?next=%2Fdocuments$/);
      expect(await htmlLang(page)).toBe('zh-Hans');

      await page.getByLabel('用户名').fill('supervisor');
      await page.getByLabel('密码').fill('not-the-password');
      // Ant Design spaces out two-character Chinese button labels (登 录).
      await page.getByRole('button', { name: /登\s*录/ }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toContain('用户名或密码错误');

      await page.getByLabel('密码').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: /登\s*录/ }).click();
      await page.waitForURL(`${server.baseUrl}/documents`);

      const nav = navigation(page, '主导航');
      for (const label of ['工作台', '任务台账', '文件', '督查', '统计', '管理']) {
        await nav.getByRole('link', { name: label, exact: true }).waitFor();
      }

      // The demo's reference communiqué is listed and readable.
      await page.getByRole('heading', { name: '文件', exact: true }).waitFor();
      await page.getByRole('link', { name: /第六次全體會議公報/ }).click();
      await page.getByRole('heading', { name: /第六次全體會議公報/ }).waitFor();
      await page.getByText('原文', { exact: true }).waitFor();
      await page.getByText(/出席全會的有市委委員/).waitFor();
      await nav.getByRole('link', { name: '工作台' }).click();
      await page.getByRole('heading', { name: '您好，张督查' }).waitFor();

      await chooseLocale(page, '简体中文', '繁體中文', 'zh-Hant');
      await navigation(page, '主導覽').getByRole('link', { name: '任務臺賬' }).waitFor();
      await page.getByRole('link', { name: '工作臺' }).first().waitFor();
      expect(await htmlLang(page)).toBe('zh-Hant');

      await chooseLocale(page, '繁體中文', 'English', 'en');
      const english = navigation(page, 'Main navigation');
      for (const label of ['Home', 'Task ledger', 'Documents', 'Supervision', 'Statistics', 'Administration']) {
        await english.getByRole('link', { name: label, exact: true }).waitFor();
      }
      expect(await htmlLang(page)).toBe('en');

      // Forget the browser's copy: after a reload the language can only come from the server.
      // (A string, because the test code is compiled without the DOM library.)
      await page.evaluate('window.localStorage.clear()');
      await page.reload();
      await navigation(page, 'Main navigation').getByRole('link', { name: 'Task ledger' }).waitFor();
      await page.getByRole('heading', { name: 'Hello, 张督查' }).waitFor();
      expect(await htmlLang(page)).toBe('en');

      await page.getByRole('button', { name: 'Account menu of 张督查' }).click();
      const signedOut = await clickForResponse(page, page.getByRole('menuitem', { name: 'Sign out' }), (r) => r.url().endsWith('/api/v1/session') && r.method() === 'DELETE');
      expect(signedOut.status()).toBe(204);
      await page.waitForURL(/\/signin$/);
      await page.getByRole('button', { name: 'Sign in' }).waitFor();

      const me = await page.request.get(`${server.baseUrl}/api/v1/me`);
      expect(me.status()).toBe(401);
      expect(session.pageErrors).toEqual([]);
    });
  });
});
