/**
 * Journey: 传达学习 and 督查 with 整改 on the demo. The liaison of 市商务局 (not yet recorded in the demo campaign)
 * records its meeting; the supervisor sees it in the coverage and reminds the units still missing in one click. Then
 * an inspection: the supervisor starts it, records a finding for 市商务局 and turns it into a rectification task
 * (转整改); the liaison signs it and reports, the supervisor accepts, the liaison asks for completion, the supervisor
 * closes it (销号) — and only then does the inspection close. Reports go through the API (the loop journey covers
 * their forms); everything about relays and inspections goes through the UI.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { clickForResponse, describeBrowser, withScreenshotOnFailure } from '../support/browser.ts';
import { act, api, apiSignIn, PNG, signIn, startTwoPeople, type Session, type TwoPeople } from '../support/journeys.ts';

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
const expectTag = (page: Page, text: string) => header(page).locator('.ant-tag', { hasText: new RegExp(`^${text}$`) }).first().waitFor();

describeBrowser('journey: relay a document, inspect, rectify, close', (executablePath) => {
  let people: TwoPeople;
  beforeAll(async () => {
    people = await startTwoPeople(executablePath);
  });
  afterAll(async () => people?.close());

  it('records a relay meeting, shows the coverage, and closes an inspection once its finding is rectified', { timeout: 120_000 }, async () => {
    const { server, session, second } = people;
    const base = server.baseUrl;
    const sup = session.page;
    const swj = await second.newPage();
    const supApi: Session = await apiSignIn(base, 'supervisor');
    const campaigns = await api(base, supApi, 'GET /api/v1/relays', '/api/v1/relays');
    const campaign = campaigns.items[0]!;
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

    await withScreenshotOnFailure(swj, 'mechanism-liaison-relay', async () => {
      await signIn(swj, base, 'swj');
      await swj.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '传达学习' }).click();
      await swj.getByRole('link', { name: campaign.documentTitle }).click();
      await swj.getByRole('button', { name: '登记学习情况' }).click();
      const drawer = swj.getByRole('dialog', { name: '传达学习记录' });
      await drawer.getByLabel('会议日期').fill(today);
      await drawer.getByLabel('主持人').fill('局党组书记');
      await drawer.getByLabel('参会人数').fill('19');
      await drawer.getByLabel('会议纪要').fill('局理论学习中心组专题学习全会公报，研究消费促进落实举措。');
      const saved = await clickForResponse(swj, drawer.getByRole('button', { name: /保\s*存/ }), (r) => r.url().endsWith('/records') && r.method() === 'POST');
      expect(saved.status()).toBe(201);
      await drawer.getByText('第1次提交').waitFor();
      await drawer.getByText('局党组书记').waitFor();
    });

    await withScreenshotOnFailure(sup, 'mechanism-supervisor-relay', async () => {
      await signIn(sup, base, 'supervisor');
      await sup.goto(`${base}/relays/${campaign.id}`);
      const row = (unit: string) => sup.getByRole('row').filter({ has: sup.getByRole('cell', { name: unit, exact: true }) });
      await row('市商务局').getByText('已登记').waitFor();
      await row('市生态环境局').getByText('未登记').waitFor();
      await expectTag(sup, '已登记 3/5');
      // Each unit's light against the deadline, in words.
      await row('市生态环境局').getByText(/^(绿灯：距截止\d+天|黄灯：.*尚未报传达学习记录)$/).waitFor();
      await row('市商务局').getByText('绿灯：已按时报传达学习记录').waitFor();
      const reminded = await clickForResponse(sup, sup.getByRole('button', { name: '催办未学习单位' }), (r) => r.url().endsWith('/reminders') && r.method() === 'POST');
      expect(reminded.status()).toBe(201);
      await sup.getByText('已催办 2 个单位').waitFor();
    });

    // The inspection is planned over the API (the plan form is a handful of selects); it is run in the UI.
    const units = await api(base, supApi, 'GET /api/v1/units', '/api/v1/units');
    const me = await api(base, supApi, 'GET /api/v1/me', '/api/v1/me');
    const commerce = units.items.find((u) => u.name === '市商务局')!.id;
    const planned = await api(base, supApi, 'POST /api/v1/inspections', '/api/v1/inspections', {
      programmeId: campaign.programmeId, topic: '窗口服务专项督查', kind: 'special', members: [{ userId: me.user.id, team: '第二督查组', leader: true }], targetUnitIds: [commerce],
    });
    const inspectionUrl = `${base}/inspections/${planned.id}`;
    const finding = '政务服务窗口超时办结未说明理由';

    await withScreenshotOnFailure(sup, 'mechanism-supervisor-inspection', async () => {
      await sup.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '督查调研' }).click();
      await sup.getByRole('link', { name: '窗口服务专项督查' }).click();
      await sup.getByRole('button', { name: /开\s*始/ }).click();
      await expectTag(sup, '进行中');
      // The teams are edited on the page: rename the team and save.
      await sup.getByRole('button', { name: '调整督查组' }).click();
      const teams = sup.getByRole('dialog', { name: '调整督查组' });
      await teams.getByLabel('组名').fill('窗口服务督查组');
      const saved = await clickForResponse(sup, teams.getByRole('button', { name: /保\s*存/ }), (r) => r.url().endsWith(`/inspections/${planned.id}`) && r.method() === 'PATCH');
      expect(saved.status()).toBe(200);
      await sup.getByText('窗口服务督查组').waitFor();
      await sup.getByLabel('问题', { exact: true }).fill(finding);
      await retry(async () => {
        await sup.getByLabel('责任单位').click();
        await sup.getByLabel('责任单位').fill('市商务局');
        await sup.locator('.ant-select-item-option', { hasText: /^市商务局$/ }).click();
        await sup.getByTitle('市商务局', { exact: true }).first().waitFor({ timeout: 2_000 });
      });
      const recorded = await clickForResponse(sup, sup.getByRole('button', { name: '记录问题' }), (r) => r.url().endsWith('/findings') && r.method() === 'POST');
      expect(recorded.status()).toBe(201);
      const findingRow = sup.getByRole('row').filter({ hasText: finding });
      await findingRow.getByText('待整改').waitFor();
      await findingRow.getByRole('button', { name: '转整改' }).click();
      const dialog = sup.getByRole('dialog', { name: '转整改' });
      await dialog.getByLabel('整改期限').fill(new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10));
      const rectified = await clickForResponse(sup, dialog.getByRole('button', { name: /确\s*定|OK/ }), (r) => r.url().endsWith('/rectify') && r.method() === 'POST');
      expect(rectified.status()).toBe(201);
      await findingRow.getByText('整改中').waitFor();
      await findingRow.getByRole('link', { name: '整改任务' }).waitFor();
      await sup.getByRole('button', { name: '形成报告' }).click();
      await expectTag(sup, '形成报告');
      // Not closable while the finding is being rectified.
      expect(await sup.getByRole('button', { name: /^结\s*束$/ }).count()).toBe(0);
    });

    const detail = await api(base, supApi, 'GET /api/v1/inspections/:id', `/api/v1/inspections/${planned.id}`);
    const taskId = detail.findingList.find((f) => f.title === finding)!.taskId;
    const taskUrl = `${base}/tasks/${taskId}`;

    await withScreenshotOnFailure(swj, 'mechanism-liaison-task', async () => {
      await swj.goto(taskUrl);
      await swj.getByRole('heading', { name: `整改：${finding}` }).waitFor();
      await swj.getByText('来源问题').waitFor();
      await swj.getByRole('link', { name: '督查：窗口服务专项督查' }).waitFor();
      await act(swj, /签\s*收/, '签收');
    });

    // The final report with evidence, submitted and accepted over the API.
    const swjApi = await apiSignIn(base, 'swj');
    const quarter = `${today.slice(0, 4)}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`;
    const report = await api(base, swjApi, 'POST /api/v1/tasks/:id/reports', `/api/v1/tasks/${taskId}/reports`, { periodKey: quarter, progress: 100, text: '已建立超时说明制度并公开。', final: true, summary: '超时办结件全部补充说明，制度已印发。' });
    const form = new FormData();
    form.append('file', new Blob([PNG], { type: 'image/png' }), '整改佐证.png');
    const uploaded = await fetch(`${base}/api/v1/reports/${report.id}/evidence`, { method: 'POST', headers: { Cookie: swjApi.cookie, 'X-CSRF-Token': swjApi.csrf }, body: form });
    expect(uploaded.status).toBe(201);
    const current = await api(base, swjApi, 'GET /api/v1/reports/:id', `/api/v1/reports/${report.id}`);
    await api(base, swjApi, 'POST /api/v1/reports/:id/submit', `/api/v1/reports/${report.id}/submit`, { version: current.version });
    await api(base, supApi, 'POST /api/v1/reports/:id/accept', `/api/v1/reports/${report.id}/accept`, {});

    await withScreenshotOnFailure(swj, 'mechanism-liaison-complete', async () => {
      await swj.goto(taskUrl);
      await act(swj, /申请办结/, '申请办结');
    });

    await withScreenshotOnFailure(sup, 'mechanism-supervisor-close', async () => {
      await sup.goto(taskUrl);
      await act(sup, /销\s*号/, '销号');
      await sup.goto(inspectionUrl);
      const row = sup.getByRole('row').filter({ hasText: finding });
      await row.getByText('已整改').waitFor();
      const closed = await clickForResponse(sup, sup.getByRole('button', { name: /^结\s*束$/ }), (r) => r.url().endsWith('/transitions') && r.method() === 'POST');
      expect(closed.status()).toBe(200);
      await expectTag(sup, '已结束');
      expect(session.pageErrors).toEqual([]);
    });
  });
});
