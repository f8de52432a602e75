/**
 * Search over inspection findings and 传达学习 records: indexed in the writing transaction, found in either script,
 * scoped in SQL by the inspections' and relays' own read rules (checked persona by persona against the objects'
 * own reads), filtered by type, unit and programme, and rebuilt by the reindex.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertToHant } from '../../src/core/intake/opencc.ts';
import type { UserActor } from '../../src/server/platform/auth/actor.ts';
import { AppError } from '../../src/server/platform/errors.ts';
import { newId } from '../../src/server/platform/ids.ts';
import { acceptNotApplicable, createFinding, createInspection, createVisit, getInspection, reindexFindings, transitionInspection } from '../../src/server/modules/inspections/index.ts';
import { createCampaign, createRecord, reindexRelayRecords, returnRecord, updateCampaign, updateRecord } from '../../src/server/modules/relays/index.ts';
import { getRecord } from '../../src/server/modules/relays/relay-records.ts';
import { search } from '../../src/server/modules/search/index.ts';
import { rebuildSearchIndex } from '../../src/server/modules/search/index.ts';
import { DIALECTS } from '../support/databases.ts';
import { createTestEnv, TestClock, type TestEnv } from '../support/harness.ts';
import { actorOf, buildTask, buildUnit, buildUser } from '../support/factories.ts';

describe.each(DIALECTS)('search over findings and relay records (%s)', (dialect) => {
  let env: TestEnv;
  let unitA: string;
  let unitB: string;
  let programmeId: string;
  let otherProgrammeId: string;
  let documentId: string;
  const who = {} as Record<'sup' | 'osup' | 'member' | 'leader' | 'viewer' | 'liaisonA' | 'liaisonB', UserActor>;

  beforeAll(async () => {
    env = await createTestEnv(dialect, { clock: new TestClock(new Date('2024-05-10T02:00:00.000Z')) });
    const { ctx } = env;
    unitA = (await buildUnit(ctx)).id;
    unitB = (await buildUnit(ctx)).id;
    who.sup = actorOf(await buildUser(ctx, { roles: ['supervisor'] }));
    who.osup = actorOf(await buildUser(ctx, { roles: ['supervisor'] }));
    who.member = actorOf(await buildUser(ctx, { roles: ['supervisor'] }));
    who.leader = actorOf(await buildUser(ctx, { roles: ['leader'] }));
    who.viewer = actorOf(await buildUser(ctx, { roles: ['viewer'] }));
    who.liaisonA = actorOf(await buildUser(ctx, { roles: ['liaison'], unitId: unitA }));
    who.liaisonB = actorOf(await buildUser(ctx, { roles: ['liaison'], unitId: unitB }));
    programmeId = (await buildTask(ctx, { supervisorIds: [who.sup.id], state: 'signed', leadUnitId: unitA, coUnitIds: [unitB] })).programmeId;
    otherProgrammeId = (await buildTask(ctx, { supervisorIds: [who.osup.id], state: 'signed', leadUnitId: unitB })).programmeId;
    documentId = newId();
    const at = ctx.clock.now().toISOString();
    await ctx.db.insertInto('blobs').values({ sha256: 'b'.repeat(64), byte_size: 3, media_type: 'text/plain', created_at: at }).execute();
    await ctx.db.insertInto('documents').values({
      id: documentId, title: '全会公报', issuer: null, doc_date: '2024-05-01', script: 'hans', encoding: 'utf-8', format: 'text', filename: null, sha256: 'b'.repeat(64),
      byte_size: 3, text: '公报', text_norm: '公报', length: 2, decomposition_json: null, content_key: null, edition_of: null, repairs_json: null, created_by: null, created_at: at, updated_at: at,
    }).execute();
    await ctx.db.insertInto('programme_documents').values({ programme_id: programmeId, document_id: documentId }).execute();
  });
  afterAll(async () => env.close());

  const ids = async (actor: UserActor, q: string, extra: Record<string, unknown> = {}) => (await search(env.ctx, actor, { q, limit: 50, ...extra })).items.map((i) => i.id).sort();
  const sorted = (...xs: string[]) => [...xs].sort();
  const entriesOf = async (refId: string) => (await env.ctx.db.selectFrom('search_entries').select('id').where('ref_id', '=', refId).execute()).length;

  /** The findings each persona reads through the inspection's own page (a 404 reads none). */
  async function readableFindings(actor: UserActor, inspectionIds: readonly string[]): Promise<string[]> {
    const out: string[] = [];
    for (const id of inspectionIds) {
      try {
        out.push(...(await getInspection(env.ctx, actor, id)).findings.map((f) => f.id));
      } catch (err) {
        if (!(err instanceof AppError && err.status === 404)) throw err;
      }
    }
    return out.sort();
  }

  it('finds findings in either script, only by those who may read them, with the inspection for the link', async () => {
    const { ctx } = env;
    const { inspection } = await createInspection(ctx, who.sup, { programmeId, topic: '养老机构专项督查', kind: 'special', members: [{ userId: who.member.id, team: '第一组' }], targetUnitIds: [unitA, unitB] });
    await transitionInspection(ctx, who.sup, inspection.id, { action: 'start', version: 1 });
    const visitA = await createVisit(ctx, who.sup, inspection.id, { unitId: unitA, visitedOn: '2024-05-08', notes: '查阅消防台账，巡查记录缺失' });
    const visitB = await createVisit(ctx, who.sup, inspection.id, { unitId: unitB, visitedOn: '2024-05-08', notes: '乙单位访谈笔记' });
    // Written in Traditional, found by a Simplified query (and the reverse below).
    const fA = await createFinding(ctx, who.sup, inspection.id, { unitId: unitA, visitId: visitA.id, title: convertToHant('养老机构消防设施不达标'), description: '三处养老院未配备喷淋', severity: 'serious' });
    const fA2 = await createFinding(ctx, who.sup, inspection.id, { unitId: unitA, visitId: visitB.id, title: '助餐点食品留样不全', severity: 'general' });
    const fB = await createFinding(ctx, who.sup, inspection.id, { unitId: unitB, title: '养老服务补贴发放滞后', severity: 'general' });
    const finding = { type: 'finding' };

    // Another unit's liaison finds nothing of unit A's findings; a supervisor of another programme and a viewer
    // (the inspection is not closed) find none.
    expect(await ids(who.liaisonB, '养老', finding)).toEqual([fB.id]);
    expect(await ids(who.liaisonB, '消防设施')).toEqual([]);
    expect(await ids(who.osup, '养老', finding)).toEqual([]);
    expect(await ids(who.viewer, '养老', finding)).toEqual([]);
    expect(await ids(who.liaisonA, '养老', finding)).toEqual([fA.id]);
    for (const reader of [who.sup, who.member, who.leader]) expect(await ids(reader, '养老', finding)).toEqual(sorted(fA.id, fB.id));

    // Either script finds both.
    expect(await ids(who.sup, '养老机构')).toEqual([fA.id]);
    expect(await ids(who.sup, '養老服務')).toEqual([fB.id]);
    const hit = (await search(ctx, who.sup, { q: '消防', script: 'hans' })).items[0]!;
    expect(hit).toMatchObject({ type: 'finding', id: fA.id, parentId: inspection.id, taskId: null, title: '养老机构消防设施不达标' });
    expect(hit.snippet.slice(...hit.highlights[0]!)).toBe('消防');
    // The notes of the finding's visit to its own unit are searched; a visit to another unit stays out.
    expect(await ids(who.liaisonA, '巡查记录')).toEqual([fA.id]);
    expect(await ids(who.sup, '访谈笔记')).toEqual([]);

    // Filters: unit, programme, type.
    expect(await ids(who.sup, '养老', { unitId: unitB })).toEqual([fB.id]);
    expect(await ids(who.sup, '养老', { programmeId, type: 'finding' })).toEqual(sorted(fA.id, fB.id));
    expect(await ids(who.sup, '养老', { programmeId: otherProgrammeId })).toEqual([]);
    expect(await ids(who.sup, '养老', { type: 'task' })).toEqual([]);

    // An unannounced inspection's findings stay hidden from the unit until the visit has been carried out.
    const surprise = (await createInspection(ctx, who.sup, { programmeId, topic: '暗访', kind: 'unannounced', members: [], targetUnitIds: [unitA] })).inspection;
    await transitionInspection(ctx, who.sup, surprise.id, { action: 'start', version: 1 });
    const fU = await createFinding(ctx, who.sup, surprise.id, { unitId: unitA, title: '养老台账造假', severity: 'grave' });
    expect(await ids(who.liaisonA, '台账造假')).toEqual([]);
    expect(await ids(who.sup, '台账造假')).toEqual([fU.id]);
    await transitionInspection(ctx, who.sup, surprise.id, { action: 'report', version: 2 });
    expect(await ids(who.liaisonA, '台账造假')).toEqual([fU.id]);

    // Viewers read closed inspections only.
    for (const f of [fA, fA2, fB]) await acceptNotApplicable(ctx, who.sup, f.id, { version: f.version, reason: '已当场整改' });
    await transitionInspection(ctx, who.sup, inspection.id, { action: 'report', version: 2 });
    await transitionInspection(ctx, who.sup, inspection.id, { action: 'close', version: 3 });
    expect(await ids(who.viewer, '养老', finding)).toEqual(sorted(fA.id, fB.id));

    // Every persona finds exactly the findings the inspection's own page shows it.
    for (const [name, actor] of Object.entries(who)) {
      expect(await ids(actor, '养老', finding), name).toEqual(await readableFindings(actor, [inspection.id, surprise.id]).then((r) => r.filter((id) => id !== fA2.id)));
    }

    // A deleted finding is never found (the scope reads the findings themselves) and loses its entry when its
    // module re-indexes it; the reindex rebuilds the rest.
    await ctx.db.deleteFrom('inspection_findings').where('id', '=', fA2.id).execute();
    expect(await ids(who.sup, '助餐点')).toEqual([]);
    expect(await entriesOf(fA2.id)).toBe(1);
    await reindexFindings(ctx.db, [fA2.id]);
    expect(await entriesOf(fA2.id)).toBe(0);
    await ctx.db.deleteFrom('search_entries').where('type', '=', 'finding').execute();
    expect(await ids(who.sup, '养老', finding)).toEqual([]);
    expect(await rebuildSearchIndex(ctx.db)).toMatchObject({ findings: 3 });
    expect(await ids(who.sup, '养老', finding)).toEqual(sorted(fA.id, fB.id, fU.id));
    expect(await ids(who.liaisonB, '养老', finding)).toEqual([fB.id]);
  });

  it('finds relay records by their unit’s liaisons and the programme’s supervisors, also once returned', async () => {
    const { ctx } = env;
    const { campaign } = await createCampaign(ctx, who.sup, { documentId, programmeId, unitIds: [unitA, unitB] });
    const rA = (await createRecord(ctx, who.liaisonA, campaign.id, {
      meetingType: 'party_group', meetingDate: '2024-05-09', chair: '王局長', attendeeCount: 12, minutes: convertToHant('传达学习全会精神，研究部署养老服务工作'), followUp: '制定敬老清单',
    })).record;
    const rB = (await createRecord(ctx, who.liaisonB, campaign.id, { meetingType: 'other', meetingTypeOther: '局务会', meetingDate: '2024-05-09', chair: '李主任', attendeeCount: 8, minutes: '传达学习全会精神，部署养老托育工作' })).record;
    const relay = { type: 'relay' };

    // Another unit's liaison does not find unit A's record; viewers see coverage, never contents.
    expect(await ids(who.liaisonB, '养老', relay)).toEqual([rB.id]);
    expect(await ids(who.liaisonB, '敬老清单')).toEqual([]);
    expect(await ids(who.viewer, '养老', relay)).toEqual([]);
    expect(await ids(who.osup, '养老', relay)).toEqual([]);
    expect(await ids(who.member, '养老', relay)).toEqual([]);
    expect(await ids(who.liaisonA, '养老', relay)).toEqual([rA.id]);
    for (const reader of [who.sup, who.leader]) expect(await ids(reader, '养老', relay)).toEqual(sorted(rA.id, rB.id));

    // Either script; the meeting's kind, its chair and follow-up are searched too.
    expect(await ids(who.sup, '养老服务', relay)).toEqual([rA.id]);
    expect(await ids(who.sup, '養老托育')).toEqual([rB.id]);
    expect(await ids(who.sup, '党组会')).toEqual([rA.id]);
    expect(await ids(who.sup, '局务会 李主任')).toEqual([rB.id]);
    expect((await search(ctx, who.sup, { q: '敬老' })).items).toEqual([expect.objectContaining({ type: 'relay', id: rA.id, parentId: campaign.id, taskId: null, title: '全会公报' })]);
    expect(await ids(who.sup, '养老', { unitId: unitA, type: 'relay' })).toEqual([rA.id]);
    expect(await ids(who.sup, '养老', { programmeId, type: 'relay' })).toEqual(sorted(rA.id, rB.id));
    expect(await ids(who.sup, '养老', { programmeId: otherProgrammeId })).toEqual([]);

    // A returned record is still its unit's and its supervisors' to read; an amendment replaces the indexed text.
    const returned = await returnRecord(ctx, who.sup, rA.id, { version: rA.version, reason: '缺会议纪要' });
    expect(await ids(who.liaisonA, '养老', relay)).toEqual([rA.id]);
    expect(await ids(who.sup, '养老服务', relay)).toEqual([rA.id]);
    await updateRecord(ctx, who.liaisonB, rB.id, { version: rB.version, minutes: '传达学习全会精神，部署老旧小区改造' });
    expect(await ids(who.sup, '养老托育')).toEqual([]);
    expect(await ids(who.liaisonB, '老旧小区')).toEqual([rB.id]);
    // A unit taken off the campaign's list still reads its own record.
    await updateCampaign(ctx, who.sup, campaign.id, { version: campaign.version, unitIds: [unitB] });
    expect(await ids(who.liaisonA, '养老', relay)).toEqual([rA.id]);
    expect(returned.record.state).toBe('returned');

    // Every persona finds exactly the records their own endpoint lets it read.
    for (const [name, actor] of Object.entries(who)) {
      const readable: string[] = [];
      for (const r of [rA, rB]) {
        try {
          readable.push((await getRecord(ctx, actor, r.id)).record.id);
        } catch (err) {
          if (!(err instanceof AppError && err.status === 404)) throw err;
        }
      }
      expect(await ids(actor, '全会精神', relay), name).toEqual(readable.sort());
    }

    // A deleted record loses its entry on re-indexing; the reindex rebuilds them.
    await ctx.db.deleteFrom('search_entries').where('type', '=', 'relay').execute();
    expect(await ids(who.sup, '全会精神', relay)).toEqual([]);
    expect(await rebuildSearchIndex(ctx.db)).toMatchObject({ relayRecords: 2 });
    expect(await ids(who.sup, '全会精神', relay)).toEqual(sorted(rA.id, rB.id));
    expect(await ids(who.liaisonB, '全会精神', relay)).toEqual([rB.id]);
    await ctx.db.deleteFrom('relay_records').where('id', '=', rB.id).execute();
    expect(await ids(who.sup, '全会精神', relay)).toEqual([rA.id]);
    await reindexRelayRecords(ctx.db, [rB.id]);
    expect(await entriesOf(rB.id)).toBe(0);
    expect(await entriesOf(rA.id)).toBe(1);
  });
});
