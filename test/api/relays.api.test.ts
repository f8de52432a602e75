import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RelayCampaignDetailResponse } from '../../src/contract/relays.ts';
import { answer, createTestApp, json, TestClock, type TestApp, type ErrorBody } from '../support/harness.ts';
import { buildTask, buildUnit, buildUser, signIn, type SignedIn } from '../support/factories.ts';
import { multipart } from '../support/multipart.ts';
import { sweepRelayReminders } from '../../src/server/modules/relays/index.ts';


const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

describe('传达学习 relays (API)', () => {
  let t: TestApp;
  let sup: SignedIn;
  let osup: SignedIn;
  let leadLiaison: SignedIn;
  let coLiaison: SignedIn;
  let outsider: SignedIn;
  let viewer: SignedIn;
  let leader: SignedIn;
  let programmeId: string;
  let documentId: string;
  let leadUnit: string;
  let coUnit: string;

  beforeAll(async () => {
    t = await createTestApp('sqlite', { clock: new TestClock(new Date('2024-05-10T02:00:00.000Z')) });
    leadUnit = (await buildUnit(t.ctx)).id;
    coUnit = (await buildUnit(t.ctx)).id;
    sup = await signIn(t.app, await buildUser(t.ctx, { roles: ['supervisor'] }));
    osup = await signIn(t.app, await buildUser(t.ctx, { roles: ['supervisor'] }));
    leadLiaison = await signIn(t.app, await buildUser(t.ctx, { roles: ['liaison'], unitId: leadUnit }));
    coLiaison = await signIn(t.app, await buildUser(t.ctx, { roles: ['liaison'], unitId: coUnit }));
    outsider = await signIn(t.app, await buildUser(t.ctx, { roles: ['liaison'] }));
    viewer = await signIn(t.app, await buildUser(t.ctx, { roles: ['viewer'] }));
    leader = await signIn(t.app, await buildUser(t.ctx, { roles: ['leader'] }));
    const task = await buildTask(t.ctx, { supervisorIds: [sup.user.id], state: 'in_progress', leadUnitId: leadUnit, coUnitIds: [coUnit] });
    programmeId = task.programmeId;
    const doc = await t.app.inject({ method: 'POST', url: '/api/v1/documents/text', headers: sup.headers, payload: { text: '关于传达学习全会精神的通知\n一、认真传达学习全会精神。\n二、抓好贯彻落实。', title: '全会公报' } });
    expect(doc.statusCode).toBe(201);
    documentId = answer('POST /api/v1/documents/text', doc).document.id;
    await t.ctx.db.insertInto('programme_documents').values({ programme_id: programmeId, document_id: documentId }).execute();
  });
  afterAll(async () => t.close());

  const open = (who: SignedIn, payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/v1/relays', headers: who.headers, payload });
  const get = (who: SignedIn, url: string) => t.app.inject({ method: 'GET', url, headers: who.headers });
  const meeting = { meetingType: 'theory_group', meetingDate: '2024-05-08', chair: '张书记', attendeeCount: 23, minutes: '会议传达了全会精神，并部署了贯彻落实工作。', followUp: '制定学习计划' };
  let campaign: RelayCampaignDetailResponse;

  it('opens a campaign only as a supervisor of the programme, for one of its documents, once', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/relays', payload: { documentId, programmeId } })).statusCode).toBe(401);
    for (const who of [leadLiaison, viewer, leader]) expect((await open(who, { documentId, programmeId })).statusCode).toBe(403);
    expect(json<ErrorBody>(await open(osup, { documentId, programmeId })).error.code).toBe('programme_not_found');
    expect(json<ErrorBody>(await open(sup, { documentId: 'nope', programmeId })).error.code).toBe('document_not_in_programme');
    expect(json<ErrorBody>(await open(sup, { documentId, programmeId, deadline: '2024-13-45' })).error.code).toBe('deadline_invalid');
    expect(json<ErrorBody>(await open(sup, { documentId, programmeId, deadline: 'soon' })).error).toMatchObject({ code: 'invalid_request', field: 'body.deadline' });

    const res = await open(sup, { documentId, programmeId });
    expect(res.statusCode).toBe(201);
    campaign = answer('POST /api/v1/relays', res);
    // Undated document: 15 days after the day the campaign opened (2024-05-10, Asia/Shanghai).
    expect(campaign).toMatchObject({ deadline: '2024-05-25', expected: 2, recorded: 0, missing: 2, abilities: { manage: true, remind: true, record: false } });
    expect(campaign.coverage.map((c) => c.unitId).sort()).toEqual([leadUnit, coUnit].sort());
    expect(json<ErrorBody>(await open(sup, { documentId, programmeId })).error.code).toBe('relay_campaign_exists');
    const audit = await t.ctx.db.selectFrom('audit_events').select('action').where('object_id', '=', campaign.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['relay_campaign.created']);
  });

  it('lets a liaison record only for its own, expected unit, and checks the content', async () => {
    const url = `/api/v1/relays/${campaign.id}/records`;
    const post = (who: SignedIn, payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url, headers: who.headers, payload });
    expect((await post(sup, meeting)).statusCode).toBe(403);
    expect((await post(viewer, meeting)).statusCode).toBe(403);
    // A liaison of a unit not expected does not see the campaign at all.
    expect((await post(outsider, meeting)).statusCode).toBe(404);
    expect((await get(outsider, `/api/v1/relays/${campaign.id}`)).statusCode).toBe(404);
    expect(json<ErrorBody>(await post(leadLiaison, { ...meeting, meetingType: 'dinner' })).error).toMatchObject({ code: 'invalid_request', field: 'body.meetingType' });
    expect(json<ErrorBody>(await post(leadLiaison, { ...meeting, meetingType: 'other' })).error.code).toBe('meeting_type_other_required');
    expect(json<ErrorBody>(await post(leadLiaison, { ...meeting, meetingDate: '2024-06-01' })).error.code).toBe('meeting_date_in_future');
    expect(json<ErrorBody>(await post(leadLiaison, { ...meeting, chair: '   ' })).error.code).toBe('chair_required');
    expect(json<ErrorBody>(await post(leadLiaison, { ...meeting, attendeeCount: 0 })).error.field).toBe('body.attendeeCount');

    const res = await post(leadLiaison, meeting);
    expect(res.statusCode).toBe(201);
    const rec = answer('POST /api/v1/relays/:id/records', res);
    expect(rec).toMatchObject({ unitId: leadUnit, state: 'submitted', revision: 1, onTime: true, abilities: { edit: true, return: false } });
    expect(json<ErrorBody>(await post(leadLiaison, meeting)).error.code).toBe('relay_record_exists');

    // The co-unit's liaison sees only its own row and cannot read the lead unit's record.
    const asCo = answer('GET /api/v1/relays/:id', await get(coLiaison, `/api/v1/relays/${campaign.id}`));
    expect(asCo.coverage).toEqual([expect.objectContaining({ unitId: coUnit, status: 'missing' })]);
    expect(asCo.abilities).toMatchObject({ manage: false, record: true });
    expect((await get(coLiaison, `/api/v1/relays/records/${rec.id}`)).statusCode).toBe(404);
    // A viewer sees who recorded, not what.
    const asViewer = answer('GET /api/v1/relays/:id', await get(viewer, `/api/v1/relays/${campaign.id}`));
    expect(asViewer.coverage.find((c) => c.unitId === leadUnit)).toMatchObject({ status: 'submitted', recordId: null });
    expect((await get(viewer, `/api/v1/relays/records/${rec.id}`)).statusCode).toBe(404);
    expect((await get(leader, `/api/v1/relays/records/${rec.id}`)).statusCode).toBe(200);
    expect((await get(osup, `/api/v1/relays/${campaign.id}`)).statusCode).toBe(404);
  });

  it('takes minutes and photos from the unit only, photos must be images', async () => {
    const rec = answer('GET /api/v1/relays/:id', await get(sup, `/api/v1/relays/${campaign.id}`)).coverage.find((c) => c.unitId === leadUnit)!.recordId!;
    const upload = (who: SignedIn, kind: string, file: Parameters<typeof multipart>[0]) => {
      const body = multipart(file);
      return t.app.inject({ method: 'POST', url: `/api/v1/relays/records/${rec}/evidence?kind=${kind}`, headers: { ...who.headers, ...body.headers }, payload: body.payload });
    };
    expect((await upload(sup, 'minutes', { filename: 'a.txt', content: '纪要' })).statusCode).toBe(403);
    expect((await upload(coLiaison, 'minutes', { filename: 'a.txt', content: '纪要' })).statusCode).toBe(404);
    expect(json<ErrorBody>(await upload(leadLiaison, 'photo', { filename: 'a.txt', content: '不是照片' })).error.code).toBe('unsupported_file_type');
    expect((await upload(leadLiaison, 'minutes', { filename: 'a.exe', content: Buffer.from('MZ\x90\x00') })).statusCode).toBe(415);
    expect(json<ErrorBody>(await upload(leadLiaison, 'minutes', { filename: 'empty.txt', content: new Uint8Array() })).error.code).toBe('file_empty');
    const photo = await upload(leadLiaison, 'photo', { filename: '会场.png', content: PNG });
    expect(photo.statusCode).toBe(201);
    const minutes = await upload(leadLiaison, 'minutes', { filename: '纪要.txt', content: '会议纪要正文' });
    expect(minutes.statusCode).toBe(201);
    const record = answer('GET /api/v1/relays/records/:id', await get(sup, `/api/v1/relays/records/${rec}`));
    expect(record.evidence.map((e) => [e.kind, e.mediaType])).toEqual([['photo', 'image/png'], ['minutes', 'text/plain']]);
    const dl = await get(sup, `/api/v1/relays/evidence/${record.evidence[1]!.id}/download`);
    expect(dl.statusCode).toBe(200);
    expect(dl.body).toBe('会议纪要正文');
    expect((await get(coLiaison, `/api/v1/relays/evidence/${record.evidence[1]!.id}/download`)).statusCode).toBe(404);
    const del = await t.app.inject({ method: 'DELETE', url: `/api/v1/relays/evidence/${record.evidence[0]!.id}`, headers: leadLiaison.headers });
    expect(del.statusCode).toBe(204);
    const actions = await t.ctx.db.selectFrom('audit_events').select('action').where('action', 'like', 'relay_evidence.%').execute();
    expect(actions.map((a) => a.action).sort()).toEqual(['relay_evidence.added', 'relay_evidence.added', 'relay_evidence.deleted']);
  });

  it('lets a supervisor return a record with a reason; the unit amends and resubmits', async () => {
    const recId = answer('GET /api/v1/relays/:id', await get(sup, `/api/v1/relays/${campaign.id}`)).coverage.find((c) => c.unitId === leadUnit)!.recordId!;
    const rec = answer('GET /api/v1/relays/records/:id', await get(sup, `/api/v1/relays/records/${recId}`));
    const ret = (who: SignedIn, payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: `/api/v1/relays/records/${recId}/return`, headers: who.headers, payload });
    expect((await ret(leadLiaison, { version: rec.version, reason: '太简单' })).statusCode).toBe(403);
    expect((await ret(osup, { version: rec.version, reason: '太简单' })).statusCode).toBe(404);
    expect(json<ErrorBody>(await ret(sup, { version: rec.version, reason: '  ' })).error.code).toBe('reason_required');
    expect(json<ErrorBody>(await ret(sup, { version: 99, reason: '太简单' })).error.code).toBe('version_conflict');
    const returned = await ret(sup, { version: rec.version, reason: '记录过于简单，请补充会议纪要' });
    expect(returned.statusCode).toBe(200);
    expect(answer('POST /api/v1/relays/records/:id/return', returned)).toMatchObject({ state: 'returned', returnReason: '记录过于简单，请补充会议纪要' });
    expect(json<ErrorBody>(await ret(sup, { version: answer('POST /api/v1/relays/records/:id/return', returned).version, reason: 'x' })).error.code).toBe('relay_record_not_submitted');
    const notice = await t.ctx.db.selectFrom('notifications').innerJoin('notices', 'notices.id', 'notifications.notice_id').select(['notices.kind', 'notifications.user_id']).where('notices.kind', '=', 'relay_returned').execute();
    expect(notice).toEqual([{ kind: 'relay_returned', user_id: leadLiaison.user.id }]);

    const patch = (who: SignedIn, payload: Record<string, unknown>) => t.app.inject({ method: 'PATCH', url: `/api/v1/relays/records/${recId}`, headers: who.headers, payload });
    const v = answer('POST /api/v1/relays/records/:id/return', returned).version;
    expect((await patch(coLiaison, { version: v, minutes: 'x' })).statusCode).toBe(404);
    expect((await patch(sup, { version: v, minutes: 'x' })).statusCode).toBe(403);
    const amended = await patch(leadLiaison, { version: v, minutes: '详细纪要：传达了全会精神，逐条学习了公报。', resubmit: true });
    expect(amended.statusCode).toBe(200);
    expect(answer('PATCH /api/v1/relays/records/:id', amended)).toMatchObject({ state: 'submitted', revision: 2, minutes: '详细纪要：传达了全会精神，逐条学习了公报。' });
    expect(json<ErrorBody>(await patch(leadLiaison, { version: answer('PATCH /api/v1/relays/records/:id', amended).version, resubmit: true })).error.code).toBe('relay_record_not_returned');
    const actions = await t.ctx.db.selectFrom('audit_events').select('action').where('object_id', '=', recId).orderBy('seq').execute();
    expect(actions.map((a) => a.action)).toEqual(['relay_record.submitted', 'relay_record.returned', 'relay_record.resubmitted']);
  });

  it('sends a one-click 催办 to the missing units only, not twice within 10 minutes', async () => {
    const remind = (who: SignedIn, payload: Record<string, unknown> = {}) => t.app.inject({ method: 'POST', url: `/api/v1/relays/${campaign.id}/reminders`, headers: who.headers, payload });
    expect((await remind(leadLiaison)).statusCode).toBe(403);
    expect((await remind(osup)).statusCode).toBe(404);
    expect(json<ErrorBody>(await remind(sup, { unitIds: [leadUnit] })).error.code).toBe('unit_not_missing');
    const res = await remind(sup, { message: '请尽快组织学习' });
    expect(res.statusCode).toBe(201);
    expect(answer('POST /api/v1/relays/:id/reminders', res)).toEqual({ reminded: [coUnit], skipped: [], recipients: 1 });
    expect(json<ErrorBody>(await remind(sup)).error.code).toBe('reminder_too_soon');
    const rows = await t.ctx.db.selectFrom('notifications').innerJoin('notices', 'notices.id', 'notifications.notice_id').select(['notifications.user_id', 'notices.params_json']).where('notices.kind', '=', 'relay_reminder').execute();
    expect(rows.map((r) => r.user_id)).toEqual([coLiaison.user.id]);
    expect(JSON.parse(rows[0]!.params_json)).toMatchObject({ relayDeadline: '2024-05-25', message: '请尽快组织学习' });
    const cov = answer('GET /api/v1/relays/:id', await get(sup, `/api/v1/relays/${campaign.id}`)).coverage.find((c) => c.unitId === coUnit)!;
    expect(cov.lastRemindedAt).not.toBeNull();
    // The in-app notification reads in the user's words.
    const inbox = answer('GET /api/v1/notifications', await get(coLiaison, '/api/v1/notifications'));
    expect(inbox.items[0]!.title).toContain('传达学习催办');
    expect(inbox.items[0]!.body).toContain('2024-05-25');
  });

  it('lets a supervisor move the deadline and the units; the sweep reminds before and after the deadline once each', async () => {
    const patch = (who: SignedIn, payload: Record<string, unknown>) => t.app.inject({ method: 'PATCH', url: `/api/v1/relays/${campaign.id}`, headers: who.headers, payload });
    const current = answer('GET /api/v1/relays/:id', await get(sup, `/api/v1/relays/${campaign.id}`));
    expect((await patch(leadLiaison, { version: current.version, deadline: '2024-05-12' })).statusCode).toBe(403);
    expect(json<ErrorBody>(await patch(sup, { version: current.version, unitIds: ['nope'] })).error.code).toBe('unit_not_found');
    const moved = await patch(sup, { version: current.version, deadline: '2024-05-12' });
    expect(moved.statusCode).toBe(200);
    expect(answer('PATCH /api/v1/relays/:id', moved).deadline).toBe('2024-05-12');

    // 2024-05-10 is 2 days before: the 3-day reminder is due for the co-unit (the lead unit has recorded).
    const first = await sweepRelayReminders(t.ctx, new Date('2024-05-10T02:00:00.000Z'));
    expect(first).toMatchObject({ pending: 1, created: 1, problems: [] });
    expect(await sweepRelayReminders(t.ctx, new Date('2024-05-10T03:00:00.000Z'))).toMatchObject({ created: 0, existing: 1 });
    const late = await sweepRelayReminders(t.ctx, new Date('2024-05-20T02:00:00.000Z'));
    expect(late).toMatchObject({ created: 1 });
    const keys = (await t.ctx.db.selectFrom('notices').select('dedupe_key').where('kind', '=', 'relay_reminder').execute()).map((r) => r.dedupe_key).filter((k) => !k.includes('manual'));
    expect(keys.sort()).toEqual([`relay|${campaign.id}|${coUnit}|relay_due_soon_3d`, `relay|${campaign.id}|${coUnit}|relay_overdue_7d`].sort());
    // The escalation also reaches the programme's supervisors.
    const supNotes = await t.ctx.db.selectFrom('notifications').innerJoin('notices', 'notices.id', 'notifications.notice_id').select('notices.dedupe_key').where('notifications.user_id', '=', sup.user.id).where('notices.kind', '=', 'relay_reminder').execute();
    expect(supNotes.map((n) => n.dedupe_key)).toEqual([`relay|${campaign.id}|${coUnit}|relay_overdue_7d`]);
  });

  it('shows the campaign’s audit entries to the programme’s supervisors only', async () => {
    const audit = async (who: SignedIn) => answer('GET /api/v1/audit', await get(who, '/api/v1/audit?limit=500')).items.map((e) => e.objectType).filter((o) => o.startsWith('relay_'));
    const seen = new Set(await audit(sup));
    expect([...seen].sort()).toEqual(['relay_campaign', 'relay_evidence', 'relay_record']);
    expect(await audit(osup)).toEqual([]);
    expect(await audit(leader)).toEqual([]);
  });

  it('lists campaigns scoped to the caller', async () => {
    const ids = async (who: SignedIn) => answer('GET /api/v1/relays', await get(who, '/api/v1/relays')).items.map((c) => c.id);
    expect(await ids(sup)).toEqual([campaign.id]);
    expect(await ids(leadLiaison)).toEqual([campaign.id]);
    expect(await ids(viewer)).toContain(campaign.id);
    expect(await ids(osup)).toEqual([]);
    expect(await ids(outsider)).toEqual([]);
    const mine = answer('GET /api/v1/relays', await get(leadLiaison, '/api/v1/relays')).items[0]!;
    expect(mine.ownRecordId).not.toBeNull();
    expect(mine).toMatchObject({ recorded: 1, missing: 1 });
  });
});
