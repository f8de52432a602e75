/**
 * Journey 5: the administrator adds a generic webhook pointing at a receiver started in this test, sends a test
 * message (which arrives once, signed), and then deactivates the webhook from its edit dialog.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { verifyGenericSignature } from '../../src/server/modules/notices/index.ts';
import { DEMO_PASSWORD } from '../../src/server/demo/seed-demo.ts';
import { clickForResponse, describeBrowser, launchBrowser, startDemoServer, withScreenshotOnFailure, type BrowserSession, type DemoServer } from '../support/browser.ts';
import { WebhookSink } from '../support/webhook-sink.ts';

const NAME = '督查通知接收端';
const SECRET = 'e2e-webhook-secret';

async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  // Ant Design spaces out two-character Chinese button labels (登 录).
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByRole('navigation', { name: '主导航' }).waitFor();
}

describeBrowser('journey: an administrator adds a webhook, tests it and deactivates it', (executablePath) => {
  let server: DemoServer;
  let session: BrowserSession;
  // A plain node:http server on a free port that records every request and answers 200.
  let sink: WebhookSink;

  beforeAll(async () => {
    [server, session, sink] = await Promise.all([startDemoServer(), launchBrowser(executablePath, { locale: 'zh-CN' }), WebhookSink.start()]);
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
    await sink?.stop();
  });

  it('creates a generic webhook, receives one signed test message, then deactivates it', { timeout: 45_000 }, async () => {
    const { page } = session;
    await withScreenshotOnFailure(page, 'webhooks', async () => {
      await page.goto(`${server.baseUrl}/signin`);
      await signIn(page, 'admin', DEMO_PASSWORD);
      await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '管理' }).click();
      await page.getByRole('tab', { name: 'Webhook 推送' }).click();
      await page.waitForURL(/\/admin\/webhooks$/);

      await page.getByRole('button', { name: '新建 Webhook' }).click();
      const create = page.getByRole('dialog', { name: '新建 Webhook' });
      await create.getByLabel('名称').fill(NAME);
      await create.getByLabel('URL').fill(sink.url('/luoshi'));
      await create.getByLabel('密钥').fill(SECRET);
      await create.getByRole('button', { name: /创\s*建/ }).click();
      await page.getByText(`已创建“${NAME}”`).waitFor();
      const row = page.getByRole('row', { name: new RegExp(NAME) });
      await row.getByText('通用 JSON（HMAC 签名）').waitFor();
      // Only the origin of the URL is listed.
      await row.getByText(`http://127.0.0.1:${sink.port}`, { exact: true }).waitFor();

      const tested = await clickForResponse(page, row.getByRole('button', { name: '发送测试消息' }), (r) => r.url().endsWith('/test') && r.method() === 'POST');
      expect(tested.status()).toBe(200);
      await page.getByText(`测试消息已送达“${NAME}”：HTTP 200`).waitFor();

      const received = sink.at('/luoshi');
      expect(received).toHaveLength(1);
      const [request] = received;
      expect(request!.method).toBe('POST');
      const signature = request!.headers['x-luoshi-signature'];
      expect(typeof signature).toBe('string');
      expect(verifyGenericSignature(String(signature), request!.body, SECRET, new Date())).toBe(true);

      await row.getByRole('button', { name: `编辑 ${NAME}` }).click();
      const edit = page.getByRole('dialog', { name: `编辑 Webhook：${NAME}` });
      // The secret is write-only: the field is empty and says that leaving it so keeps the saved one.
      await expect.poll(() => edit.getByRole('textbox', { name: '密钥' }).inputValue()).toBe('');
      await edit.getByPlaceholder('留空则保持不变').waitFor();
      const toggle = edit.getByRole('switch', { name: '状态' });
      expect(await toggle.isChecked()).toBe(true);
      await toggle.click();
      const patch = await clickForResponse(page, edit.getByRole('button', { name: /保\s*存/ }), (r) => /\/api\/v1\/webhooks\/[^/]+$/.test(r.url()) && r.method() === 'PATCH');
      expect(patch.status()).toBe(200);
      // Only the change is sent: no URL, no secret.
      expect(patch.request().postDataJSON()).toEqual({ version: 1, active: false });
      await page.getByText('已保存').waitFor();
      await row.getByText('停用', { exact: true }).waitFor();
      await row.getByRole('button', { name: /启\s*用/ }).waitFor();

      // Nothing else was sent to the receiver.
      expect(sink.at('/luoshi')).toHaveLength(1);
      expect(session.pageErrors).toEqual([]);
    });
  });
});
