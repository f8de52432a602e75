import { strFromU8, unzipSync } from 'fflate';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer, createTestApp, json, type TestApp } from '../support/harness.ts';
import { buildExportsWorld, worldClock, type ExportsWorld } from '../support/exports-world.ts';
import type { SignedIn } from '../support/factories.ts';

describe('briefing export (API)', () => {
  let t: TestApp;
  let w: ExportsWorld;

  beforeAll(async () => {
    t = await createTestApp('sqlite', { clock: worldClock() });
    w = await buildExportsWorld(t);
  });
  afterAll(async () => t.close());

  const url = (q = 'from=2024-04-01&to=2024-05-10', id = w.programmeId) => `/api/v1/programmes/${id}/briefing.docx?${q}`;
  const get = (who: SignedIn | null, u: string) => t.app.inject({ method: 'GET', url: u, ...(who ? { headers: who.headers } : {}) });
  const text = async (body: Buffer) => (await mammoth.extractRawText({ buffer: body })).value;

  it('refuses the anonymous, those who may not brief, programmes the caller cannot see and bad periods', async () => {
    expect((await get(null, url())).statusCode).toBe(401);
    expect((await get(w.as.viewer, url())).statusCode).toBe(403);
    expect((await get(w.as.lead, url())).statusCode).toBe(403);
    expect((await get(w.as.osup, url())).statusCode).toBe(404);
    // A liaison whose unit leads a task of the programme sees it, but does not brief on it.
    expect((await get(w.as.other, url())).statusCode).toBe(403);
    expect((await get(w.as.sup, url(undefined, 'nope'))).statusCode).toBe(404);
    const missing = await get(w.as.sup, url('from=2024-04-01'));
    expect(missing.statusCode).toBe(400);
    expect(json(missing)).toMatchObject({ error: { code: 'invalid_request' } });
    const reversed = await get(w.as.sup, url('from=2024-05-01&to=2024-04-01'));
    expect(json(reversed)).toMatchObject({ error: { code: 'invalid_period' } });
    expect((await get(w.as.admin, url())).statusCode).toBe(200);
  });

  it('writes a Word document whose summary, unit table, red items and commendations match the ledger', async () => {
    const res = await get(w.as.sup, url());
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(decodeURIComponent(String(res.headers['content-disposition']).split("UTF-8''")[1]!)).toBe(`关于${w.programmeTitle}落实情况的通报-2024-05-10.docx`);
    const ledger = answer('GET /api/v1/tasks', await get(w.as.sup, `/api/v1/tasks?programmeId=${w.programmeId}&kind=task,subtask`));
    const red = ledger.items.filter((i) => i.health === 'red');
    const yellow = ledger.items.filter((i) => i.health === 'yellow');
    expect(red.length).toBeGreaterThan(0);
    const doc = await text(res.rawPayload);
    expect(doc).toContain(`关于${w.programmeTitle}落实情况的通报`);
    expect(doc).toContain('（2024年4月1日至2024年5月10日）');
    expect(doc).toContain(`截至2024年5月10日，${w.programmeTitle}共有任务5项，已销号1项（其中本期销号1项），完成率20%；亮红灯${red.length}项、黄灯${yellow.length}项，逾期未完成1项。`);
    expect(doc).toContain(`从各牵头单位看，${w.unitNames.lead}推进最快，完成率50%。`);
    // The unit table: header, then one row per lead unit (mammoth puts each cell on its own paragraph).
    expect(doc).toMatch(/序号\s+牵头单位\s+任务数\s+已销号\s+完成率\s+红灯\s+黄灯\s+逾期/);
    expect(doc).toMatch(new RegExp(`1\\s+${w.unitNames.lead}\\s+2\\s+1\\s+50%`));
    expect(doc).toContain(`推进城市更新项目建设（牵头单位：${w.unitNames.lead}；完成时限：2024年4月30日）。亮灯原因：`);
    for (const r of red) expect(doc).toContain(r.title);
    expect(doc).toContain(`${w.unitNames.lead}牵头的“建设科技创新平台”于2024年4月2日销号，较完成时限提前181天。`);
    expect(doc).toContain(`${w.unitNames.lead}报送的“建设科技创新平台”2024-04进展报告一次审核通过。`);
    // Page and fonts as official documents have them: A4, GB/T 9704 margins (twips), Chinese fonts in the eastAsia slot.
    const xml = strFromU8(unzipSync(new Uint8Array(res.rawPayload))['word/document.xml']!);
    expect(xml).toMatch(/<w:pgSz w:w="11907" w:h="16840"/);
    expect(xml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1985" w:left="1588"/);
    for (const f of ['方正小标宋简体', '仿宋_GB2312', '黑体', '楷体_GB2312']) expect(xml).toContain(`w:eastAsia="${f}"`);
    // The issuing office defaults to the author's unit.
    expect(doc.split('\n').filter(Boolean)[1]).toBe((await t.ctx.db.selectFrom('units').select('name').where('id', '=', w.as.sup.user.unitId).executeTakeFirstOrThrow()).name);
  });

  it('writes the fixed words in Traditional or English, leaving titles as written', async () => {
    const hant = await text((await get(w.as.leader, url('from=2024-04-01&to=2024-05-10&lang=zh-Hant&office=市委督查室'))).rawPayload);
    expect(hant).toContain(`關於${w.programmeTitle}落實情況的通報`);
    expect(hant).toContain('市委督查室');
    // Task titles stay as the source wrote them.
    expect(hant).toContain('“建设科技创新平台”於2024年4月2日銷號');
    expect(hant).toContain('三、亮紅燈事項');
    const en = await text((await get(w.as.leader, url('from=2024-04-01&to=2024-05-10&lang=en'))).rawPayload);
    expect(en).toContain(`Briefing on the delivery of ${w.programmeTitle}`);
    expect(en).toContain('has 5 tasks; 1 are closed (1 in this period), a completion rate of 20%.');
  });
});
