/**
 * Journey: 对标对表 and 考核 on the demo. The supervisor adds an indicator to 市商务局's demo task (through the API, as
 * the create dialog does); the liaison `swj` opens it from the task page and reports last year's figure; the
 * supervisor accepts it on the indicator page — the chart and its table show the figure, and the task's light turns
 * red with the indicator named in words. Then the supervisor opens 考核评价, finds the demo's frozen quarter with its
 * ranking and components, freezes an earlier finished quarter and sees it frozen with the tasks behind a score.
 * Last, the supervisor creates an indicator in the 新建指标 dialog and corrects its target in 修改指标.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { clickForResponse, describeBrowser, duplicateIds, withScreenshotOnFailure } from '../support/browser.ts';
import { api, apiSignIn, signIn, startTwoPeople, type TwoPeople } from '../support/journeys.ts';


/** Chooses an option of a searchable select in a dialog: type to filter, click it, see it chosen. */
async function pickOption(page: Page, dialog: Locator, field: string, option: string): Promise<void> {
  const select = dialog.getByLabel(field);
  await select.click();
  await select.fill(option);
  await page.locator(`.ant-select-item-option[title="${option}"]`).click();
  await dialog.locator(`.ant-select-content[title="${option}"]`).waitFor();
}

describeBrowser('journey: report an indicator figure, accept it, watch the light; freeze a quarter and read the ranking', (executablePath) => {
  let people: TwoPeople;
  beforeAll(async () => {
    people = await startTwoPeople(executablePath);
  });
  afterAll(async () => people?.close());

  it('runs 对标对表 and 考核 through the UI', { timeout: 90_000 }, async () => {
    const { server, session, second } = people;
    const base = server.baseUrl;
    const s = await apiSignIn(base, 'supervisor');
    const list = await api(base, s, 'GET /api/v1/indicators', '/api/v1/indicators');
    const shop = list.items.find((i) => i.name === '引进品牌首店')!;
    expect(shop.taskTitle).toBe('加快建设国际消费中心城市');
    const year = new Date().getFullYear();
    // Spanning last year too, so last year's figure is judged at its end whatever today's date: half the target expected.
    await api(base, s, 'POST /api/v1/indicators', '/api/v1/indicators', {
      programmeId: shop.programmeId, taskId: shop.taskId, name: '夜间消费示范街区', unit: '个', baseline: 0, target: 1000,
      direction: 'at_least', period: 'year', responsibleUnitId: shop.responsibleUnitId, startDate: `${year - 1}-01-01`, endDate: `${year}-12-31`,
    });

    const swj = await second.newPage();
    await withScreenshotOnFailure(swj, 'measure-liaison', async () => {
      await signIn(swj, base, 'swj');
      await swj.goto(`${base}/tasks/${shop.taskId}`);
      const card = swj.getByTestId('task-indicators');
      await card.getByRole('link', { name: '夜间消费示范街区' }).click();
      await swj.getByRole('heading', { name: '夜间消费示范街区' }).waitFor();
      await swj.getByLabel('周期', { exact: true }).click();
      await swj.locator('.ant-select-item-option', { hasText: new RegExp(`^${year - 1}$`) }).click();
      await swj.getByLabel('实际值', { exact: true }).fill('100');
      await swj.getByLabel('说明', { exact: true }).fill('已建成示范街区100个');
      const reported = await clickForResponse(swj, swj.getByRole('button', { name: '报送实际值' }), (r) => r.url().endsWith('/actuals') && r.method() === 'POST');
      expect(reported.status()).toBe(201);
      await swj.getByTestId(`actual-${year - 1}`).getByText('待审核').waitFor();
    });

    const sup = session.page;
    await withScreenshotOnFailure(sup, 'measure-supervisor', async () => {
      await signIn(sup, base, 'supervisor');
      await sup.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '对标对表' }).click();
      await sup.getByRole('link', { name: '夜间消费示范街区' }).click();
      const figure = sup.getByTestId(`actual-${year - 1}`);
      await figure.getByText('待审核').waitFor();
      const accepted = await clickForResponse(sup, figure.getByRole('button', { name: /通\s*过/ }), (r) => r.url().endsWith('/accept') && r.method() === 'POST');
      expect(accepted.status()).toBe(200);
      await figure.getByText('已通过').waitFor();
      await sup.getByText('明显滞后').first().waitFor();
      // The chart is drawn; its table view has the same figures.
      await sup.getByTestId('indicator-chart').locator('canvas').first().waitFor();
      await sup.getByText('表格', { exact: true }).click();
      const row = sup.getByRole('row').filter({ hasText: String(year - 1) });
      await expect.poll(async () => (await row.first().innerText()).replace(/\s+/g, ' ')).toContain('100 个');

      // The task's light names the indicator.
      await sup.getByRole('link', { name: '加快建设国际消费中心城市' }).click();
      await sup.getByRole('img', { name: /^红灯：指标“夜间消费示范街区”完成100\/1,000个，低于时序进度/ }).first().waitFor();
    });

    await withScreenshotOnFailure(sup, 'measure-evaluation', async () => {
      const periods = (await api(base, s, 'GET /api/v1/evaluations/periods', '/api/v1/evaluations/periods')).items;
      const frozen = periods.find((p) => p.frozen)!;
      let target: string | null = null;
      for (const p of periods.filter((x) => x.ended && !x.frozen)) {
        const e = await api(base, s, 'GET /api/v1/evaluations/periods/:periodKey', `/api/v1/evaluations/periods/${p.periodKey}`);
        if (e.units.length) {
          target = p.periodKey;
          break;
        }
      }
      expect(target).not.toBeNull();

      await sup.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '考核评价' }).click();
      // The newest finished quarter is the demo's frozen one: the ranking, and why 市商务局 is last.
      await sup.getByText('已冻结', { exact: true }).first().waitFor();
      expect(frozen.periodKey).toBeTruthy();
      const ranking = sup.getByRole('table').first();
      await ranking.getByRole('row').filter({ hasText: '市发展改革委' }).waitFor();
      const last = ranking.getByRole('row').filter({ hasText: '市商务局' });
      await last.locator('.ant-table-row-expand-icon').click();
      await sup.getByText('一次通过审核').waitFor();
      await sup.getByText('批示落实').waitFor();

      // An earlier finished quarter: computed live, then frozen.
      await sup.goto(`${base}/evaluations?period=${target}`);
      await sup.getByText(/实时计算，规则第1版/).waitFor();
      await sup.getByRole('button', { name: '冻结本期结果' }).click();
      const froze = await clickForResponse(sup, sup.getByRole('dialog').getByRole('button', { name: /确\s*定|OK/ }), (r) => r.url().endsWith('/freeze') && r.method() === 'POST');
      expect(froze.status()).toBe(201);
      await sup.getByText(/冻结，规则第1版/).waitFor();
      const row = sup.getByRole('table').first().getByRole('row').nth(1);
      await row.locator('.ant-table-row-expand-icon').click();
      await sup.getByText('按时签收').waitFor();
    });

    await withScreenshotOnFailure(sup, 'measure-indicator-forms', async () => {
      // Creating and correcting an indicator: the two dialogs share one plan form.
      const programme = await api(base, s, 'GET /api/v1/programmes/:id', `/api/v1/programmes/${shop.programmeId}`);
      await sup.goto(`${base}/indicators`);
      await sup.getByRole('button', { name: '新建指标' }).click();
      const create = sup.getByRole('dialog', { name: '新建指标' });
      await pickOption(sup, create, '工作方案', programme.title);
      await create.getByLabel('指标名称').fill('新增消费新场景');
      await create.getByLabel('计量单位').fill('个');
      await create.getByLabel('目标值').fill('40');
      await pickOption(sup, create, '责任单位', shop.responsibleUnitName);
      const created = await clickForResponse(sup, create.getByRole('button', { name: /创\s*建/ }), (r) => r.url().endsWith('/api/v1/indicators') && r.method() === 'POST');
      expect(created.status()).toBe(201);
      expect(created.request().postDataJSON()).toMatchObject({
        programmeId: shop.programmeId, name: '新增消费新场景', unit: '个', baseline: 0, target: 40, direction: 'at_least', period: 'quarter',
        tolerance: null, responsibleUnitId: shop.responsibleUnitId, startDate: `${year}-01-01`, endDate: `${year}-12-31`,
      });
      await sup.getByRole('heading', { name: '新增消费新场景' }).waitFor();

      await sup.getByRole('button', { name: '修改指标' }).click();
      const edit = sup.getByRole('dialog', { name: '修改指标' });
      expect(await edit.getByLabel('指标名称').inputValue()).toBe('新增消费新场景');
      // The dialog's fields, the figure form and the peer form behind it each have their own ids.
      expect(await duplicateIds(sup)).toEqual([]);
      await edit.getByLabel('目标值').fill('50');
      const saved = await clickForResponse(sup, edit.getByRole('button', { name: /保\s*存/ }), (r) => /\/api\/v1\/indicators\/[^/]+$/.test(r.url()) && r.method() === 'PATCH');
      expect(saved.status()).toBe(200);
      expect(saved.request().postDataJSON()).toMatchObject({ version: 1, name: '新增消费新场景', unit: '个', target: 50, responsibleUnitId: shop.responsibleUnitId });
      await edit.waitFor({ state: 'hidden' });
    });
    expect(session.pageErrors).toEqual([]);
  });
});
