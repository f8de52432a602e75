/**
 * Public leads (群众线索) through HTTP: the no-JavaScript form (multipart POST → 303 to a thank-you page), its
 * bounds (challenge, text, photo type and size, rate limits per address and per task, counted before the challenge),
 * the photo re-encoded without metadata, the moderation queue (contact for supervisors only), and a lead turned into
 * rectification work whose closure the public task page then shows.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEAD_LIMITS } from '../../src/server/modules/leads/index.ts';
import type { PublicProgramme } from '../../src/contract/publication.ts';
import type { ApiKey } from '../../src/contract/api.ts';
import { answer, callAs, createTestApp, type ErrorBody, json, type TestApp, TestClock } from '../support/harness.ts';
import { buildPublicWorld, type PublicWorld } from '../support/public-world.ts';
import { multipart } from '../support/multipart.ts';
import { jpegWithGps, leadBody, readForm } from '../support/public-leads.ts';


const CONTACT = '13800000000 联系人QCONTACT';

describe('public leads (API)', () => {
  let t: TestApp;
  let w: PublicWorld;
  let n = 0;
  /** A fresh address per step, so the per-address limit is exercised only where the test means it. */
  const addr = () => `203.0.113.${++n}`;

  beforeAll(async () => {
    t = await createTestApp('sqlite', { clock: new TestClock(new Date('2024-05-10T02:00:00.000Z')) });
    w = await buildPublicWorld(t);
    await t.app.inject({ method: 'POST', url: `/api/v1/programmes/${w.programmeId}/publication`, headers: w.sup.headers });
  });
  afterAll(async () => t.close());

  const post = async (taskId: string, fields: Record<string, string>, photo?: Parameters<typeof leadBody>[1], remoteAddress = addr()) => {
    const body = leadBody(fields, photo);
    return t.app.inject({ method: 'POST', url: `/public/tasks/${taskId}/leads`, headers: body.headers, payload: body.payload, remoteAddress });
  };
  const leadCount = async () => Number((await t.ctx.db.selectFrom('leads').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const sendLead = async (what: string, extra: Record<string, string> = {}, photo?: Parameters<typeof leadBody>[1]) => {
    const form = await readForm(t, w.taskId);
    return post(w.taskId, { what, place: '幸福路 12 号', ...form, ...extra }, photo);
  };
  const queue = (who: PublicWorld['sup'], q = '') => t.app.inject({ method: 'GET', url: `/api/v1/leads${q}`, headers: who.headers });

  it('shows the form on a public task page, with a signed question that works without JavaScript', async () => {
    const page = await t.app.inject({ method: 'GET', url: `/public/tasks/${w.taskId}` });
    expect(page.body).toMatch(/<form method="post" action="\/public\/tasks\/[^"]+\/leads" enctype="multipart\/form-data">/);
    expect(page.body).toMatch(/<label for="lead-answer">验证：\d+ \+ \d+ 等于多少？<\/label>/);
    expect(page.body).not.toMatch(/<script/);
  });

  it('refuses leads on tasks that are not public, wrong answers, missing text and bad photos — storing nothing', async () => {
    const form = await readForm(t, w.taskId);
    expect((await post(w.reports.draft, { what: 'x', place: 'y', ...form })).statusCode).toBe(404);
    const wrong = await post(w.taskId, { what: '路面塌陷', place: '幸福路', challenge: form.challenge, answer: String(Number(form.answer) + 1) });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('验证题答案不对');
    expect(wrong.body).toContain('路面塌陷');
    expect(wrong.headers['cache-control']).toBe('no-store');
    const forged = await post(w.taskId, { what: '路面塌陷', place: '幸福路', challenge: `${form.challenge}x`, answer: form.answer });
    expect(forged.statusCode).toBe(400);
    expect((await post(w.taskId, { what: '   ', place: '幸福路', ...form })).statusCode).toBe(400);
    expect((await post(w.taskId, { what: 'x'.repeat(2001), place: '幸福路', ...form })).statusCode).toBe(400);
    const gif = await post(w.taskId, { what: '路面塌陷', place: '幸福路', ...form }, { bytes: Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;'), filename: 'a.jpg' });
    expect(gif.statusCode).toBe(415);
    const broken = await post(w.taskId, { what: '路面塌陷', place: '幸福路', ...form }, { bytes: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200)]) });
    expect(broken.statusCode).toBe(400);
    const huge = await post(w.taskId, { what: '路面塌陷', place: '幸福路', ...form }, { bytes: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(5 * 1024 * 1024 + 10)]) });
    expect(huge.statusCode).toBe(413);
    expect(await leadCount()).toBe(0);
  });

  it('takes a lead with a photo, re-encoded as JPEG with its EXIF and GPS position gone, and redirects to a thank-you page', async () => {
    const original = await jpegWithGps();
    const exifIn = (await sharp(original).metadata()).exif;
    expect(exifIn?.includes(Buffer.from('MarkerCamQ'))).toBe(true);
    expect(exifIn?.includes(Buffer.from([0x88, 0x25])) || exifIn?.includes(Buffer.from([0x25, 0x88]))).toBe(true);
    const res = await sendLead('小区改造工地停工一个月', { contact: CONTACT }, { bytes: original, filename: 'IMG_0001.JPG' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/public/tasks/${w.taskId}/leads/thanks`);
    const thanks = await t.app.inject({ method: 'GET', url: String(res.headers.location) });
    expect(thanks.statusCode).toBe(200);
    expect(thanks.body).toContain('感谢您的线索');
    const row = await t.ctx.db.selectFrom('leads').selectAll().where('what', '=', '小区改造工地停工一个月').executeTakeFirstOrThrow();
    const chunks: Buffer[] = [];
    for await (const c of t.ctx.blobs.stream(row.photo_sha256!)) chunks.push(c as Buffer);
    const stored = Buffer.concat(chunks);
    const meta = await sharp(stored).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.exif).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(stored.includes(Buffer.from('Exif\0\0'))).toBe(false);
    expect(stored.includes(Buffer.from('MarkerCamQ'))).toBe(false);
    const audit = await t.ctx.db.selectFrom('audit_events').selectAll().where('object_id', '=', row.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['lead.submitted']);
    expect(JSON.stringify(audit)).not.toContain('13800000000');
  });

  it('accepts a solved challenge once only', async () => {
    const form = await readForm(t, w.taskId);
    expect((await post(w.taskId, { what: '第一次', place: '幸福路', ...form })).statusCode).toBe(303);
    const replay = await post(w.taskId, { what: '第二次', place: '幸福路', ...form });
    expect(replay.statusCode).toBe(409);
    expect(replay.body).toContain('该表单已提交过');
  });

  it('limits attempts per address, counting wrong answers too, with 429 and Retry-After', async () => {
    const ip = '192.0.2.77';
    const form = await readForm(t, w.taskId);
    for (let i = 0; i < LEAD_LIMITS.perAddress; i++) {
      expect((await post(w.taskId, { what: '错误', place: '某处', challenge: form.challenge, answer: '0' }, undefined, ip)).statusCode).toBe(400);
    }
    const limited = await post(w.taskId, { what: '正确', place: '某处', ...(await readForm(t, w.taskId)) }, undefined, ip);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(3000);
    expect(limited.body).toContain('提交过于频繁');
    // Another address is not affected.
    expect((await sendLead('另一位居民的线索')).statusCode).toBe(303);
    // The window slides: an hour later the address may try again.
    t.clock.advance(LEAD_LIMITS.windowMinutes * 60_000 + 1000);
    expect((await post(w.taskId, { what: '一小时后', place: '某处', ...(await readForm(t, w.taskId)) }, undefined, ip)).statusCode).toBe(303);
  });

  it('limits attempts per task across addresses', async () => {
    t.clock.advance(LEAD_LIMITS.windowMinutes * 60_000 + 1000);
    const form = await readForm(t, w.taskId);
    for (let i = 0; i < LEAD_LIMITS.perTask; i++) await post(w.taskId, { what: '刷', place: '刷', challenge: form.challenge, answer: '0' });
    const res = await post(w.taskId, { what: '新地址', place: '某处', ...(await readForm(t, w.taskId)) });
    expect(res.statusCode).toBe(429);
    expect(res.headers['retry-after']).toBeDefined();
    t.clock.advance(LEAD_LIMITS.windowMinutes * 60_000 + 1000);
  });

  it('shows the queue, with contact details, only to the programme’s supervisors', async () => {
    expect((await queue(w.leader)).statusCode).toBe(403);
    expect((await queue(w.lead)).statusCode).toBe(403);
    expect((await queue(w.viewer)).statusCode).toBe(403);
    expect(answer('GET /api/v1/leads', await queue(w.osup)).items).toEqual([]);
    expect((await queue(w.sup, '?state=nonsense')).statusCode).toBe(400);
    const items = answer('GET /api/v1/leads', await queue(w.sup, '?state=pending')).items;
    const withPhoto = items.find((l) => l.what === '小区改造工地停工一个月')!;
    expect(withPhoto).toMatchObject({ contact: CONTACT, state: 'pending', abilities: { accept: true, reject: true, merge: true, rectify: false } });
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/leads/${withPhoto.id}`, headers: w.osup.headers })).statusCode).toBe(404);
    const photo = await t.app.inject({ method: 'GET', url: withPhoto.photoUrl!, headers: w.sup.headers });
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/jpeg');
    expect((await t.app.inject({ method: 'GET', url: withPhoto.photoUrl!, headers: w.osup.headers })).statusCode).toBe(404);
    // Nothing of a lead is public before it is accepted, and its text and contact never are.
    const pub = await t.app.inject({ method: 'GET', url: `/public/api/programmes/${w.programmeId}.json` });
    expect(pub.body).not.toContain('小区改造工地停工一个月');
    expect(pub.body).not.toContain('13800000000');
  });

  it('moderates: reject with a category, merge a duplicate, accept, and turn into a rectification task shown publicly until it is closed', async () => {
    const items = answer('GET /api/v1/leads', await queue(w.sup, '?state=pending')).items;
    const main = items.find((l) => l.what === '小区改造工地停工一个月')!;
    const dup = items.find((l) => l.what === '第一次')!;
    const junk = items.find((l) => l.what === '另一位居民的线索')!;
    const act = (id: string, action: string, payload: Record<string, unknown>, who = w.sup) => t.app.inject({ method: 'POST', url: `/api/v1/leads/${id}/${action}`, headers: who.headers, payload });

    expect((await act(junk.id, 'reject', { version: junk.version, reason: 'other' })).statusCode).toBe(400);
    expect((await act(junk.id, 'reject', { version: junk.version, reason: 'spam' })).statusCode).toBe(400);
    expect((await act(junk.id, 'reject', { version: junk.version, reason: 'unverifiable' }, w.leader)).statusCode).toBe(403);
    expect((await act(junk.id, 'reject', { version: junk.version, reason: 'unverifiable' }, w.osup)).statusCode).toBe(404);
    const rejected = answer('POST /api/v1/leads/:id/reject', await act(junk.id, 'reject', { version: junk.version, reason: 'unverifiable' }));
    expect(rejected).toMatchObject({ state: 'rejected', abilities: { accept: false } });
    expect(json<ErrorBody>(await act(junk.id, 'accept', { version: rejected.version })).error.code).toBe('invalid_transition');

    expect(json<ErrorBody>(await act(main.id, 'accept', { version: main.version + 5 })).error.code).toBe('version_conflict');
    expect(json<ErrorBody>(await act(main.id, 'rectification', { version: main.version, title: '整改', dueDate: '2024-06-30' })).error.code).toBe('invalid_transition');
    const accepted = answer('POST /api/v1/leads/:id/accept', await act(main.id, 'accept', { version: main.version }));
    expect(accepted).toMatchObject({ state: 'accepted', abilities: { rectify: true } });
    expect((await act(dup.id, 'merge', { version: dup.version, intoId: dup.id })).statusCode).toBe(400);
    expect(answer('POST /api/v1/leads/:id/merge', await act(dup.id, 'merge', { version: dup.version, intoId: main.id }))).toMatchObject({ state: 'merged', mergedIntoId: main.id });

    const pageBefore = await t.app.inject({ method: 'GET', url: `/public/tasks/${w.taskId}` });
    expect(pageBefore.body).toContain('线索已受理，正在核实');

    expect(json<ErrorBody>(await act(main.id, 'rectification', { version: accepted.version, title: '整改：工地复工', dueDate: '2020-01-01' })).error.code).toBeDefined();
    const rectified = answer('POST /api/v1/leads/:id/rectification', await act(main.id, 'rectification', { version: accepted.version, title: '整改：工地复工', dueDate: '2024-06-30' }));
    expect(rectified.rectificationTaskId).toEqual(expect.any(String));
    const taskId = rectified.rectificationTaskId!;
    const task = answer('GET /api/v1/tasks/:id', await t.app.inject({ method: 'GET', url: `/api/v1/tasks/${taskId}`, headers: w.sup.headers }));
    expect(task.task).toMatchObject({ state: 'assigned', leadUnitId: w.leadUnitId, dueDate: '2024-06-30', programmeId: w.programmeId, taskType: 'rectification', tags: ['整改'] });
    const audit = (await t.ctx.db.selectFrom('audit_events').select('action').where('object_id', '=', main.id).orderBy('seq').execute()).map((r) => r.action);
    expect(audit).toEqual(['lead.submitted', 'lead.accepted', 'lead.rectified']);

    const hant = await t.app.inject({ method: 'GET', url: `/public/tasks/${w.taskId}?script=hant` });
    expect(hant.body).toContain('線索已受理，已轉整改');
    expect(hant.body).toContain('整改：工地復工');
    expect(hant.body).not.toContain('小区改造工地停工一个月');

    // The unit does the work and the supervisor closes it (lenient policy: one accepted report is enough).
    const prog = answer('GET /api/v1/programmes/:id', await t.app.inject({ method: 'GET', url: `/api/v1/programmes/${w.programmeId}`, headers: w.sup.headers }));
    expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/programmes/${w.programmeId}`, headers: w.sup.headers, payload: { version: prog.version, completionPolicy: 'lenient' } })).statusCode).toBe(200);
    const call = <K extends ApiKey>(who: PublicWorld['sup'], key: K, url: string, payload: object) => callAs(t.app, who, key, url, payload);
    const version = async () => answer('GET /api/v1/tasks/:id', await t.app.inject({ method: 'GET', url: `/api/v1/tasks/${taskId}`, headers: w.sup.headers })).task.version;
    await call(w.lead, 'POST /api/v1/tasks/:id/transitions', `/api/v1/tasks/${taskId}/transitions`, { action: 'sign', version: await version() });
    const report = await call(w.lead, 'POST /api/v1/tasks/:id/reports', `/api/v1/tasks/${taskId}/reports`, { periodKey: '2024-05-10', progress: 100, text: '工地已复工' });
    const file = multipart({ filename: '复工照片.txt', content: '复工记录\n' });
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/reports/${report.id}/evidence`, headers: { ...w.lead.headers, ...file.headers }, payload: file.payload })).statusCode).toBe(201);
    await call(w.lead, 'POST /api/v1/reports/:id/submit', `/api/v1/reports/${report.id}/submit`, {});
    await call(w.sup, 'POST /api/v1/reports/:id/accept', `/api/v1/reports/${report.id}/accept`, {});
    await call(w.lead, 'POST /api/v1/tasks/:id/transitions', `/api/v1/tasks/${taskId}/transitions`, { action: 'requestCompletion', version: await version() });
    await call(w.sup, 'POST /api/v1/tasks/:id/transitions', `/api/v1/tasks/${taskId}/transitions`, { action: 'close', version: await version(), reason: '现场核查已复工' });

    const after = await t.app.inject({ method: 'GET', url: `/public/tasks/${w.taskId}` });
    expect(after.body).toMatch(/整改已完成（\d{4}年\d+月\d+日办结），完成进度 100%/);
    const pub = json<PublicProgramme>(await t.app.inject({ method: 'GET', url: `/public/api/programmes/${w.programmeId}.json` }));
    const publicTask = pub.areas.flatMap((a) => a.tasks).find((x) => x.id === w.taskId)!;
    expect(publicTask.leads.map((l) => l.rectification?.state)).toEqual(['closed']);
  });

  it('turns an accepted lead into a finding of a running inspection and so into its rectification task (转为督查问题)', async () => {
    expect((await sendLead('路灯不亮已两周')).statusCode).toBe(303);
    const lead = answer('GET /api/v1/leads', await queue(w.sup, '?state=pending')).items.find((l) => l.what === '路灯不亮已两周')!;
    const act = (action: string, payload: Record<string, unknown>, who = w.sup) => t.app.inject({ method: 'POST', url: `/api/v1/leads/${lead.id}/${action}`, headers: who.headers, payload });
    const ins = answer('POST /api/v1/inspections', await t.app.inject({ method: 'POST', url: '/api/v1/inspections', headers: w.sup.headers, payload: { programmeId: w.programmeId, topic: '城市更新专项督查', kind: 'special', members: [{ userId: w.sup.user.id, team: '第一督查组', leader: true }], targetUnitIds: [w.leadUnitId] } }));
    const body = { inspectionId: ins.id, title: '解放大道路灯不亮', severity: 'general', dueDate: '2024-06-30' };
    // Pending leads are accepted first; a planned (not running) inspection takes no findings.
    expect(json<ErrorBody>(await act('finding', { version: lead.version, ...body })).error.code).toBe('invalid_transition');
    const accepted = answer('POST /api/v1/leads/:id/accept', await act('accept', { version: lead.version }));
    expect((await act('finding', { version: accepted.version, ...body }, w.lead)).statusCode).toBe(403);
    expect((await act('finding', { version: accepted.version, ...body, dueDate: '2020-01-01' })).statusCode).toBe(400);
    expect(json<ErrorBody>(await act('finding', { version: accepted.version, ...body })).error.code).toBe('inspection_not_running');
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/inspections/${ins.id}/transitions`, headers: w.sup.headers, payload: { action: 'start', version: ins.version } })).statusCode).toBe(200);
    const done = answer('POST /api/v1/leads/:id/finding', await act('finding', { version: accepted.version, ...body }));
    expect(done.rectificationTaskId).toEqual(expect.any(String));
    const detail = answer('GET /api/v1/inspections/:id', await t.app.inject({ method: 'GET', url: `/api/v1/inspections/${ins.id}`, headers: w.sup.headers }));
    expect(detail.findingList.map((f) => [f.title, f.taskId])).toEqual([['解放大道路灯不亮', done.rectificationTaskId]]);
    const task = answer('GET /api/v1/tasks/:id', await t.app.inject({ method: 'GET', url: `/api/v1/tasks/${done.rectificationTaskId}`, headers: w.sup.headers }));
    expect(task.task).toMatchObject({ taskType: 'rectification', state: 'assigned', leadUnitId: w.leadUnitId });
    const page = await t.app.inject({ method: 'GET', url: `/public/tasks/${w.taskId}` });
    expect(page.body.match(/<section aria-labelledby="leads">[\s\S]*?<\/section>/)?.[0]).toContain('整改：解放大道路灯不亮');
    expect(page.body).not.toContain('路灯不亮已两周');
  });
});
