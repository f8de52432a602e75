/**
 * Oversight journeys on the demo data: the leader's home shows a red task with its reason and instructs on it in one
 * click; the supervisor's 统计 page counts the red tasks of a unit, and its table view's number opens the ledger,
 * which lists exactly that many. With LUOSHI_E2E_SHOTS=<dir>, screenshots at desktop and phone width are saved there.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { refreshAllHealth } from '../../src/server/modules/tasks/index.ts';
import { clickForResponse, describeBrowser, withScreenshotOnFailure } from '../support/browser.ts';
import { api, apiSignIn, publishDemoProgramme, signIn, startTwoPeople, type TwoPeople } from '../support/journeys.ts';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

async function shoot(page: Page, name: string): Promise<void> {
  const dir = process.env.LUOSHI_E2E_SHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  for (const [label, width] of [['desktop', 1280], ['phone', 390]] as const) {
    await page.setViewportSize({ width, height: 800 });
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(dir, `${name}-${label}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

describeBrowser('journey: oversight — the leader instructs on a red task, the supervisor drills from 统计 into the ledger', (executablePath) => {
  let people: TwoPeople;
  beforeAll(async () => {
    people = await startTwoPeople(executablePath);
  });
  afterAll(async () => people?.close());

  it('leader home → red item → instruct; supervisor 统计 → a unit’s red count → the ledger lists as many', { timeout: 90_000 }, async () => {
    const { server, session, second } = people;
    const base = server.baseUrl;
    const { programmeId } = await publishDemoProgramme(base);
    const sup = await apiSignIn(base, 'supervisor');
    const units = await api(base, sup, 'GET /api/v1/units', '/api/v1/units');
    const unit = (name: string) => units.items.find((u) => u.name === name)!.id;
    const tasks = await api(base, sup, 'GET /api/v1/tasks', `/api/v1/tasks?programmeId=${programmeId}&kind=task&limit=6`);
    const leads = ['市发展改革委', '市发展改革委', '市经信局', '市商务局', '市发展改革委', '市经信局'];
    const fgw = await apiSignIn(base, 'fgw');
    for (const [i, task] of tasks.items.entries()) {
      const assigned = await api(base, sup, 'POST /api/v1/tasks/:id/transitions', `/api/v1/tasks/${task.id}/transitions`, { action: 'assign', version: task.version, leadUnitId: unit(leads[i]!), dueDate: day(30 + i) });
      if (leads[i] === '市发展改革委') await api(base, fgw, 'POST /api/v1/tasks/:id/transitions', `/api/v1/tasks/${task.id}/transitions`, { action: 'sign', version: assigned.version });
    }
    // Two of the unit's tasks are past their deadline: the health job lights them red, with the reason in words.
    const late = [tasks.items[0]!, tasks.items[4]!];
    await server.t.ctx.db.updateTable('tasks').set({ due_date: day(-6) }).where('id', 'in', late.map((x) => x.id)).execute();
    await refreshAllHealth(server.t.ctx.db, new Date());
    const red = late[0]!;

    const page = session.page;
    await withScreenshotOnFailure(page, 'oversight-leader', async () => {
      await signIn(page, base, 'leader');
      const attention = page.getByRole('region', { name: /红灯、黄灯事项/ });
      const item = attention.getByRole('listitem').filter({ hasText: red.title });
      await item.waitFor();
      await expect.poll(() => item.innerText()).toMatch(/逾期/);
      await shoot(page, 'home-leader');
      await item.getByRole('button', { name: `对“${red.title}”作出批示` }).click();
      const dialog = page.getByRole('dialog', { name: `对“${red.title}”作出批示` });
      await dialog.getByRole('textbox', { name: '批示' }).fill('请发改委本周内拿出追赶计划并报送进展');
      const sent = await clickForResponse(page, dialog.getByRole('button', { name: '发送批示' }), (r) => r.url().includes(`/tasks/${red.id}/instructions`) && r.method() === 'POST');
      expect(sent.status()).toBe(201);
      await dialog.waitFor({ state: 'hidden' });
      // What came of it: nothing yet — the home says so.
      const mine = page.getByRole('region', { name: '我的批示及落实情况' }).getByRole('listitem').filter({ hasText: '请发改委本周内拿出追赶计划' });
      await mine.getByText('尚无回应').waitFor();
    });

    const supPage = await second.newPage();
    const errors: Error[] = [];
    supPage.on('pageerror', (err) => errors.push(err));
    await withScreenshotOnFailure(supPage, 'oversight-supervisor', async () => {
      await signIn(supPage, base, 'supervisor');
      await shoot(supPage, 'home-supervisor');
      await supPage.goto(`${base}/stats?programme=${programmeId}`);
      const byUnit = supPage.getByRole('region', { name: '分单位落实情况' });
      const chart = byUnit.getByTestId('chart-unitId');
      await chart.waitFor();
      await expect.poll(() => chart.getAttribute('aria-label')).toMatch(/市发展改革委：共 3 项，红灯 2 项/);
      await shoot(supPage, 'stats-supervisor');
      await byUnit.locator('.ant-segmented').getByText('表格').click();
      const link = byUnit.getByRole('row').filter({ hasText: '市发展改革委' }).getByRole('link', { name: '市发展改革委 红灯 2' });
      await link.click();
      await supPage.waitForURL(/\/ledger\?/);
      expect(new URL(supPage.url()).searchParams.get('health')).toBe('red');
      await supPage.getByText('共 2 项').waitFor();
      await expect.poll(() => supPage.getByRole('link', { name: red.title }).count()).toBeGreaterThan(0);
    });
    expect(errors).toEqual([]);
    expect(session.pageErrors).toEqual([]);
  });
});
