/**
 * A decision reaches the unit: with a task of the demo programme assigned to 市发展改革委 and signed, the liaison `fgw`
 * asks for an extension; the supervisor approves it in the task page's dialog with a later date and a reason; `fgw`
 * opens the notifications and reads "延期已批准" with the new date, who decided and why, and the task page shows the
 * decision.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { clickForResponse, describeBrowser, withScreenshotOnFailure } from '../support/browser.ts';
import { api, apiSignIn, publishDemoProgramme, signIn, startTwoPeople, type TwoPeople } from '../support/journeys.ts';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describeBrowser('journey: an approved extension reaches the liaison', (executablePath) => {
  let people: TwoPeople;
  let programmeId = '';
  beforeAll(async () => {
    people = await startTwoPeople(executablePath);
  });
  afterAll(async () => people?.close());

  it('shows 延期已批准 with the new date in the liaison’s notifications', { timeout: 60_000 }, async () => {
    const { server, session, second: liaisonContext } = people;
    const published = await publishDemoProgramme(server.baseUrl);
    const { taskId, taskTitle } = published;
    programmeId = published.programmeId;
    const base = server.baseUrl;
    const sup = await apiSignIn(base, 'supervisor');
    const units = await api(base, sup, 'GET /api/v1/units', '/api/v1/units');
    const fgwUnit = units.items.find((u) => u.name === '市发展改革委');
    expect(fgwUnit).toBeDefined();
    let task = await api(base, sup, 'POST /api/v1/tasks/:id/transitions', `/api/v1/tasks/${taskId}/transitions`, { action: 'assign', version: 1, leadUnitId: fgwUnit!.id, dueDate: day(30) });
    const fgwApi = await apiSignIn(base, 'fgw');
    task = await api(base, fgwApi, 'POST /api/v1/tasks/:id/transitions', `/api/v1/tasks/${taskId}/transitions`, { action: 'sign', version: task.version });
    const asked = day(75);
    await api(base, fgwApi, 'POST /api/v1/tasks/:id/transitions', `/api/v1/tasks/${taskId}/transitions`, { action: 'requestExtension', version: task.version, newDueDate: asked, reason: '需等待省级配套政策出台' });

    const page = session.page;
    await withScreenshotOnFailure(page, 'decisions-supervisor', async () => {
      // 同意延期 in the task page: the dialog offers the date asked for; the supervisor grants it with a reason.
      await signIn(page, base, 'supervisor');
      await page.goto(`${base}/tasks/${taskId}`);
      await page.getByRole('heading', { name: taskTitle }).waitFor();
      const toolbar = page.getByRole('toolbar', { name: '任务操作' });
      await toolbar.getByRole('button', { name: '同意延期', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: '同意延期' });
      await expect.poll(() => dialog.getByLabel('批准的截止日期').inputValue()).toBe(asked);
      await dialog.getByLabel('理由').fill('配套政策确需等待');
      const done = await clickForResponse(page, dialog.getByRole('button', { name: '同意延期', exact: true }), (r) => r.url().includes('/transitions') && r.method() === 'POST');
      expect(done.status()).toBe(200);
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('note', { name: '最近一次延期决定' }).getByText('理由：配套政策确需等待').waitFor();
    });

    const fgw: Page = await liaisonContext.newPage();
    const errors: Error[] = [];
    fgw.on('pageerror', (err) => errors.push(err));
    await withScreenshotOnFailure(fgw, 'decisions-liaison', async () => {
      await signIn(fgw, base, 'fgw');
      await fgw.getByRole('button', { name: /^通知（\d+ 条未读）$/ }).click();
      const drawer = fgw.getByRole('dialog', { name: '通知' });
      const item = drawer.getByRole('listitem').filter({ hasText: '【延期已批准】' }).first();
      await item.waitFor();
      // Who decided, the new date and why, in the liaison's language.
      await item.getByText(`张督查批准了「${taskTitle}」的延期申请，截止日期由${day(30)}改为${asked}。理由：配套政策确需等待`).waitFor();
      // The link opens the task, whose page shows the decision.
      await item.getByText(`【延期已批准】${taskTitle}`, { exact: true }).click();
      await fgw.getByRole('heading', { name: taskTitle }).waitFor();
      await fgw.getByRole('note', { name: '最近一次延期决定' }).waitFor();
    });
    expect(errors).toEqual([]);
    expect(session.pageErrors).toEqual([]);
  });

  it('lets the supervisor set the programme’s completion policy and grace period in 督查 → 设置', { timeout: 60_000 }, async () => {
    const { server, session } = people;
    const base = server.baseUrl;
    const sup = await apiSignIn(base, 'supervisor');
    const before = await api(base, sup, 'GET /api/v1/programmes/:id', `/api/v1/programmes/${programmeId}`);
    expect(before.completionPolicy).toBe('strict');
    const page = session.page;
    await withScreenshotOnFailure(page, 'decisions-settings', async () => {
      await page.goto(`${base}/supervision?tab=programmes`);
      const row = page.getByRole('listitem').filter({ hasText: before.title }).first();
      await row.getByRole('button', { name: /设\s*置/ }).click();
      const dialog = page.getByRole('dialog', { name: '重点工作设置' });
      // What is in force shows even when nothing is stored: the core's defaults.
      await expect.poll(() => dialog.getByLabel('交办后宽限天数').inputValue()).toBe('7');
      await dialog.getByLabel('交办后宽限天数').fill('3');
      await dialog.getByText(/^宽松：/).click();
      const saved = await clickForResponse(page, dialog.getByRole('button', { name: /保\s*存/ }), (r) => r.url().endsWith(`/api/v1/programmes/${programmeId}`) && r.method() === 'PATCH');
      expect(saved.status()).toBe(200);
      await dialog.waitFor({ state: 'hidden' });
    });
    const after = await api(base, sup, 'GET /api/v1/programmes/:id', `/api/v1/programmes/${programmeId}`);
    expect(after.completionPolicy).toBe('lenient');
    expect(after.healthThresholds).toMatchObject({ graceDays: 3, gracePct: 10 });
    expect(session.pageErrors).toEqual([]);
  });
});
