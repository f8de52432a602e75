import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserActor } from '../../src/server/platform/auth/actor.ts';
import { systemActor } from '../../src/server/platform/auth/actor.ts';
import { verifyAuditChain } from '../../src/server/platform/audit/audit-log.ts';
import { newId } from '../../src/server/platform/ids.ts';
import { createCampaign, createRecord, getCampaign, remindCampaign, returnRecord, sweepRelayReminders, updateRecord } from '../../src/server/modules/relays/index.ts';
import { DIALECTS } from '../support/databases.ts';
import { createTestEnv, TestClock, type TestEnv } from '../support/harness.ts';
import { actorOf, buildTask, buildUnit, buildUser } from '../support/factories.ts';

describe.each(DIALECTS)('传达学习 services on %s', (dialect) => {
  let env: TestEnv;
  let sup: UserActor;
  let lead: UserActor;
  let co: UserActor;
  let leadUnit: string;
  let coUnit: string;
  let programmeId: string;
  let documentId: string;

  beforeAll(async () => {
    env = await createTestEnv(dialect, { clock: new TestClock(new Date('2024-05-10T02:00:00.000Z')) });
    leadUnit = (await buildUnit(env.ctx)).id;
    coUnit = (await buildUnit(env.ctx)).id;
    sup = actorOf(await buildUser(env.ctx, { roles: ['supervisor'] }));
    lead = actorOf(await buildUser(env.ctx, { roles: ['liaison'], unitId: leadUnit }));
    co = actorOf(await buildUser(env.ctx, { roles: ['liaison'], unitId: coUnit }));
    programmeId = (await buildTask(env.ctx, { supervisorIds: [sup.id], state: 'signed', leadUnitId: leadUnit, coUnitIds: [coUnit] })).programmeId;
    documentId = newId();
    const at = env.ctx.clock.now().toISOString();
    await env.ctx.db.insertInto('blobs').values({ sha256: 'a'.repeat(64), byte_size: 3, media_type: 'text/plain', created_at: at }).execute();
    await env.ctx.db.insertInto('documents').values({
      id: documentId, title: '全会公报', issuer: null, doc_date: '2024-05-01', script: 'hans', encoding: 'utf-8', format: 'text', filename: null, sha256: 'a'.repeat(64),
      byte_size: 3, text: '公报', text_norm: '公报', length: 2, decomposition_json: null, content_key: null, edition_of: null, repairs_json: null, created_by: null, created_at: at, updated_at: at,
    }).execute();
    await env.ctx.db.insertInto('programme_documents').values({ programme_id: programmeId, document_id: documentId }).execute();
  });
  afterAll(async () => env.close());

  it('runs a campaign: records, a return and a resubmission, coverage counts, reminders — all audited in one chain', async () => {
    const { campaign } = await createCampaign(env.ctx, sup, { documentId, programmeId });
    // Dated document: 15 days after its date.
    expect(campaign.deadline).toBe('2024-05-16');
    const { record } = await createRecord(env.ctx, lead, campaign.id, { meetingType: 'party_group', meetingDate: '2024-05-09', chair: '李主任', attendeeCount: 12 });
    await expect(createRecord(env.ctx, lead, campaign.id, { meetingType: 'party_group', meetingDate: '2024-05-09', chair: '李主任', attendeeCount: 12 })).rejects.toMatchObject({ code: 'relay_record_exists' });
    const returned = await returnRecord(env.ctx, sup, record.id, { version: record.version, reason: '缺会议纪要' });
    let detail = await getCampaign(env.ctx, sup, campaign.id);
    expect(detail.counts).toEqual({ expected: 2, recorded: 1, returned: 1 });
    await updateRecord(env.ctx, lead, record.id, { version: returned.record.version, minutes: '纪要全文', resubmit: true });
    detail = await getCampaign(env.ctx, sup, campaign.id);
    expect(detail.counts).toEqual({ expected: 2, recorded: 1, returned: 0 });
    expect(detail.coverage.map((c) => [c.unitId, c.record?.state ?? 'missing']).sort()).toEqual([[leadUnit, 'submitted'], [coUnit, 'missing']].sort());

    const reminded = await remindCampaign(env.ctx, sup, campaign.id, {});
    expect(reminded.reminded).toEqual([coUnit]);
    // On two instances at once the sweep records each reminder once.
    const [a, b] = await Promise.all([sweepRelayReminders(env.ctx, new Date('2024-05-14T02:00:00.000Z')), sweepRelayReminders(env.ctx, new Date('2024-05-14T02:00:00.000Z'))]);
    expect(a.created + b.created).toBe(1);
    const notices = await env.ctx.db.selectFrom('notices').select(['kind', 'unit_id']).where('kind', 'in', ['relay_reminder', 'relay_returned']).orderBy('created_at').execute();
    expect(notices).toEqual([{ kind: 'relay_returned', unit_id: leadUnit }, { kind: 'relay_reminder', unit_id: coUnit }, { kind: 'relay_reminder', unit_id: coUnit }]);

    const actions = (await env.ctx.db.selectFrom('audit_events').select('action').where('action', 'like', 'relay_%').orderBy('seq').execute()).map((r) => r.action);
    expect(actions).toEqual(['relay_campaign.created', 'relay_record.submitted', 'relay_record.returned', 'relay_record.resubmitted']);
    expect((await verifyAuditChain(env.ctx.db)).ok).toBe(true);
    await expect(createRecord(env.ctx, co, campaign.id, { meetingType: 'other', meetingDate: '2024-05-09', chair: '王', attendeeCount: 3 })).rejects.toMatchObject({ code: 'meeting_type_other_required' });
    await expect(createCampaign(env.ctx, systemActor('test'), { documentId, programmeId })).rejects.toMatchObject({ code: 'relay_campaign_exists' });
  });
});
