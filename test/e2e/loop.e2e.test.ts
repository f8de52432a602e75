/**
 * Journey 3, the closed loop through the UI: with the demo programme published (set up through the HTTP API exactly
 * as the draft page does it), the supervisor assigns a task to 市发展改革委 with a deadline two months ahead and a
 * monthly cadence; the liaison `fgw` finds it in 工作台 → 待签收, signs, reports with an attached image and submits;
 * the supervisor returns it with a reason; `fgw` finds it under 被退回, revises it into the final report (总结报告, with a
 * summary) and resubmits; the supervisor accepts; the ledger shows the task green; `fgw` requests completion; the
 * supervisor closes it (销号) — at 30 % the dialog asks for a reason and says why — and the task page shows the
 * reason; the ledger shows it closed. Supervisor and liaison each have their own browser context (their own cookies).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { clickForResponse, describeBrowser, duplicateIds, withScreenshotOnFailure } from '../support/browser.ts';
import { act, PNG, publishDemoProgramme, signIn, startTwoPeople, type TwoPeople } from '../support/journeys.ts';

/**
 * Runs a step again (up to three times) when it fails: a click on an Ant Design dropdown option can land while the
 * list is still sliding open and be lost; each try ends by checking that the choice took.
 */
async function retry(step: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await step();
      return;
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
}

const header = (page: Page) => page.locator('main, .ant-layout-content').first();

/** Waits until the task page's header shows this state (the tag next to the title). */
async function expectState(page: Page, state: string): Promise<void> {
  await header(page).locator('.ant-tag', { hasText: new RegExp(`^${state}$`) }).first().waitFor();
}

/** The ledger row of a task, found by the text search (the row is outside the DOM until it is in view). */
async function ledgerRow(page: Page, baseUrl: string, programmeId: string, title: string) {
  await page.goto(`${baseUrl}/ledger?programme=${programmeId}&q=${encodeURIComponent(title)}`);
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: title, exact: true }) });
  await row.waitFor();
  return row;
}

describeBrowser('journey: assign, sign, report, return, resubmit, accept, complete, close', (executablePath) => {
  let people: TwoPeople;
  beforeAll(async () => {
    people = await startTwoPeople(executablePath);
  });
  afterAll(async () => people?.close());

  it('closes the loop for a task through the UI alone', { timeout: 90_000 }, async () => {
    const { server, session, second: liaisonContext } = people;
    const { programmeId, taskTitle } = await publishDemoProgramme(server.baseUrl);
    const sup = session.page;
    const fgw = await liaisonContext.newPage();
    const fgwErrors: Error[] = [];
    fgw.on('pageerror', (err) => fgwErrors.push(err));
    const taskLink = (scope: Page | Locator) => scope.getByRole('link', { name: taskTitle, exact: true });

    await withScreenshotOnFailure(sup, 'loop-supervisor', async () => {
      // 交办: find the task in the ledger, open it, assign it to 市发展改革委 with a deadline and a monthly cadence.
      await signIn(sup, server.baseUrl, 'supervisor');
      await sup.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '任务台账' }).click();
      await sup.waitForURL(/\/ledger/);
      const draftRow = await ledgerRow(sup, server.baseUrl, programmeId, taskTitle);
      await draftRow.getByRole('link', { name: taskTitle, exact: true }).click();
      await sup.getByRole('heading', { name: taskTitle }).waitFor();
      await expectState(sup, '草稿');

      await sup.getByRole('toolbar', { name: '任务操作' }).getByRole('button', { name: /交\s*办/ }).click();
      const assign = sup.getByRole('dialog', { name: '交办' });
      await retry(async () => {
        await assign.getByLabel('牵头单位').click();
        await assign.getByLabel('牵头单位').fill('市发展改革委');
        await sup.getByRole('tree').getByText('市发展改革委', { exact: true }).click();
        await assign.getByTitle('市发展改革委', { exact: true }).waitFor({ timeout: 2_000 });
      });
      const due = new Date(Date.now() + 61 * 86_400_000).toISOString().slice(0, 10);
      await assign.getByLabel('截止日期').click();
      await assign.getByLabel('截止日期').fill(due);
      await assign.getByLabel('截止日期').press('Enter');
      await expect.poll(() => assign.getByLabel('截止日期').inputValue()).toBe(due);
      await retry(async () => {
        await assign.getByLabel('反馈周期').click();
        await sup.locator('.ant-select-item-option', { hasText: /^每月$/ }).click();
        await assign.getByTitle('每月', { exact: true }).waitFor({ timeout: 2_000 });
      });
      const assigned = await clickForResponse(sup, assign.getByRole('button', { name: /交\s*办/ }), (r) => r.url().includes('/transitions') && r.method() === 'POST');
      expect(assigned.status()).toBe(200);
      await expectState(sup, '已交办');
      // The task page, not the closing dialog or its select's list (portals outside #root), shows the cadence.
      await assign.waitFor({ state: 'hidden' });
      await sup.locator('#root').getByText('每月', { exact: true }).waitFor();
    });

    const taskUrl = sup.url();

    await withScreenshotOnFailure(fgw, 'loop-liaison', async () => {
      // 签收 from 工作台 → 待签收, then a report with evidence.
      await signIn(fgw, server.baseUrl, 'fgw');
      await taskLink(fgw.getByRole('region', { name: '待签收' })).click();
      await fgw.getByRole('heading', { name: taskTitle }).waitFor();
      await act(fgw, /签\s*收/, '签收');
      await expectState(fgw, '已签收');

      await fgw.getByRole('button', { name: '填报反馈' }).click();
      const form = fgw.getByRole('dialog', { name: '填报进展反馈' });
      await form.getByLabel('完成进度（百分比）').fill('30');
      await form.getByLabel('工作进展').fill('已完成调研摸底，形成工作方案初稿。');
      await form.locator('input[type=file]').setInputFiles({ name: '调研纪要.png', mimeType: 'image/png', buffer: PNG });
      expect(await duplicateIds(fgw)).toEqual([]);
      const submitted = await clickForResponse(fgw, form.getByRole('button', { name: '提交审核' }), (r) => r.url().endsWith('/submit') && r.method() === 'POST');
      expect(submitted.status()).toBe(200);
      await form.waitFor({ state: 'hidden' });
      await fgw.getByRole('link', { name: /调研纪要\.png/ }).waitFor();
    });

    await withScreenshotOnFailure(sup, 'loop-supervisor', async () => {
      // 退回 with a reason.
      await sup.goto(taskUrl);
      const report = sup.locator('[id^="report-"]').first();
      await report.getByText('待审核').waitFor();
      await report.getByRole('button', { name: /退\s*回/ }).click();
      const dialog = sup.getByRole('dialog', { name: '退回进展反馈' });
      await dialog.getByLabel('退回理由（将告知填报单位）').fill('请补充调研涉及的企业名单和下一步时间表。');
      const returned = await clickForResponse(sup, dialog.getByRole('button', { name: /退\s*回/ }), (r) => r.url().endsWith('/return') && r.method() === 'POST');
      expect(returned.status()).toBe(200);
      await report.getByText('被退回').waitFor();
    });

    await withScreenshotOnFailure(fgw, 'loop-liaison', async () => {
      // 被退回 in 工作台 opens the report for revision; resubmit.
      await fgw.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '工作台' }).click();
      const returnedBox = fgw.getByRole('region', { name: '被退回' });
      await returnedBox.getByText('退回理由：请补充调研涉及的企业名单和下一步时间表。').waitFor();
      await taskLink(returnedBox).click();
      const form = fgw.getByRole('dialog', { name: /修改 .* 的进展反馈/ });
      await form.getByText('退回理由：请补充调研涉及的企业名单和下一步时间表。').waitFor();
      await form.getByLabel('工作进展').fill('已完成调研摸底（走访企业 12 家，名单见附件），形成工作方案初稿，计划下月底前报市政府审定。');
      // The revision becomes the final report that 申请办结 stands on: it needs a summary.
      await form.getByRole('switch', { name: '总结报告' }).click();
      await form.getByLabel('工作总结').fill('本阶段完成调研和方案起草，后续审定工作转入常规推进。');
      const resubmitted = await clickForResponse(fgw, form.getByRole('button', { name: '重新提交' }), (r) => r.url().endsWith('/submit') && r.method() === 'POST');
      expect(resubmitted.status()).toBe(200);
      await form.waitFor({ state: 'hidden' });
    });

    await withScreenshotOnFailure(sup, 'loop-supervisor', async () => {
      // 通过, then the ledger shows the task green.
      await sup.goto(taskUrl);
      const report = sup.locator('[id^="report-"]').first();
      await report.getByText('第 2 版').waitFor();
      await report.getByRole('button', { name: /通\s*过/ }).click();
      const accepted = await clickForResponse(sup, sup.locator('.ant-popconfirm').getByRole('button', { name: /通\s*过/ }), (r) => r.url().endsWith('/accept') && r.method() === 'POST');
      expect(accepted.status()).toBe(200);
      await report.getByText('已通过').waitFor();
      await expectState(sup, '办理中');

      const row = await ledgerRow(sup, server.baseUrl, programmeId, taskTitle);
      await row.getByRole('img', { name: /^绿灯/ }).waitFor();
      await row.getByText('办理中', { exact: true }).waitFor();
    });

    await withScreenshotOnFailure(fgw, 'loop-liaison', async () => {
      // 申请办结.
      await fgw.goto(taskUrl);
      await expectState(fgw, '办理中');
      await act(fgw, /申请办结/, '申请办结');
      await expectState(fgw, '申请办结');
    });

    await withScreenshotOnFailure(sup, 'loop-supervisor', async () => {
      // 销号 at 30 %: the dialog says why a reason is needed and refuses to go on without one.
      await sup.goto(taskUrl);
      await expectState(sup, '申请办结');
      await sup.getByRole('toolbar', { name: '任务操作' }).getByRole('button', { name: /销\s*号/ }).click();
      const close = sup.getByRole('dialog', { name: '销号' });
      await close.getByText('完成进度为 30%，未达 100%').waitFor();
      await close.getByRole('button', { name: /销\s*号/ }).click();
      await close.getByText('请填写理由').waitFor();
      await close.getByLabel('销号理由').fill('阶段目标已完成，方案审定转入常规工作。');
      const closed = await clickForResponse(sup, close.getByRole('button', { name: /销\s*号/ }), (r) => r.url().includes('/transitions') && r.method() === 'POST');
      expect(closed.status()).toBe(200);
      await close.waitFor({ state: 'hidden' });
      await expectState(sup, '已销号');
      await sup.getByRole('note', { name: '销号情况' }).getByText('销号理由：阶段目标已完成，方案审定转入常规工作。').waitFor();

      const row = await ledgerRow(sup, server.baseUrl, programmeId, taskTitle);
      await row.getByText('已销号', { exact: true }).waitFor();
    });

    expect(session.pageErrors).toEqual([]);
    expect(fgwErrors).toEqual([]);
  });
});
