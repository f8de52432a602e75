import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { ImportResult } from '../../src/contract/exports.ts';
import { answer, createTestApp, json, type TestApp } from '../support/harness.ts';
import { buildExportsWorld, worldClock, type ExportsWorld } from '../support/exports-world.ts';
import type { SignedIn } from '../support/factories.ts';
import { multipart } from '../support/multipart.ts';

describe('task import (API)', () => {
  let t: TestApp;
  let w: ExportsWorld;

  beforeAll(async () => {
    t = await createTestApp('sqlite', { clock: worldClock() });
    w = await buildExportsWorld(t);
  });
  afterAll(async () => t.close());

  const post = (who: SignedIn | null, content: Uint8Array | string, opts: { dryRun?: boolean; id?: string; filename?: string } = {}) => {
    const body = multipart({ filename: opts.filename ?? 'tasks.csv', content });
    return t.app.inject({
      method: 'POST',
      url: `/api/v1/programmes/${opts.id ?? w.programmeId}/import${opts.dryRun ? '?dryRun=true' : ''}`,
      headers: { ...(who ? who.headers : {}), ...body.headers },
      payload: body.payload,
    });
  };
  const taskCount = async () => Number((await t.ctx.db.selectFrom('tasks').select((eb) => eb.fn.countAll<number>().as('n')).where('programme_id', '=', w.programmeId).executeTakeFirstOrThrow()).n);
  const csv = (rows: string[][]) => rows.map((r) => r.join(',')).join('\r\n');

  it('refuses the anonymous, those who may not plan the programme, and files that are not spreadsheets', async () => {
    const ok = csv([['工作方面', '工作任务'], ['扩大有效需求', '新任务']]);
    expect((await post(null, ok)).statusCode).toBe(401);
    expect((await post(w.as.viewer, ok)).statusCode).toBe(403);
    expect((await post(w.as.lead, ok)).statusCode).toBe(403);
    expect((await post(w.as.leader, ok)).statusCode).toBe(403);
    expect((await post(w.as.osup, ok)).statusCode).toBe(404);
    expect((await post(w.as.sup, ok, { id: 'nope' })).statusCode).toBe(404);
    const notMultipart = await t.app.inject({ method: 'POST', url: `/api/v1/programmes/${w.programmeId}/import`, headers: w.as.sup.headers, payload: { x: 1 } });
    expect(json(notMultipart)).toMatchObject({ error: { code: 'multipart_required' } });
    expect(json(await post(w.as.sup, ''))).toMatchObject({ error: { code: 'empty_file' } });
    const png = await post(w.as.sup, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    expect([400, 415]).toContain(png.statusCode);
    const fakeZip = await post(w.as.sup, Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(100)]), { filename: 'x.xlsx' });
    expect(json(fakeZip)).toMatchObject({ error: { code: 'unreadable_file' } });
    expect(json(await post(w.as.sup, csv([['甲', '乙'], ['1', '2']])))).toMatchObject({ error: { code: 'no_header' } });
    expect(await taskCount()).toBe(7);
  });

  it('names every problem with the file’s own row and column, and writes nothing', async () => {
    const file = csv([
      ['序号', '工作方面', '工作任务', '牵头单位', '配合单位', '完成时限', '备注'],
      ['1', '扩大有效需求', '', w.unitNames.lead, '', '2024-06-30', ''],
      ['2', '扩大有效需求', '推动消费品以旧换新', '不存在的单位', '', '2024-06-30', ''],
      ['3', '扩大有效需求', '稳定外贸基本盘', w.unitNames.lead, `${w.unitNames.co}、${w.unitNames.lead}`, '2024-02-30', ''],
      ['', '', '', '', '', '', ''],
      ['4', '扩大有效需求', '推动消费品以旧换新', w.unitNames.co, '', '2024年6月底', ''],
      ['5', '加快科技创新', '推进城市更新项目建设', w.unitNames.lead, '', '', ''],
      ['6', '', '无方面的任务', w.unitNames.lead, '', '', ''],
    ]);
    const dry = await post(w.as.sup, file, { dryRun: true });
    expect(dry.statusCode).toBe(422);
    const body = json<ImportResult>(dry);
    expect(body.problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [2, '工作任务', 'missing_title'],
      [3, '牵头单位', 'unknown_unit'],
      [4, '配合单位', 'co_unit_is_lead'],
      [4, '完成时限', 'bad_date'],
      [6, '工作任务', 'duplicate_in_file'],
      [7, '工作任务', 'duplicate_existing'],
      [8, '工作方面', 'missing_area'],
    ]);
    expect(body.problems[4]!).toMatchObject({ message: expect.stringContaining('row 3'), params: { firstRow: 3 } });
    expect(body.problems[1]!.params).toEqual({ value: '不存在的单位' });
    expect(body.columns).toContainEqual({ header: '备注', field: null });
    expect(body).toMatchObject({ dryRun: true, applied: false, created: 0 });
    const apply = await post(w.as.sup, file);
    expect(apply.statusCode).toBe(422);
    expect(json<ImportResult>(apply)).toMatchObject({ applied: false, taskIds: [] });
    expect(await taskCount()).toBe(7);
  });

  it('checks a clean file in a dry run without writing, then applies it all in one go with an audit event per task', async () => {
    const file = `\uFEFF${csv([
      ['Work area', 'Task', 'Lead unit', 'Co-units', 'Due date', 'Tags'],
      ['扩大有效需求', '推动消费品以旧换新', w.unitNames.lead, w.unitNames.co, '2024/9/30', '消费、民生'],
      ['建设现代化产业体系', '"培育壮大先进制造业集群，打造""链主""企业"', w.unitNames.co, '', '2024年底', ''],
      ['建设现代化产业体系', '推进数字经济发展', '', '', '', ''],
    ])}`;
    const dry = await post(w.as.sup, file, { dryRun: true });
    expect(dry.statusCode).toBe(200);
    expect(json<ImportResult>(dry)).toMatchObject({ format: 'csv', rows: 3, created: 3, applied: false, problems: [], createdAreas: ['建设现代化产业体系'] });
    expect(await taskCount()).toBe(7);
    const apply = await post(w.as.sup, file);
    expect(apply.statusCode).toBe(201);
    const result = json<ImportResult>(apply);
    expect(result).toMatchObject({ applied: true, created: 3 });
    expect(await taskCount()).toBe(11);
    const ledger = answer('GET /api/v1/tasks',
      await t.app.inject({ method: 'GET', url: `/api/v1/tasks?programmeId=${w.programmeId}&q=链主`, headers: w.as.sup.headers }),
    );
    expect(ledger.items).toHaveLength(1);
    expect(ledger.items[0]).toMatchObject({ title: '培育壮大先进制造业集群，打造"链主"企业', dueDate: '2024-12-31', leadUnitId: w.units.co, state: 'draft' });
    const audited = await t.ctx.db.selectFrom('audit_events').select('object_id').where('action', '=', 'task.created').where('object_id', 'in', result.taskIds).execute();
    expect(audited).toHaveLength(3);
    // Imported again: every row is now a duplicate of an existing task.
    const again = json<ImportResult>(await post(w.as.sup, file, { dryRun: true }));
    expect(again.problems.map((p) => p.code)).toEqual(['duplicate_existing', 'duplicate_existing', 'duplicate_existing']);
  });

  it('reads GB18030 CSV and XLSX with date cells and a work area merged over several rows', async () => {
    const gb = iconv.encode(csv([['工作方面', '工作任务', '牵头单位'], ['扩大有效需求', '发展县域经济', w.unitNames.lead]]), 'gb18030');
    expect(json<ImportResult>(await post(w.as.sup, gb, { dryRun: true }))).toMatchObject({ rows: 1, problems: [] });

    const sheet = XLSX.utils.aoa_to_sheet([
      ['2024年工作任务台账'],
      ['序号', '工作方面', '工作任务', '牵头单位', '完成时限'],
      [1, '加快科技创新', '建设新型研发机构', w.unitNames.lead, new Date(Date.UTC(2024, 7, 31))],
      [2, null, '推进成果转化', w.unitNames.co, '2024-13-01'],
    ], { cellDates: true });
    sheet['!merges'] = [XLSX.utils.decode_range('B3:B4')];
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, sheet, '台账');
    const bytes = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', cellDates: true }) as Buffer;
    const res = json<ImportResult>(await post(w.as.sup, bytes, { dryRun: true, filename: 'tasks.xlsx' }));
    expect(res.format).toBe('xlsx');
    expect(res.rows).toBe(2);
    expect(res.problems).toEqual([{ sheet: '台账', row: 4, column: '完成时限', code: 'bad_date', message: expect.stringContaining('2024-13-01'), params: { value: '2024-13-01' } }]);
  });

  it('offers a template that names the columns and the programme’s work areas', async () => {
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/programmes/${w.programmeId}/import/template.xlsx`, headers: w.as.lead.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/programmes/${w.programmeId}/import/template.xlsx`, headers: w.as.osup.headers })).statusCode).toBe(404);
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/programmes/${w.programmeId}/import/template.xlsx`, headers: w.as.sup.headers });
    expect(res.statusCode).toBe(200);
    const wb = XLSX.read(res.rawPayload, { type: 'buffer' });
    expect(wb.SheetNames).toEqual(['任务', 'lists', '填写说明']);
    expect(XLSX.utils.sheet_to_json<string[]>(wb.Sheets['任务']!, { header: 1 })[0]).toEqual(['工作方面', '工作任务', '牵头单位', '配合单位', '责任人', '开始日期', '完成时限', '工作内容', '标签']);
    expect(XLSX.utils.sheet_to_csv(wb.Sheets['填写说明']!)).toContain('扩大有效需求、加快科技创新');
    // The template itself, filled in and sent back, imports.
    const filled = XLSX.utils.sheet_add_aoa(wb.Sheets['任务']!, [['加快科技创新', '建设概念验证中心', w.unitNames.lead]], { origin: 'A2' });
    wb.Sheets['任务'] = filled;
    const back = json<ImportResult>(await post(w.as.sup, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer, { dryRun: true, filename: 't.xlsx' }));
    expect(back).toMatchObject({ rows: 1, problems: [], createdAreas: [] });
  });

  it('takes back an exported 台账: one sheet per work area, two-level header, the area as the sheet heading', async () => {
    const exported = await t.app.inject({ method: 'GET', url: `/api/v1/ledger.xlsx?programmeId=${w.programmeId}`, headers: w.as.sup.headers });
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/programmes', headers: w.as.sup.headers, payload: { title: '2025年重点工作' } });
    const target = answer('POST /api/v1/programmes', created).id;
    const res = json<ImportResult>(await post(w.as.sup, exported.rawPayload, { dryRun: true, id: target, filename: 'ledger.xlsx' }));
    expect(res.problems).toEqual([]);
    // Earlier tests imported into this programme too, so the count comes from the export itself.
    expect(res.rows).toBe(Number(exported.headers['x-total-rows']));
    expect(res.rows).toBeGreaterThanOrEqual(5);
    expect(res.createdAreas).toEqual(expect.arrayContaining(['扩大有效需求', '加快科技创新']));
    expect(res.columns.filter((c) => c.field).map((c) => c.header)).toEqual(['工作任务', '牵头单位', '配合单位', '责任人', '完成时限']);
    const applied = await post(w.as.sup, exported.rawPayload, { id: target, filename: 'ledger.xlsx' });
    expect(applied.statusCode).toBe(201);
    const ledger = answer('GET /api/v1/tasks',
      await t.app.inject({ method: 'GET', url: `/api/v1/tasks?programmeId=${target}&q=城市更新`, headers: w.as.sup.headers }),
    );
    expect(ledger.items[0]).toMatchObject({ title: '推进城市更新项目建设', dueDate: '2024-04-30', leadUnitId: w.units.lead, coUnits: [{ unitId: w.units.co }] });
  });
});


describe('task import limits (API)', () => {
  let t: TestApp;
  let w: ExportsWorld;

  beforeAll(async () => {
    t = await createTestApp('sqlite', { clock: worldClock() });
    w = await buildExportsWorld(t);
  });
  afterAll(async () => t.close());

  const post = (content: Uint8Array | string, filename = 'x.xlsx') => {
    const body = multipart({ filename, content });
    return t.app.inject({ method: 'POST', url: `/api/v1/programmes/${w.programmeId}/import?dryRun=true`, headers: { ...w.as.sup.headers, ...body.headers }, payload: body.payload });
  };

  it('refuses more rows than an import holds, and reads a sheet with a stray far-right cell as quickly as any', async () => {
    const many = `工作方面,工作任务\n${Array.from({ length: 10_020 }, (_, i) => `甲,任务${i}`).join('\n')}\n`;
    expect(json(await post(many, 'many.csv'))).toMatchObject({ error: { code: 'too_many_rows' } });
    const sheet = XLSX.utils.aoa_to_sheet([['工作方面', '工作任务'], ['扩大有效需求', '远端单元格的任务']]);
    sheet.XFD2 = { t: 's', v: '远端' };
    sheet['!ref'] = 'A1:XFD2';
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, sheet, '任务');
    const res = json<ImportResult>(await post(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer));
    expect(res).toMatchObject({ rows: 1, problems: [] });
  });
});
