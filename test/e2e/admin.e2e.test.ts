/**
 * Journey 2: the administrator creates a unit and a user in it through the admin pages; the new user signs in with
 * the generated password and lands in their unit.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/server/demo/seed-demo.ts';
import { clickForResponse, describeBrowser, duplicateIds, launchBrowser, startDemoServer, withScreenshotOnFailure, type BrowserSession, type DemoServer } from '../support/browser.ts';

/** Fills in the sign-in page the browser is on. */
async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  // Ant Design spaces out two-character Chinese button labels (登 录).
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByRole('navigation', { name: '主导航' }).waitFor();
}

/** Picks a unit in a tree select: type to filter, click the matching node of the open tree, see it chosen. */
async function pickUnit(page: Page, field: string, unit: string): Promise<void> {
  const select = page.getByRole('dialog').getByLabel(field);
  await select.click();
  await select.fill(unit);
  await page.getByRole('tree').getByText(unit, { exact: true }).click();
  // The chosen unit shows in the field (a click on a tree that was still filtering would choose nothing).
  await page.getByRole('dialog').locator(`.ant-select-content[title="${unit}"]`).waitFor();
}

describeBrowser('journey: an administrator creates a unit and a user, who then signs in', (executablePath) => {
  let server: DemoServer;
  let session: BrowserSession;

  beforeAll(async () => {
    [server, session] = await Promise.all([startDemoServer(), launchBrowser(executablePath, { locale: 'zh-CN' })]);
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  // The journey takes about 10 s; the longer limit only absorbs a busy machine.
  it('creates 市退役军人事务局 and its liaison, who can sign in', { timeout: 45_000 }, async () => {
    const { page } = session;
    await withScreenshotOnFailure(page, 'admin', async () => {
      await page.goto(`${server.baseUrl}/signin`);
      await signIn(page, 'admin', DEMO_PASSWORD);
      await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '管理' }).click();
      await page.waitForURL(/\/admin\/units$/);

      // A sub-unit of 武汉市: choose the parent in the tree, then create under it.
      await page.getByRole('tree').getByText('武汉市', { exact: true }).click();
      await page.getByRole('button', { name: '新建下级单位' }).click();
      const unitDialog = page.getByRole('dialog', { name: '新建单位' });
      await unitDialog.getByLabel('单位名称').fill('市退役军人事务局');
      const unit = await clickForResponse(page, unitDialog.getByRole('button', { name: /创\s*建/ }), (r) => r.method() === 'POST' && r.url().endsWith('/api/v1/units'));
      expect(unit.status()).toBe(201);
      await page.getByText('已创建单位“市退役军人事务局”').waitFor();
      await page.getByRole('tree').getByText('市退役军人事务局', { exact: true }).waitFor();

      await page.getByRole('tab', { name: '用户' }).click();
      await page.waitForURL(/\/admin\/users$/);
      await page.getByRole('button', { name: '新建用户' }).click();
      const userDialog = page.getByRole('dialog', { name: '新建用户' });
      await userDialog.getByLabel('用户名').fill('jyj');
      await userDialog.getByLabel('姓名').fill('钱联络（退役军人事务局）');
      await pickUnit(page, '所属单位', '市退役军人事务局');
      expect(await duplicateIds(page)).toEqual([]);
      await expect.poll(() => userDialog.getByRole('checkbox', { name: '联络员' }).isChecked()).toBe(true);
      const created = await clickForResponse(page, userDialog.getByRole('button', { name: /创\s*建/ }), (r) => r.method() === 'POST' && r.url().endsWith('/api/v1/users'));
      expect(created.status()).toBe(201);

      const secretDialog = page.getByRole('dialog', { name: '用户已创建' });
      const password = (await secretDialog.getByTestId('secret-value').textContent())?.trim() ?? '';
      expect(password.length).toBeGreaterThanOrEqual(8);
      await secretDialog.getByRole('button', { name: /完\s*成/ }).click();
      await page.getByRole('cell', { name: 'jyj', exact: true }).waitFor();

      await page.getByRole('button', { name: '系统管理员 的账户菜单' }).click();
      const signedOut = await clickForResponse(page, page.getByRole('menuitem', { name: '退出登录' }), (r) => r.url().endsWith('/api/v1/session') && r.method() === 'DELETE');
      expect(signedOut.status()).toBe(204);
      await page.waitForURL(/\/signin$/);

      await signIn(page, 'jyj', password);
      await page.getByRole('heading', { name: '您好，钱联络（退役军人事务局）' }).waitFor();
      await page.getByText('市退役军人事务局', { exact: true }).waitFor();
      await page.getByText('联络员', { exact: true }).waitFor();
      // A liaison administers nothing: no 管理 in the navigation.
      expect(await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '管理' }).count()).toBe(0);
      expect(session.pageErrors).toEqual([]);
    });
  });
});
