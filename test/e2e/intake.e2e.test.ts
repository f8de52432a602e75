/**
 * Intake journeys.
 * 1. The supervisor opens the demo's reference communiqué: the decomposition shows 3 principles and 6 work areas
 *    (一要…六要); clicking 五要 highlights its span and scrolls it into view. She starts a review, renames an item,
 *    accepts the suggested lead units of every task in one action, sets a lead unit on two items at once, gives every
 *    task one deadline, leaves a work area out (the coverage meter drops), and publishes and assigns at once; the
 *    liaison of 市商务局 then finds one notice listing all the unit's new tasks.
 * 2. She imports a GB18030 file and a Big5 file through the upload dialog; each lands on its document page with the
 *    right encoding and a parsed tree.
 */
import iconv from 'iconv-lite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/server/demo/seed-demo.ts';
import { clickForResponse, describeBrowser, launchBrowser, startDemoServer, withScreenshotOnFailure, type BrowserSession, type DemoServer } from '../support/browser.ts';
import { contractAnswer } from '../support/contract-answer.ts';
import { signIn as signInAs } from '../support/journeys.ts';

const SIMPLIFIED = `关于加快建设绿色低碳城市的工作要点

一、总体要求
坚持生态优先、绿色发展，推动经济社会发展全面绿色转型。

二、重点任务
（一）推进能源结构调整。加快发展风电和光伏发电，到2025年可再生能源装机容量达到500万千瓦。
（二）推动交通运输绿色转型。大力发展公共交通，年底前新增新能源公交车300辆。
（三）加强生态环境保护。深入打好蓝天、碧水、净土保卫战，持续改善空气质量。
`;

const TRADITIONAL = `關於加快建設智慧城市的工作要點

一、總體要求
堅持數位賦能、創新驅動，推動城市治理體系和治理能力現代化。

二、重點任務
（一）完善數位基礎設施。加快建設第五代行動通訊網路，年底前新建基地台2000個。
（二）推進政務服務線上辦理。深化一網通辦改革，持續優化營商環境。
（三）提升城市治理水準。建設城市運行管理平台，強化風險監測預警。
`;

async function signIn(page: Page, baseUrl: string, next: string): Promise<void> {
  await page.goto(`${baseUrl}/signin?next=${encodeURIComponent(next)}`);
  await page.getByLabel('用户名').fill('supervisor');
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL(`${baseUrl}${next}`);
}

/** Waits for the next edit of the draft and checks that the server took it. */
async function edited(page: Page, action: () => Promise<void>): Promise<void> {
  const response = page.waitForResponse((r) => /\/api\/v1\/drafts\/[^/]+\/operations$/.test(r.url()) && r.request().method() === 'POST');
  await action();
  expect((await response).status()).toBe(200);
}

/** Whether the element lies inside the window and inside every scrolling box around it. */
function inView(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).first().evaluate((el) => {
    const r = el.getBoundingClientRect();
    if (r.top < 0 || r.bottom > window.innerHeight) return false;
    for (let box = el.parentElement; box; box = box.parentElement) {
      const style = getComputedStyle(box);
      if (!/(auto|scroll)/.test(style.overflowY)) continue;
      const b = box.getBoundingClientRect();
      if (r.top < b.top || r.bottom > b.bottom) return false;
    }
    return true;
  });
}

describeBrowser('journey: intake of policy documents', (executablePath) => {
  let server: DemoServer;
  let session: BrowserSession;

  beforeAll(async () => {
    [server, session] = await Promise.all([startDemoServer(), launchBrowser(executablePath, { locale: 'zh-CN' })]);
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('decomposes the reference communiqué, reviews the draft and publishes it', { timeout: 60_000 }, async () => {
    const { page } = session;
    await withScreenshotOnFailure(page, 'intake-review', async () => {
      await signIn(page, server.baseUrl, '/documents');
      await page.getByRole('link', { name: /第六次全體會議公報/ }).click();
      await page.getByRole('heading', { name: /第六次全體會議公報/ }).waitFor();
      await page.getByText('委员 62 人，候补委员 9 人').waitFor();

      // The decomposition tab: 3 principles and 6 work areas, 一要 … 六要.
      const tree = page.getByRole('tree', { name: '结构' });
      await tree.getByText('方面', { exact: true }).first().waitFor();
      expect(await tree.getByText('原则', { exact: true }).count()).toBe(3);
      const areas = tree.getByRole('treeitem').filter({ has: page.getByText('方面', { exact: true }) });
      const areaTexts = await areas.allTextContents();
      expect(areaTexts.map((s) => s.replace(/^方面/, '').slice(0, 2))).toEqual(['一要', '二要', '三要', '四要', '五要', '六要']);

      // Clicking 五要 in the tree highlights its span in the text and scrolls it into view.
      await areas.filter({ hasText: '五要' }).locator('[data-node-id]').click();
      const selected = page.locator('[role="document"] [data-selected="true"]');
      await expect.poll(async () => (await selected.first().textContent())?.slice(0, 2)).toBe('五要');
      await expect.poll(() => inView(page, '[role="document"] [data-selected="true"]')).toBe(true);
      // And the other way: clicking highlighted text selects its item in the tree.
      await page.locator('[role="document"] [data-item]', { hasText: '深入推進長江大保護' }).first().click();
      await tree.locator('.ant-tree-treenode-selected', { hasText: '深入推進長江大保護' }).waitFor();

      // Start a review.
      await page.getByRole('tab', { name: '方案草稿' }).click();
      await page.getByRole('button', { name: /开始分解审核/ }).click();
      await page.waitForURL(/\/drafts\/[^/]+$/);
      const review = page.getByRole('tree', { name: '结构' });
      const item = (text: string) => review.getByRole('treeitem').filter({ hasText: text }).first();
      const meter = page.getByRole('progressbar', { name: /部署覆盖/ });
      await meter.waitFor();
      const coverageBefore = await meter.getAttribute('aria-label');

      // Rename an item.
      await item('一要').locator('[data-node-id]').click();
      await page.getByRole('button', { name: /重命名/ }).click();
      const renameBox = review.getByRole('textbox', { name: '重命名' });
      await renameBox.fill('以科技創新引領現代化產業體系建設');
      await edited(page, () => renameBox.press('Enter'));
      await item('以科技創新引領現代化產業體系建設').waitFor();

      // Accept the suggested lead units of every included task in one action.
      await edited(page, () => page.getByRole('button', { name: /采纳建议/ }).click());
      await expect.poll(() => item('加快建設國際消費中心城市').locator('.ant-tag', { hasText: '市商务局' }).count()).toBe(1);
      await expect.poll(() => item('保障農民工工資按時足額發放').locator('.ant-tag', { hasText: '市人社局' }).count()).toBe(1);

      // Set a lead unit on two items at once.
      await item('二要').locator('.ant-tree-checkbox').click();
      await item('三要').locator('.ant-tree-checkbox').click();
      await page.getByText('已勾选 2 项').waitFor();
      await page.getByRole('combobox', { name: '牵头单位' }).click();
      await page.keyboard.type('发展改革');
      await edited(page, () => page.locator('.ant-select-tree-title', { hasText: '市发展改革委' }).click());
      await expect.poll(() => review.locator('[data-node-id] > .ant-tag', { hasText: '市发展改革委' }).count()).toBeGreaterThanOrEqual(2);
      await page.getByRole('button', { name: /清除勾选/ }).click();

      // One deadline for every included task.
      const due = `${new Date().getFullYear() + 1}-06-30`;
      await page.getByRole('button', { name: /勾选全部纳入的任务/ }).click();
      await page.getByPlaceholder('完成期限').click();
      await page.keyboard.type(due);
      await edited(page, () => page.keyboard.press('Enter'));
      await page.getByRole('button', { name: /清除勾选/ }).click();

      // Leave one work area out: its tasks stop covering their sentences.
      await item('六要').locator('[data-node-id]').click();
      await edited(page, () => page.getByRole('button', { name: /不\s*纳入/ }).click());
      await expect.poll(() => meter.getAttribute('aria-label')).not.toBe(coverageBefore);
      const [covered, total] = (await meter.getAttribute('aria-label'))!.match(/(\d+)\/(\d+)/)!.slice(1).map(Number) as [number, number];
      const [coveredBefore] = coverageBefore!.match(/(\d+)\/(\d+)/)!.slice(1).map(Number) as [number];
      expect(covered).toBeLessThan(coveredBefore);
      expect(total).toBe(17);

      // Publish and assign at once: the dialog says what will happen first.
      const counts = await page.getByTestId('draft-counts').textContent();
      const included = Number(counts?.match(/纳入 (\d+) 项/)?.[1]);
      await page.getByRole('button', { name: /发\s*布/ }).click();
      const dialog = page.getByRole('dialog', { name: '发布工作方案' });
      await dialog.getByTestId('publish-summary').waitFor();
      expect(await dialog.getByRole('checkbox', { name: /立即交办/ }).isChecked()).toBe(true);
      const answered = await clickForResponse(page, dialog.getByRole('button', { name: /发\s*布/ }), (r) => r.url().endsWith('/publish') && r.method() === 'POST');
      const result = contractAnswer('POST /api/v1/drafts/:id/publish', answered.status(), await answered.text());
      expect(result.tasks).toBe(included);
      expect(result.assigned.length).toBeGreaterThanOrEqual(30);
      await page.getByText(`其中 ${result.assigned.length} 项任务已交办`).waitFor();
      const ledger = page.getByRole('link', { name: /在台账中查看/ });
      expect(await ledger.getAttribute('href')).toBe(`/ledger?programme=${result.programmeId}`);

      // The liaison of 市商务局 hears of all the unit's new tasks in one notice.
      await page.context().clearCookies();
      await signInAs(page, server.baseUrl, 'swj');
      await page.getByRole('button', { name: /^通知（\d+ 条未读）$/ }).click();
      const drawer = page.getByRole('dialog', { name: '通知' });
      const grouped = drawer.getByRole('listitem').filter({ hasText: /【交办】\d+项任务/ });
      await grouped.first().waitFor();
      expect(await grouped.count()).toBe(1);
      await grouped.getByText('加快建設國際消費中心城市').first().waitFor();
      expect(session.pageErrors).toEqual([]);
    });
  });

  it('imports a GB18030 file and a Big5 file through the upload dialog', { timeout: 45_000 }, async () => {
    const { page } = session;
    await withScreenshotOnFailure(page, 'intake-import', async () => {
      // The journey before ended as a liaison: the supervisor signs in again.
      await page.context().clearCookies();
      await signIn(page, server.baseUrl, '/documents');
      const files = [
        { name: 'gb18030-要点.txt', bytes: iconv.encode(SIMPLIFIED, 'gb18030'), encoding: 'gb18030', title: '关于加快建设绿色低碳城市的工作要点' },
        { name: 'big5-要點.txt', bytes: iconv.encode(TRADITIONAL, 'big5'), encoding: 'big5', title: '關於加快建設智慧城市的工作要點' },
      ];
      for (const file of files) {
        await page.goto(`${server.baseUrl}/documents`);
        await page.getByRole('button', { name: /导入文件/ }).click();
        const dialog = page.getByRole('dialog', { name: '导入文件' });
        await dialog.locator('input[type="file"]').setInputFiles({ name: file.name, mimeType: 'text/plain', buffer: file.bytes });
        await dialog.getByText(file.name).waitFor();
        await dialog.getByRole('button', { name: /导\s*入/ }).click();
        await page.waitForURL(/\/documents\/[^/?]+$/);
        await page.getByRole('heading', { name: file.title }).waitFor();
        expect(await page.getByTestId('document-encoding').textContent()).toBe(file.encoding);
        const tree = page.getByRole('tree', { name: '结构' });
        await tree.getByText('方面', { exact: true }).first().waitFor();
        expect(await tree.getByText('方面', { exact: true }).count()).toBe(3);
        expect(await tree.getByText('部分', { exact: true }).count()).toBe(2);
      }

      // The same bytes again are refused, with a link to the document imported first.
      await page.goto(`${server.baseUrl}/documents`);
      await page.getByRole('button', { name: /导入文件/ }).click();
      const dialog = page.getByRole('dialog', { name: '导入文件' });
      await dialog.locator('input[type="file"]').setInputFiles({ name: 'again.txt', mimeType: 'text/plain', buffer: files[1]!.bytes });
      await dialog.getByRole('button', { name: /导\s*入/ }).click();
      await dialog.getByText('这份文本已经导入过（不论文件格式或编码）。').waitFor();
      await dialog.getByRole('link', { name: '打开已导入的文件' }).click();
      await page.getByRole('heading', { name: files[1]!.title }).waitFor();

      // Search finds a document in either script: Simplified words find the Big5 (Traditional) one.
      await page.goto(`${server.baseUrl}/documents?q=${encodeURIComponent('运行管理平台')}`);
      await page.getByRole('link', { name: files[1]!.title }).waitFor();
      expect(await page.getByRole('link', { name: /全體會議公報/ }).count()).toBe(0);
      expect(session.pageErrors).toEqual([]);
    });
  });
});
