/**
 * Journey: a supervisor reading in Traditional Chinese types a Simplified word into the header's search box, gets the
 * demo communiqué's paragraphs with the word marked in Traditional, narrows to documents, and opens one; then finds
 * an inspection finding and a 传达学习 record and opens the inspection and the campaign they belong to.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, launchBrowser, startDemoServer, withScreenshotOnFailure, type BrowserSession, type DemoServer } from '../support/browser.ts';
import { DEMO_PASSWORD } from '../../src/server/demo/seed-demo.ts';

describeBrowser('journey: search from the header', (executablePath) => {
  let server: DemoServer;
  let session: BrowserSession;

  beforeAll(async () => {
    [server, session] = await Promise.all([startDemoServer(), launchBrowser(executablePath, { locale: 'zh-TW' })]);
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('finds a Simplified word in either script and marks it in the reader’s', { timeout: 60_000 }, async () => {
    const { page } = session;
    await withScreenshotOnFailure(page, 'search', async () => {
      await page.goto(`${server.baseUrl}/signin`);
      // The browser's zh-TW picks 繁體中文.
      await page.getByLabel('使用者名稱').fill('supervisor');
      await page.getByLabel('密碼').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: /登\s*入/ }).click();
      await page.getByRole('navigation', { name: '主導覽' }).waitFor();

      const box = page.getByLabel('全文搜尋');
      await box.fill('民生 发展');
      await box.press('Enter');
      await page.waitForURL(/\/search\?q=/);
      await page.getByText(/共 \d+ 筆結果/).waitFor();
      const marks = page.locator('mark');
      await marks.first().waitFor();
      const marked = new Set(await marks.allTextContents());
      expect(marked.has('民生')).toBe(true);
      expect(marked.has('發展')).toBe(true);
      expect(marked.has('发展')).toBe(false);

      await page.locator('.ant-segmented').getByText('文件', { exact: true }).click();
      await page.waitForURL(/type=document/);
      await page.getByText(/共 \d+ 筆結果/).waitFor();
      await page.locator('.ant-list-item a').first().click();
      await page.waitForURL(/\/documents\/[0-9a-f-]+$/);
      // The document page arrives lazily; the next search must not be typed into a header that is about to re-render.
      await page.getByRole('tab', { name: '分解' }).waitFor();
      expect(session.pageErrors).toEqual([]);
    });
  });

  it('finds a finding and a relay record and opens their inspection and campaign', { timeout: 60_000 }, async () => {
    const { page } = session;
    await withScreenshotOnFailure(page, 'search-oversight', async () => {
      const box = page.getByLabel('全文搜尋');
      await box.fill('消费券核销');
      await box.press('Enter');
      await page.waitForURL(/\/search\?q=/);
      await page.getByText(/共 \d+ 筆結果/).waitFor();
      const finding = page.locator('.ant-list-item').filter({ has: page.locator('.ant-tag', { hasText: '檢查問題' }) }).first();
      expect(await finding.locator('mark').first().textContent()).toBe('消費券核銷');
      await finding.locator('a').first().click();
      await page.waitForURL(/\/inspections\/[0-9a-f-]+$/);

      await box.fill('新型工业化');
      await box.press('Enter');
      await page.waitForURL(/\/search\?q=/);
      await page.locator('.ant-segmented').getByText('傳達學習', { exact: true }).click();
      await page.waitForURL(/type=relay/);
      await page.getByText('共 1 筆結果').waitFor();
      await page.locator('.ant-list-item a').first().click();
      await page.waitForURL(/\/relays\/[0-9a-f-]+$/);
      expect(session.pageErrors).toEqual([]);
    });
  });
});
