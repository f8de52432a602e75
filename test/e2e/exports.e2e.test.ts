/**
 * Journey: the supervisor opens the published demo programme's ledger, exports the 台账 as Excel (the file is saved
 * and read back with SheetJS), writes the month's 通报 (read back with mammoth), and imports tasks from a CSV — first
 * a file with a bad row (the problem is listed by row and column and 导入 stays disabled), then a clean one.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { clickForResponse, describeBrowser, launchBrowser, startDemoServer, withScreenshotOnFailure, type BrowserSession, type DemoServer } from '../support/browser.ts';
import { publishDemoProgramme, signIn } from '../support/journeys.ts';

describeBrowser('journey: 台账 export, 通报 and import', (executablePath) => {
  let server: DemoServer;
  let session: BrowserSession;
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-e2e-exports-'));

  beforeAll(async () => {
    [server, session] = await Promise.all([startDemoServer(), launchBrowser(executablePath, { locale: 'zh-CN', acceptDownloads: true })]);
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('downloads the ledger and the briefing, and imports only a clean file', { timeout: 90_000 }, async () => {
    const { page } = session;
    const { programmeId } = await publishDemoProgramme(server.baseUrl);
    await withScreenshotOnFailure(page, 'exports', async () => {
      await signIn(page, server.baseUrl, 'supervisor');
      await page.goto(`${server.baseUrl}/ledger?programme=${programmeId}`);

      await page.getByRole('button', { name: /导\s*出/ }).click();
      const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: '台账 Excel（当前筛选）' }).click()]);
      expect(xlsx.suggestedFilename()).toMatch(/台账-\d{4}-\d{2}-\d{2}\.xlsx$/);
      const xlsxPath = join(dir, 'ledger.xlsx');
      await xlsx.saveAs(xlsxPath);
      const wb = XLSX.read(readFileSync(xlsxPath), { type: 'buffer' });
      expect(wb.SheetNames[0]).toBe('汇总');
      expect(wb.SheetNames.length).toBeGreaterThan(2);
      const area = wb.Sheets[wb.SheetNames[1]!]!;
      expect(String(area.A1?.v)).toMatch(/工作台账$/);
      expect(String(area.A2?.v)).toMatch(/^工作方面：/);
      expect(area.B3?.v).toBe('工作任务');
      expect(String(area.B5?.v ?? '')).not.toBe('');

      await page.getByRole('button', { name: /通\s*报/ }).click();
      const briefing = page.getByRole('dialog', { name: '生成通报' });
      await briefing.waitFor();
      const [docx] = await Promise.all([page.waitForEvent('download'), briefing.getByRole('button', { name: '生成并下载' }).click()]);
      const docxPath = join(dir, 'briefing.docx');
      await docx.saveAs(docxPath);
      const text = (await mammoth.extractRawText({ path: docxPath })).value;
      expect(text).toContain('一、总体情况');
      expect(text).toMatch(/共有任务\d+项/);

      await page.getByRole('button', { name: /导\s*入/ }).first().click();
      const dialog = page.getByRole('dialog', { name: '从 Excel 导入任务' });
      await dialog.waitFor();
      const bad = join(dir, 'bad.csv');
      writeFileSync(bad, '工作方面,工作任务,牵头单位\r\n新增方面,浏览器导入的任务,不存在的单位\r\n');
      await dialog.locator('input[type=file]').setInputFiles(bad);
      await dialog.getByRole('button', { name: /检\s*查/ }).click();
      const problem = dialog.getByRole('row').filter({ hasText: '不存在的单位' });
      await problem.waitFor();
      expect(await problem.getByRole('cell').first().textContent()).toBe('2');
      // The reason is worded in the reader's language from the problem's code.
      expect(await problem.textContent()).toContain('没有名为“不存在的单位”的在用单位');
      expect(await dialog.getByRole('button', { name: /导入 0 项任务/ }).isDisabled()).toBe(true);

      const good = join(dir, 'good.csv');
      writeFileSync(good, '工作方面,工作任务,牵头单位,完成时限\r\n新增方面,浏览器导入的任务,市发展改革委,2099年6月底\r\n');
      await dialog.locator('input[type=file]').setInputFiles(good);
      await dialog.getByRole('button', { name: /检\s*查/ }).click();
      await dialog.getByText('共 1 行，未发现问题，可导入 1 项任务。').waitFor();
      const applied = await clickForResponse(page, dialog.getByRole('button', { name: /导入 1 项任务/ }), (r) => r.url().endsWith(`/programmes/${programmeId}/import`) && r.method() === 'POST');
      expect(applied.status()).toBe(201);
      await page.getByText('已导入 1 项任务（草拟状态，可在台账中交办）').waitFor();
    });
    expect(session.pageErrors).toEqual([]);
  });
});
