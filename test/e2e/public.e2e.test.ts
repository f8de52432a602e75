/**
 * Journey: the public side, as the "done when" tells it. A supervisor publishes the demo programme in 督查
 * (公开 switch, preview visible); a visitor on a phone with JavaScript disabled reads it in Traditional script, opens a
 * task and leaves a lead with a photo (answering the no-JS question); the supervisor accepts the lead in the queue
 * and turns it into rectification work; the visitor reloads the task page and sees 線索已受理，已轉整改. Nothing the
 * visitor saw names a member of staff.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, launchBrowser, withScreenshotOnFailure, type BrowserSession } from '../support/browser.ts';
import { api, apiSignIn, PNG, publishDemoProgramme, signIn, startTwoPeople, type TwoPeople } from '../support/journeys.ts';
import { toLocalDate } from '../../src/core/time.ts';

describeBrowser('journey: publish, read without JavaScript on a phone, leave a lead, see it acted on', (executablePath) => {
  let people: TwoPeople;
  let visitor: BrowserSession;
  beforeAll(async () => {
    people = await startTwoPeople(executablePath);
    visitor = await launchBrowser(executablePath, { javaScriptEnabled: false, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  });
  afterAll(async () => {
    await visitor?.close();
    await people?.close();
  });

  it('works end to end', { timeout: 120_000 }, async () => {
    const { server, session } = people;
    const base = server.baseUrl;
    const { programmeId, taskId, taskTitle } = await publishDemoProgramme(base);
    // The task is assigned to a unit with a deadline, so it is public once the programme is.
    const s = await apiSignIn(base, 'supervisor');
    const units = await api(base, s, 'GET /api/v1/units', '/api/v1/units');
    const unit = units.items.find((u) => u.name === '市发展改革委')!;
    const detail = await api(base, s, 'GET /api/v1/tasks/:id', `/api/v1/tasks/${taskId}`);
    const due = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    await api(base, s, 'POST /api/v1/tasks/:id/transitions', `/api/v1/tasks/${taskId}/transitions`, { action: 'assign', version: detail.task.version, leadUnitId: unit.id, dueDate: due });

    // The unit reports with a photo as evidence; the supervisor accepts. Only what is then marked public shows.
    const fgw = await apiSignIn(base, 'fgw');
    const signed = await api(base, s, 'GET /api/v1/tasks/:id', `/api/v1/tasks/${taskId}`).then((d) => d.task.version);
    await api(base, fgw, 'POST /api/v1/tasks/:id/transitions', `/api/v1/tasks/${taskId}/transitions`, { action: 'sign', version: signed });
    // The period is the programme's local day (Asia/Shanghai), which is tomorrow in UTC terms after 16:00 UTC.
    const today = toLocalDate(new Date());
    const report = await api(base, fgw, 'POST /api/v1/tasks/:id/reports', `/api/v1/tasks/${taskId}/reports`, { periodKey: today, progress: 30, text: '已完成项目选址和方案设计', problems: '资金缺口内部说明' });
    const form = new FormData();
    form.append('file', new Blob([PNG], { type: 'image/png' }), '选址现场.png');
    const upload = await fetch(`${base}/api/v1/reports/${report.id}/evidence`, { method: 'POST', headers: { Cookie: fgw.cookie, 'X-CSRF-Token': fgw.csrf }, body: form });
    expect(upload.status).toBe(201);
    await api(base, fgw, 'POST /api/v1/reports/:id/submit', `/api/v1/reports/${report.id}/submit`, {});
    await api(base, s, 'POST /api/v1/reports/:id/accept', `/api/v1/reports/${report.id}/accept`, {});

    const sup = session.page;
    await withScreenshotOnFailure(sup, 'public-publish', async () => {
      await signIn(sup, base, 'supervisor');
      await sup.goto(`${base}/supervision?tab=public&programme=${programmeId}`);
      await sup.getByText('公开内容预览').waitFor();
      await sup.getByText(taskTitle).first().waitFor();
      await sup.getByRole('switch', { name: '公开' }).click();
      await sup.getByRole('button', { name: /确\s*定|OK/ }).click();
      await sup.getByText(/已公开于/).waitFor();
      // On the task page, the accepted report's 公开 switch, then its evidence file ticked public.
      await sup.goto(`${base}/tasks/${taskId}`);
      await sup.getByRole('switch', { name: /公开这份报告/ }).click();
      await sup.getByRole('switch', { name: /公开这份报告/, checked: true }).waitFor();
      // Controlled by the server's answer, so it turns checked once the mark is saved.
      await sup.getByRole('checkbox', { name: '选址现场.png' }).click();
      await expect.poll(async () => (await api(base, s, 'GET /api/v1/programmes/:id/publication', `/api/v1/programmes/${programmeId}/publication`)).publicEvidenceIds.length).toBe(1);
    });

    const page = visitor.page;
    const seen: string[] = [];
    await withScreenshotOnFailure(page, 'public-visitor', async () => {
      await page.goto(`${base}/public/programmes`);
      seen.push(await page.content());
      await page.getByRole('link', { name: '繁體' }).click();
      await page.getByRole('heading', { level: 1, name: '公開的重點工作' }).waitFor();
      seen.push(await page.content());
      await page.locator('main h2 a').first().click();
      await page.locator('html[lang="zh-Hant"]').waitFor();
      seen.push(await page.content());
      // One column on a phone: nothing wider than the screen.
      const widths = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
      expect(widths[0]).toBeLessThanOrEqual(widths[1]! + 1);
      await page.goto(`${base}/public/tasks/${taskId}`);
      await page.getByRole('heading', { level: 2, name: '提供線索' }).waitFor();
      await page.getByText('已完成項目選址和方案設計').waitFor();
      await page.getByRole('link', { name: '选址现场.png' }).waitFor();
      seen.push(await page.content());
      await page.getByLabel('您看到了什麼（必填）').fill('項目現場沒有施工，圍擋已拆除');
      await page.getByLabel('在哪裡（必填）').fill('江岸區解放大道 100 號');
      await page.getByLabel('聯繫方式（可選，僅督查人員可見）').fill('居民 13900000000');
      const photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#888' } }).jpeg().withExif({ IFD0: { Make: 'PhoneCam' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '30/1 35/1 0/1' } }).toBuffer();
      await page.getByLabel(/照片（可選/).setInputFiles({ name: 'IMG_2024.jpg', mimeType: 'image/jpeg', buffer: photo });
      const question = (await page.locator('label[for="lead-answer"]').innerText()).match(/(\d+) \+ (\d+)/)!;
      await page.getByLabel(/驗證：/).fill(String(Number(question[1]) + Number(question[2])));
      await page.getByRole('button', { name: '提交線索' }).click();
      await page.getByRole('heading', { level: 1, name: '感謝您的線索' }).waitFor();
      seen.push(await page.content());
    });

    await withScreenshotOnFailure(sup, 'public-moderate', async () => {
      await sup.goto(`${base}/supervision?tab=public&programme=${programmeId}`);
      const lead = sup.locator('.ant-list-item', { hasText: '項目現場沒有施工' });
      await lead.waitFor();
      await lead.getByText('居民 13900000000').waitFor();
      await lead.getByRole('button', { name: /^受\s*理$/ }).click();
      await lead.waitFor({ state: 'detached' });
      await sup.locator('.ant-segmented-item', { hasText: '已受理' }).click();
      const accepted = sup.locator('.ant-list-item', { hasText: '項目現場沒有施工' });
      await accepted.getByRole('button', { name: '转为整改任务' }).click();
      const dialog = sup.getByRole('dialog');
      await dialog.getByLabel('整改任务名称').fill('整改：恢复解放大道项目施工');
      await dialog.getByLabel('整改时限').click();
      await dialog.getByLabel('整改时限').fill(due);
      await dialog.getByLabel('整改时限').press('Enter');
      await dialog.getByRole('button', { name: '转为整改任务' }).click();
      await accepted.getByText('已转整改任务').waitFor();
    });

    await withScreenshotOnFailure(page, 'public-outcome', async () => {
      await page.goto(`${base}/public/tasks/${taskId}`);
      await page.getByText('線索已受理，已轉整改').waitFor();
      await page.getByText('整改任務：整改：恢復解放大道項目施工').waitFor();
      seen.push(await page.content());
    });

    // Nothing the visitor read names a member of staff, or shows the lead's own words or contact.
    const all = seen.join('\n');
    for (const name of ['张督查', '張督查', '王联络', '王聯絡', '李市长', '李市長', '13900000000', '項目現場沒有施工', '资金缺口', '資金缺口']) expect(all).not.toContain(name);
    expect(visitor.pageErrors).toEqual([]);
  });
});
