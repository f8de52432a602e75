import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { createTestApp, json, type TestApp } from '../support/harness.ts';
import { buildExportsWorld, worldClock, type ExportsWorld } from '../support/exports-world.ts';
import type { SignedIn } from '../support/factories.ts';

describe('ledger export (API)', () => {
  let t: TestApp;
  let w: ExportsWorld;

  beforeAll(async () => {
    t = await createTestApp('sqlite', { clock: worldClock() });
    w = await buildExportsWorld(t);
  });
  afterAll(async () => t.close());

  const get = (who: SignedIn | null, url: string) => t.app.inject({ method: 'GET', url, ...(who ? { headers: who.headers } : {}) });
  const csvRows = (body: string) => body.replace(/^\uFEFF/, '').trim().split('\r\n');

  it('refuses the anonymous, roles without the export permission, bad filters and programmes the caller cannot see', async () => {
    expect((await get(null, '/api/v1/ledger.xlsx')).statusCode).toBe(401);
    expect((await get(null, '/api/v1/ledger.csv')).statusCode).toBe(401);
    expect((await get(w.as.viewer, '/api/v1/ledger.csv')).statusCode).toBe(403);
    expect((await get(w.as.admin, '/api/v1/ledger.xlsx')).statusCode).toBe(403);
    expect((await get(w.as.osup, `/api/v1/ledger.xlsx?programmeId=${w.programmeId}`)).statusCode).toBe(404);
    expect((await get(w.as.sup, '/api/v1/ledger.csv?programmeId=nope')).statusCode).toBe(404);
    const bad = await get(w.as.sup, '/api/v1/ledger.csv?dueFrom=2024-13');
    expect(bad.statusCode).toBe(400);
    expect(json(bad)).toMatchObject({ error: { code: 'invalid_request', field: 'querystring.dueFrom' } });
    const unknown = await get(w.as.sup, '/api/v1/ledger.csv?limit=5');
    expect(unknown.statusCode).toBe(400);
    const many = await get(w.as.sup, `/api/v1/ledger.csv?ids=${Array.from({ length: 1001 }, (_, i) => `x${i}`).join(',')}`);
    expect(json(many)).toMatchObject({ error: { code: 'selection_too_large' } });
  });

  it('writes a CSV with a BOM, the ledger’s columns, formulas neutralised and the Chinese file name', async () => {
    const res = await get(w.as.sup, `/api/v1/ledger.csv?programmeId=${w.programmeId}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const disposition = String(res.headers['content-disposition']);
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+\.csv"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe(`${w.programmeTitle}台账-2024-05-10.csv`);
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = csvRows(res.body);
    expect(rows[0]).toBe('序号,工作方面,工作任务,牵头单位,配合单位,责任人,完成时限,进展情况,亮灯,最近反馈,备注');
    expect(rows).toHaveLength(6);
    const formula = rows.find((r) => r.includes('HYPERLINK'))!;
    expect(formula).toContain(`"'=HYPERLINK(""http://x"",""促进消费"")"`);
    const overdue = rows.find((r) => r.includes('推进城市更新项目建设'))!;
    expect(overdue).toContain(`1,扩大有效需求,推进城市更新项目建设,${w.unitNames.lead},${w.unitNames.co},,2024-04-30,已签收 0%,红灯`);
    expect(overdue).toContain('逾期10天');
    const closed = rows.find((r) => r.includes('建设科技创新平台'))!;
    expect(closed).toContain('已销号 100%');
    expect(closed).toContain('2024-04-02 平台已建成并投入运行');
    expect(rows.find((r) => r.includes('引进高层次人才'))).toMatch(/^2\.1,加快科技创新,/);
  });

  it('gives a liaison only the rows the ledger shows them, and a selection only the selected rows', async () => {
    const lead = csvRows((await get(w.as.lead, `/api/v1/ledger.csv?programmeId=${w.programmeId}`)).body);
    expect(lead.slice(1).map((r) => r.split(',')[2])).toEqual(['推进城市更新项目建设', '建设科技创新平台']);
    const co = csvRows((await get(w.as.co, '/api/v1/ledger.csv')).body).join('\n');
    expect(co).toContain('推进城市更新项目建设');
    expect(co).not.toContain('建设科技创新平台');
    expect((await get(w.as.other, `/api/v1/ledger.csv?programmeId=${w.programmeId}`)).statusCode).toBe(200);
    const selection = csvRows((await get(w.as.sup, `/api/v1/ledger.csv?ids=${w.tasks.plain},${w.tasks.overdue},${w.tasks.formula.slice(0, -1)}x`)).body);
    expect(selection.slice(1).map((r) => r.split(',')[2])).toEqual(['推进城市更新项目建设', '培育新兴产业集群']);
    const hidden = csvRows((await get(w.as.other, `/api/v1/ledger.csv?ids=${w.tasks.overdue},${w.tasks.formula}`)).body);
    expect(hidden).toHaveLength(2);
    const red = csvRows((await get(w.as.sup, `/api/v1/ledger.csv?programmeId=${w.programmeId}&health=red`)).body);
    expect(red.slice(1).every((r) => r.includes('红灯'))).toBe(true);
    expect(red.length).toBeGreaterThan(1);
  });

  it('writes an XLSX that an independent reader sees as a real ledger: summary, a sheet per area, merged headers, colours and words', async () => {
    const res = await get(w.as.sup, `/api/v1/ledger.xlsx?programmeId=${w.programmeId}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['x-total-rows']).toBe('5');
    const wb = XLSX.read(res.rawPayload, { type: 'buffer', cellStyles: true });
    expect(wb.SheetNames).toEqual(['汇总', '1.扩大有效需求', '2.加快科技创新']);

    const area = wb.Sheets['1.扩大有效需求']!;
    expect(area.A1?.v).toBe(`${w.programmeTitle}工作台账`);
    expect(area.A2?.v).toBe('工作方面：扩大有效需求');
    expect(area.H2?.v).toBe('截至2024-05-10');
    const merges = (area['!merges'] ?? []).map((m) => XLSX.utils.encode_range(m)).sort();
    expect(merges).toEqual(['A1:J1', 'A2:G2', 'A3:A4', 'B3:B4', 'C3:E3', 'F3:F4', 'G3:I3', 'H2:J2', 'J3:J4'].sort());
    const header = (r: number) => ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J'].map((c) => area[`${c}${r}`]?.v ?? '');
    expect(header(3)).toEqual(['序号', '工作任务', '责任分工', '', '', '完成时限', '推进情况', '', '', '备注']);
    expect(header(4)).toEqual(['', '', '牵头单位', '配合单位', '责任人', '', '进展情况', '亮灯', '最近反馈', '']);
    const rows = XLSX.utils.sheet_to_json<string[]>(area, { header: 1, range: 4 });
    expect(rows.map((r) => r[1])).toEqual(['推进城市更新项目建设', '=HYPERLINK("http://x","促进消费")']);
    // A title that looks like a formula is stored as text, not as a formula.
    expect(area.B6?.t).toBe('s');
    expect(area.B6?.f).toBeUndefined();
    expect(area.H5?.v).toBe('红灯');
    expect((area.H5 as { s?: { fgColor?: { rgb?: string } } }).s?.fgColor?.rgb).toBe('E53935');
    expect(area['!cols']?.[1]?.wch ?? area['!cols']?.[1]?.width).toBeGreaterThan(20);

    const tech = XLSX.utils.sheet_to_json<string[]>(wb.Sheets['2.加快科技创新']!, { header: 1, range: 4 });
    expect(tech.map((r) => [r[0], r[1]])).toEqual([['1', '建设科技创新平台'], ['2', '培育新兴产业集群'], ['2.1', '引进高层次人才']]);

    const summary = XLSX.utils.sheet_to_json<Array<string | number>>(wb.Sheets['汇总']!, { header: 1, range: 2 });
    expect(summary[0]).toEqual(['工作方面', '任务数', '已销号', '红灯', '黄灯', '绿灯', '蓝灯', '挂账', '逾期']);
    expect(summary[1]?.slice(0, 2)).toEqual(['扩大有效需求', 2]);
    expect(summary[1]?.[3]).toBe(1);
    expect(summary[2]?.slice(0, 3)).toEqual(['加快科技创新', 3, 1]);
    expect(summary[3]?.slice(0, 3)).toEqual(['合计', 5, 1]);
  });

  it('writes the fixed words in the requested language', async () => {
    const res = await get(w.as.sup, `/api/v1/ledger.csv?programmeId=${w.programmeId}&lang=zh-Hant`);
    expect(csvRows(res.body)[0]).toBe('序號,工作方面,工作任務,牽頭單位,配合單位,責任人,完成時限,進展情況,亮燈,最近反饋,備註');
    const en = await get(w.as.sup, `/api/v1/ledger.csv?programmeId=${w.programmeId}&lang=en`);
    expect(csvRows(en.body)[0]).toContain('No.,Work area,Task,Lead unit');
    expect(csvRows(en.body).join('\n')).toContain('Red');
  });

  it('takes exactly the ledger’s filters (the two query schemas cannot drift apart)', async () => {
    const doc = json<{ paths: Record<string, { get: { parameters: Array<{ name: string; in: string; schema: unknown }> } }> }>(await get(w.as.sup, '/api/openapi.json'));
    const params = (path: string) => Object.fromEntries(doc.paths[path]!.get.parameters.filter((p) => p.in === 'query').map((p) => [p.name, p.schema]));
    const ledger = params('/api/v1/tasks');
    const exported = params('/api/v1/ledger.xlsx');
    // Paging (limit, offset, withTotal) is the ledger's alone: an export holds every row.
    const { limit: _limit, offset: _offset, withTotal: _withTotal, ...filters } = ledger;
    const { ids: _ids, lang: _lang, ...exportFilters } = exported;
    expect(exportFilters).toEqual(filters);
    expect(params('/api/v1/ledger.csv')).toEqual(exported);
  });
});

