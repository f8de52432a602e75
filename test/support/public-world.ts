/**
 * A published-programme world for the public-side tests, built through the API: a programme whose lead unit, staff,
 * reports and instructions carry marker strings, so a test can search every public answer for what must never be
 * there. Used by the API tests of publication and leads.
 */
import type { ApiKey } from '../../src/contract/api.ts';
import { answer, callAs, type TestApp } from './harness.ts';
import { buildUnit, buildUser, signIn, type SignedIn } from './factories.ts';
import { multipart } from './multipart.ts';

/** Strings that must never appear in any public answer. */
export const NEVER_PUBLIC = {
  staff: '职员甲NAMEQ',
  leaderName: '领导乙NAMEQ',
  liaisonName: '联络员丙NAMEQ',
  coPart: '配合内部分工PARTQ',
  returned: '退回的报告RETQ',
  draft: '草稿报告DRAFTQ',
  submitted: '待审报告SUBQ',
  coReport: '配合单位报告COREPQ',
  instruction: '领导批示INSTRQ',
  returnReason: '退回理由REASONQ',
  privateEvidence: '内部证据PRIVQ.txt',
  draftTask: '草拟任务DRAFTTASKQ',
  problems: '存在问题PROBQ',
} as const;

export const PUBLIC_TEXT = { report: '已完成主体工程建设PUBQ', evidence: '验收公示PUBEVQ.txt', unit: '市住建局', title: '推进老旧小区改造', programme: '二〇二四年重点工作' } as const;

export interface PublicWorld {
  sup: SignedIn;
  osup: SignedIn;
  lead: SignedIn;
  co: SignedIn;
  leader: SignedIn;
  viewer: SignedIn;
  programmeId: string;
  areaId: string;
  taskId: string;
  leadUnitId: string;
  coUnitId: string;
  reports: { accepted: string; accepted2: string; returned: string; draft: string; submitted: string; coAccepted: string };
  evidence: { public: string; private: string };
}

export async function buildPublicWorld(t: TestApp): Promise<PublicWorld> {
  const L = (await buildUnit(t.ctx, { name: `${PUBLIC_TEXT.unit}${process.pid}${Math.random().toString(36).slice(2, 6)}` })).id;
  const C = (await buildUnit(t.ctx)).id;
  const sup = await signIn(t.app, await buildUser(t.ctx, { roles: ['supervisor'], displayName: NEVER_PUBLIC.staff }));
  const osup = await signIn(t.app, await buildUser(t.ctx, { roles: ['supervisor'] }));
  const lead = await signIn(t.app, await buildUser(t.ctx, { roles: ['liaison'], unitId: L, displayName: NEVER_PUBLIC.liaisonName }));
  const co = await signIn(t.app, await buildUser(t.ctx, { roles: ['liaison'], unitId: C }));
  const leader = await signIn(t.app, await buildUser(t.ctx, { roles: ['leader'], displayName: NEVER_PUBLIC.leaderName }));
  const viewer = await signIn(t.app, await buildUser(t.ctx, { roles: ['viewer'] }));
  const call = <K extends ApiKey>(who: SignedIn, key: K, url: string, payload?: unknown) => callAs(t.app, who, key, url, payload);
  t.clock.set('2024-01-15T02:00:00.000Z');
  const programmeId = (await call(sup, 'POST /api/v1/programmes', '/api/v1/programmes', { title: PUBLIC_TEXT.programme })).id;
  const areaId = (await call(sup, 'POST /api/v1/programmes/:id/tasks', `/api/v1/programmes/${programmeId}/tasks`, { title: '城市更新' })).id;
  const task = await call(sup, 'POST /api/v1/programmes/:id/tasks', `/api/v1/programmes/${programmeId}/tasks`, { title: PUBLIC_TEXT.title, parentId: areaId, leadUnitId: L, coUnits: [{ unitId: C, part: NEVER_PUBLIC.coPart }], dueDate: '2024-12-31' });
  await call(sup, 'POST /api/v1/programmes/:id/tasks', `/api/v1/programmes/${programmeId}/tasks`, { title: NEVER_PUBLIC.draftTask, parentId: areaId, leadUnitId: L });
  const assigned = await call(sup, 'POST /api/v1/tasks/:id/transitions', `/api/v1/tasks/${task.id}/transitions`, { action: 'assign', version: task.version, cadence: { kind: 'monthly' } });
  await call(lead, 'POST /api/v1/tasks/:id/transitions', `/api/v1/tasks/${task.id}/transitions`, { action: 'sign', version: assigned.version });
  t.clock.set('2024-05-10T02:00:00.000Z');
  const report = async (who: SignedIn, periodKey: string, text: string) => (await call(who, 'POST /api/v1/tasks/:id/reports', `/api/v1/tasks/${task.id}/reports`, { periodKey, progress: 40, text, problems: NEVER_PUBLIC.problems })).id;
  const upload = async (reportId: string, filename: string) => {
    const body = multipart({ filename, content: `${filename} 内容\n` });
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/reports/${reportId}/evidence`, headers: { ...lead.headers, ...body.headers }, payload: body.payload });
    if (res.statusCode !== 201) throw new Error(`upload: ${res.statusCode} ${res.body}`);
    return answer('POST /api/v1/reports/:id/evidence', res).items[0]!.id;
  };
  const submit = (who: SignedIn, id: string) => call(who, 'POST /api/v1/reports/:id/submit', `/api/v1/reports/${id}/submit`, {});
  const accepted = await report(lead, '2024-04', PUBLIC_TEXT.report);
  const publicEvidence = await upload(accepted, PUBLIC_TEXT.evidence);
  const privateEvidence = await upload(accepted, NEVER_PUBLIC.privateEvidence);
  await submit(lead, accepted);
  await call(sup, 'POST /api/v1/reports/:id/accept', `/api/v1/reports/${accepted}/accept`, {});
  const returned = await report(lead, '2024-05', NEVER_PUBLIC.returned);
  await submit(lead, returned);
  await call(sup, 'POST /api/v1/reports/:id/return', `/api/v1/reports/${returned}/return`, { reason: NEVER_PUBLIC.returnReason });
  const coAccepted = await report(co, '2024-04', NEVER_PUBLIC.coReport);
  await submit(co, coAccepted);
  await call(sup, 'POST /api/v1/reports/:id/accept', `/api/v1/reports/${coAccepted}/accept`, {});
  const submitted = await report(co, '2024-05', NEVER_PUBLIC.submitted);
  await submit(co, submitted);
  const draft = await report(lead, '2024-03', NEVER_PUBLIC.draft);
  const accepted2 = await report(lead, '2024-02', '第二次公开的进展PUB2Q');
  await submit(lead, accepted2);
  await call(sup, 'POST /api/v1/reports/:id/accept', `/api/v1/reports/${accepted2}/accept`, {});
  await call(leader, 'POST /api/v1/tasks/:id/instructions', `/api/v1/tasks/${task.id}/instructions`, { text: NEVER_PUBLIC.instruction });
  return {
    sup, osup, lead, co, leader, viewer, programmeId, areaId, taskId: task.id, leadUnitId: L, coUnitId: C,
    reports: { accepted, accepted2, returned, draft, submitted, coAccepted },
    evidence: { public: publicEvidence, private: privateEvidence },
  };
}
