import { randomBytes } from 'node:crypto';
import { Document, Packer, Paragraph } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer, createTestApp, json, TestClock, type TestApp, type ErrorBody } from '../support/harness.ts';
import { buildTask, buildUnit, buildUser, signIn, type SignedIn } from '../support/factories.ts';
import { multipart } from '../support/multipart.ts';
import type { ReportResponse } from '../../src/contract/reports.ts';
import { bombDocx } from '../support/zip.ts';


const LIMIT = 256 * 1024;

/** Several files in one multipart body, as a browser sends a multi-file input. */
function files(parts: Array<{ field?: string; filename: string; content: Uint8Array | string }>) {
  const boundary = `----luoshi${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.field ?? 'file'}"; filename="${p.filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      Buffer.from(p.content),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

describe('evidence files (API)', () => {
  let t: TestApp;
  let supervisor: SignedIn;
  let lead: SignedIn;
  let co: SignedIn;
  let outsider: SignedIn;
  let viewer: SignedIn;
  let leader: SignedIn;
  let taskId: string;
  let report: ReportResponse;
  let coReport: ReportResponse;
  let docx: Buffer;

  beforeAll(async () => {
    t = await createTestApp('sqlite', { clock: new TestClock(new Date('2024-05-10T02:00:00.000Z')), config: { uploadLimitBytes: LIMIT } });
    const leadUnit = (await buildUnit(t.ctx)).id;
    const coUnit = (await buildUnit(t.ctx)).id;
    supervisor = await signIn(t.app, await buildUser(t.ctx, { roles: ['supervisor'] }));
    lead = await signIn(t.app, await buildUser(t.ctx, { roles: ['liaison'], unitId: leadUnit }));
    co = await signIn(t.app, await buildUser(t.ctx, { roles: ['liaison'], unitId: coUnit }));
    outsider = await signIn(t.app, await buildUser(t.ctx, { roles: ['liaison'] }));
    viewer = await signIn(t.app, await buildUser(t.ctx, { roles: ['viewer'] }));
    leader = await signIn(t.app, await buildUser(t.ctx, { roles: ['leader'] }));
    const task = await buildTask(t.ctx, { supervisorIds: [supervisor.user.id], state: 'in_progress', leadUnitId: leadUnit, coUnitIds: [coUnit], cadence: { kind: 'monthly' }, signedAt: '2024-03-10T02:00:00.000Z' });
    taskId = task.id;
    const create = async (who: SignedIn) =>
      answer('POST /api/v1/tasks/:id/reports', await t.app.inject({ method: 'POST', url: `/api/v1/tasks/${taskId}/reports`, headers: who.headers, payload: { periodKey: '2024-05', progress: 50, text: '已完成主体工程。' } }));
    report = await create(lead);
    coReport = await create(co);
    docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('项目验收意见')] }] }));
  });
  afterAll(async () => t.close());

  const upload = (who: SignedIn, reportId: string, body: { payload: Buffer; headers: Record<string, string> }) =>
    t.app.inject({ method: 'POST', url: `/api/v1/reports/${reportId}/evidence`, headers: { ...who.headers, ...body.headers }, payload: body.payload });
  const download = (who: SignedIn, evidenceId: string) => t.app.inject({ method: 'GET', url: `/api/v1/evidence/${evidenceId}/download`, headers: who.headers });
  const audit = async (objectId: string) => (await t.ctx.db.selectFrom('audit_events').select('action').where('object_id', '=', objectId).orderBy('seq').execute()).map((r) => r.action);
  const evidenceCount = async () => Number((await t.ctx.db.selectFrom('evidence').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  it('refuses uploads from anyone but the report’s own unit', async () => {
    const body = () => multipart({ filename: '验收.pdf', content: PDF });
    expect((await upload(viewer, report.id, body())).statusCode).toBe(403);
    expect((await upload(supervisor, report.id, body())).statusCode).toBe(403);
    const hidden = await upload(outsider, report.id, body());
    expect(hidden.statusCode).toBe(404);
    expect(json<ErrorBody>(hidden).error.code).toBe('report_not_found');
    // The co-unit cannot see the lead's report; the lead unit sees the co-unit's but may not write it.
    expect((await upload(co, report.id, body())).statusCode).toBe(404);
    expect((await upload(lead, coReport.id, body())).statusCode).toBe(403);
    const notMultipart = await t.app.inject({ method: 'POST', url: `/api/v1/reports/${report.id}/evidence`, headers: lead.headers, payload: { file: 'x' } });
    expect(json<ErrorBody>(notMultipart).error.code).toBe('multipart_required');
    expect(await evidenceCount()).toBe(0);
  });

  it('refuses files over the size limit (413) and types it does not accept (415), storing none of a batch', async () => {
    const big = await upload(lead, report.id, multipart({ filename: 'big.pdf', content: Buffer.concat([PDF, Buffer.alloc(LIMIT)]) }));
    expect(big.statusCode).toBe(413);
    expect(json<ErrorBody>(big).error.code).toBe('payload_too_large');

    const exe = await upload(lead, report.id, multipart({ filename: 'scan.pdf', content: Buffer.concat([Buffer.from('MZ'), randomBytes(512)]) }));
    expect(exe.statusCode).toBe(415);
    expect(json<ErrorBody>(exe).error).toMatchObject({ code: 'unsupported_file_type', message: expect.stringMatching(/scan\.pdf.*Programs are not accepted/) });

    const bomb = bombDocx(64);
    expect(bomb.length).toBeLessThan(LIMIT);
    const bombed = await upload(lead, report.id, multipart({ filename: '材料.docx', content: bomb }));
    expect(bombed.statusCode).toBe(415);
    expect(json<ErrorBody>(bombed).error.message).toMatch(/unpack to more than 100 times/);

    const unknown = await upload(lead, report.id, multipart({ filename: 'data.bin', content: Buffer.from([0, 1, 2, 3, 0xff, 0xfe, 0, 7]) }));
    expect(unknown.statusCode).toBe(415);
    expect(json<ErrorBody>(unknown).error.message).toMatch(/not accepted; upload PDF/);

    // One bad file in a batch refuses the batch: nothing half-stored.
    const mixed = await upload(lead, report.id, files([{ filename: 'ok.pdf', content: PDF }, { filename: 'bad.exe', content: 'MZ\u0090\u0000' }]));
    expect(mixed.statusCode).toBe(415);
    const empty = await upload(lead, report.id, multipart({ filename: 'empty.pdf', content: '' }));
    expect(json<ErrorBody>(empty).error.code).toBe('file_empty');
    const wrongField = await upload(lead, report.id, multipart({ field: 'attachment', filename: 'a.pdf', content: PDF }));
    expect(json<ErrorBody>(wrongField).error.code).toBe('unexpected_field');
    expect(await evidenceCount()).toBe(0);
  });

  let pdfId: string;
  let docxId: string;

  it('stores several files by content hash and serves them, byte for byte, only to those who see the report', async () => {
    const res = await upload(lead, report.id, files([{ filename: '验收意见 (终稿).pdf', content: PDF }, { filename: 'C:\\fakepath\\会议纪要.docx', content: docx }]));
    expect(res.statusCode).toBe(201);
    const body = answer('POST /api/v1/reports/:id/evidence', res);
    expect(body.items.map((e) => [e.filename, e.mediaType, e.byteSize])).toEqual([
      ['验收意见 (终稿).pdf', 'application/pdf', PDF.length],
      ['会议纪要.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', docx.length],
    ]);
    expect(body.report.evidence).toHaveLength(2);
    [pdfId, docxId] = body.items.map((e) => e.id) as [string, string];
    expect(await audit(pdfId)).toEqual(['evidence.added']);
    expect(await audit(docxId)).toEqual(['evidence.added']);
    const blob = await t.ctx.db.selectFrom('blobs').selectAll().where('sha256', '=', body.items[0]!.sha256).executeTakeFirst();
    expect(blob).toMatchObject({ media_type: 'application/pdf' });

    // The same bytes again share the blob row and the file.
    const again = await upload(lead, report.id, multipart({ filename: 'copy.pdf', content: PDF }));
    const copyId = answer('POST /api/v1/reports/:id/evidence', again).items[0]!.id;
    expect(await t.ctx.db.selectFrom('blobs').select('sha256').where('sha256', '=', body.items[0]!.sha256).execute()).toHaveLength(1);

    const got = await download(lead, pdfId);
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(PDF)).toBe(true);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.headers['content-disposition']).toBe(`attachment; filename="____ (__).pdf"; filename*=UTF-8''${encodeURIComponent('验收意见 ').replace(/'/g, '%27')}%28${encodeURIComponent('终稿')}%29.pdf`);
    expect((await download(supervisor, docxId)).rawPayload.equals(docx)).toBe(true);
    expect((await download(leader, docxId)).statusCode).toBe(200);
    for (const who of [outsider, co, viewer]) {
      const refused = await download(who, pdfId);
      expect(refused.statusCode).toBe(404);
      expect(json<ErrorBody>(refused).error.code).toBe('evidence_not_found');
    }

    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/evidence/${copyId}`, headers: co.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/evidence/${copyId}`, headers: lead.headers })).statusCode).toBe(204);
    expect(await audit(copyId)).toEqual(['evidence.added', 'evidence.deleted']);
  });

  it('freezes evidence with the submission: no change while submitted, back to editable once returned', async () => {
    const submitted = await t.app.inject({ method: 'POST', url: `/api/v1/reports/${report.id}/submit`, headers: lead.headers });
    expect(submitted.statusCode).toBe(200);
    const s = answer('POST /api/v1/reports/:id/submit', submitted);
    expect(s.events.find((e) => e.type === 'report.submitted')?.evidence?.map((e) => e.id)).toEqual([pdfId, docxId]);

    const late = await upload(lead, report.id, multipart({ filename: 'more.pdf', content: PDF }));
    expect(late.statusCode).toBe(409);
    expect(json<ErrorBody>(late).error.code).toBe('invalid_transition');
    const del = await t.app.inject({ method: 'DELETE', url: `/api/v1/evidence/${docxId}`, headers: lead.headers });
    expect(del.statusCode).toBe(409);

    await t.app.inject({ method: 'POST', url: `/api/v1/reports/${report.id}/return`, headers: supervisor.headers, payload: { reason: '会议纪要与本任务无关' } });
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/evidence/${docxId}`, headers: lead.headers })).statusCode).toBe(204);
    expect(await audit(docxId)).toEqual(['evidence.added', 'evidence.deleted']);
    const after = answer('GET /api/v1/reports/:id', await t.app.inject({ method: 'GET', url: `/api/v1/reports/${report.id}`, headers: lead.headers }));
    expect(after.evidence.map((e) => e.id)).toEqual([pdfId]);
    // The first revision still names what it carried.
    expect(after.events.find((e) => e.type === 'report.submitted')?.evidence?.map((e) => e.id)).toEqual([pdfId, docxId]);
  });

  it('answers a 500 that names nothing when a stored file’s bytes are gone, after refusing who may not see it', async () => {
    const bytes = Buffer.from('%PDF-1.4\n% 佐证材料，字节已丢失\n%%EOF\n');
    const added = answer('POST /api/v1/reports/:id/evidence', await upload(co, coReport.id, multipart({ filename: '佐证.pdf', content: bytes }))).items[0]!;
    await t.ctx.blobs.delete(added.sha256);
    expect((await download(outsider, added.id)).statusCode).toBe(404);
    const lost = await download(co, added.id);
    expect(lost.statusCode).toBe(500);
    expect(json<ErrorBody>(lost).error).toEqual({ code: 'internal_error', message: 'Internal server error' });
    expect(lost.headers['content-disposition']).toBeUndefined();
  });
});
