/**
 * The authorization matrix, generated from the app's own route table: every route × every persona (each role, and
 * for objects each relation — own unit, co-unit, other unit, a programme's own and another programme's supervisor,
 * and objects the persona may not see) → the expected status, declared in ONE table below. A route the app has but
 * the table does not declare fails the test, and so does a table row for a route that no longer exists. Every
 * response is also searched for the titles and texts of objects the persona may not see: none may appear.
 *
 * Writes are probed so that they change nothing a later probe depends on: with a stale `version` (an authorised
 * caller gets 409, anyone else 403 or 404), a duplicate, an empty upload, or a fresh throwaway object per call.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/core/permissions.ts';
import { DIALECTS } from '../support/databases.ts';
import type { ApiKey } from '../../src/contract/api.ts';
import { answer, callAs, createTestApp, type TestApp, TestClock } from '../support/harness.ts';
import { buildUnit, buildUser, signIn, type SignedIn } from '../support/factories.ts';
import { multipart } from '../support/multipart.ts';

const NOW = new Date('2024-05-10T02:00:00.000Z');

/** The personas, in the order of every expectation string below. */
const PERSONAS = ['admin', 'leader', 'viewer', 'sup', 'osup', 'lead', 'co', 'other'] as const;
type Persona = (typeof PERSONAS)[number];
// admin, leader, viewer: the roles. sup: supervisor of programme P (own). osup: supervisor of programme Q only
// (other programme's supervisor). lead / co / other: liaisons of task T's lead unit, its co-unit, and an unrelated
// unit. Objects: P (programme), T (published task in P, lead L, co C), D (draft task in P: invisible to liaisons and
// viewers), M (milestone on T), R / RC (the lead and co unit's reports on T), E (evidence on R), I (instruction on T),
// Q / TQ (another programme and its task, led by the other unit), DR (sup's draft programme), DOC (a document).

/** Secrets: text of each object, searched for in every response of a persona who may not see the object. */
const SECRET = {
  P: '方案甲密PXQ', T: '任务甲密TXQ', D: '草拟任务密DXQ', M: '节点密MXQ', R: '牵头报告密RXQ', RC: '配合报告密RCXQ',
  E: '证据密EXQ.txt', I: '批示密IXQ', Q: '方案乙密QXQ', TQ: '任务乙密TQXQ', DR: '分解草稿密DRXQ',
  // 传达学习: the lead unit's relay record (its minutes) and its file.
  REL: '传达纪要密RELXQ', RE: '传达附件密REXQ.txt',
  // 督促检查: an inspection under way targeting the lead unit, its finding there and the finding's file.
  INS: '督查主题密INSXQ', F: '督查问题密FXQ', IE: '督查附件密IEXQ.txt',
} as const;
type Secret = keyof typeof SECRET;

const INVISIBLE: Record<Persona, Secret[]> = {
  admin: [],
  leader: ['DR'],
  viewer: ['D', 'R', 'RC', 'E', 'DR', 'REL', 'RE', 'INS', 'F', 'IE'],
  sup: ['Q', 'TQ'],
  osup: ['P', 'T', 'D', 'M', 'R', 'RC', 'E', 'I', 'DR', 'REL', 'RE', 'INS', 'F', 'IE'],
  lead: ['D', 'DR', 'Q', 'TQ'],
  co: ['D', 'R', 'E', 'DR', 'Q', 'TQ', 'REL', 'RE', 'INS', 'F', 'IE'],
  other: ['P', 'T', 'D', 'M', 'R', 'RC', 'E', 'I', 'DR', 'REL', 'RE', 'INS', 'F', 'IE'],
};

interface World {
  ids: Record<string, string>;
  as: Record<Persona, SignedIn>;
  docText: string;
}

interface Probe {
  /** `METHOD /path` exactly as registered (`:id` parameters). */
  route: string;
  /** Fills the path parameters; may create a fresh object for each call. */
  params?: (w: World, who: Persona) => Record<string, string> | Promise<Record<string, string>>;
  query?: string;
  body?: (w: World) => unknown;
  upload?: { filename: string; content: string };
  /** Sign in afresh for this call (for signing out). */
  freshSession?: boolean;
  /** One status per persona, in PERSONAS order; `2xx` any success, `pass` anything but 401/403/404. */
  expect: string;
  /** A route that exists only in some builds (the UI's files exist once `npm run build` has run). */
  ifPresent?: boolean;
}

const id = (key: string) => (w: World) => ({ id: w.ids[key]! });
/** A lead id no one has: leads need a published programme, and their own tests cover real ones (public-leads). */
const NO_LEAD = '00000000-0000-7000-8000-00000000ead0';

let throwaway = 0;
const unique = (prefix: string) => `${prefix}${process.pid}n${++throwaway}`;

// ───────────────────────────── THE TABLE ─────────────────────────────
//                                                                        admin leader viewer sup osup lead co other
const TABLE: Probe[] = [
  { route: 'GET /api/health', expect:                                     '200 200 200 200 200 200 200 200' },
  { route: 'GET /api/openapi.json', expect:                               '200 200 200 200 200 200 200 200' },
  { route: 'GET /*', params: () => ({ '*': 'index.html' }), ifPresent: true, expect: '200 200 200 200 200 200 200 200' },
  { route: 'GET /metrics', expect:                                        '200 200 200 200 200 200 200 200' },
  { route: 'GET /api/docs', expect:                                       '200 200 200 200 200 200 200 200' },
  { route: 'GET /api/docs/json', expect:                                  '200 200 200 200 200 200 200 200' },
  { route: 'GET /api/docs/yaml', expect:                                  '200 200 200 200 200 200 200 200' },
  { route: 'GET /api/docs/static/index.html', expect:                     '302 302 302 302 302 302 302 302' },
  { route: 'GET /api/docs/static/swagger-initializer.js', expect:         '200 200 200 200 200 200 200 200' },
  { route: 'GET /api/docs/static/*', params: () => ({ '*': 'swagger-ui.css' }), expect: '200 200 200 200 200 200 200 200' },

  { route: 'POST /api/v1/session', body: () => ({ username: unique('nobody'), password: 'wrong-password' }), expect: '401 401 401 401 401 401 401 401' },
  { route: 'DELETE /api/v1/session', freshSession: true, expect:          '204 204 204 204 204 204 204 204' },
  { route: 'GET /api/v1/me', expect:                                      '200 200 200 200 200 200 200 200' },
  { route: 'PATCH /api/v1/me', body: () => ({ version: 999, displayName: 'x' }), expect: '409 409 409 409 409 409 409 409' },
  { route: 'POST /api/v1/me/password', body: () => ({ currentPassword: 'wrong-wrong', newPassword: 'another long one' }), expect: '401 401 401 401 401 401 401 401' },
  { route: 'GET /api/v1/me/tokens', expect:                               '200 200 200 200 200 200 200 200' },
  { route: 'POST /api/v1/me/tokens', body: () => ({ name: 'script' }), expect: '201 201 201 201 201 201 201 201' },
  { route: 'DELETE /api/v1/me/tokens/:id', params: id('leadToken'), expect: '404 404 404 404 404 204 404 404' },

  { route: 'GET /api/v1/units', expect:                                   '200 200 200 200 200 200 200 200' },
  { route: 'POST /api/v1/units', body: () => ({ name: unique('单位') }), expect: '201 403 403 403 403 403 403 403' },
  { route: 'PATCH /api/v1/units/:id', params: id('unitX'), body: () => ({ version: 999, name: 'x' }), expect: '409 403 403 403 403 403 403 403' },
  { route: 'DELETE /api/v1/units/:id', params: async (w) => ({ id: await freshUnit(w) }), expect: '204 403 403 403 403 403 403 403' },
  { route: 'GET /api/v1/users', expect:                                   '200 200 403 200 200 200 200 200' },
  { route: 'POST /api/v1/users', body: (w) => ({ username: unique('u'), unitId: w.ids.unitX, roles: ['viewer'], password: 'a long password' }), expect: '201 403 403 403 403 403 403 403' },
  { route: 'PATCH /api/v1/users/:id', params: id('userX'), body: () => ({ version: 999, displayName: 'x' }), expect: '409 403 403 403 403 403 403 403' },
  { route: 'POST /api/v1/users/:id/password', params: id('userX'), body: () => ({ password: 'a new long password' }), expect: '200 403 403 403 403 403 403 403' },

  { route: 'GET /api/v1/audit', query: 'limit=500', expect:               '200 200 403 200 200 403 403 403' },
  { route: 'GET /api/v1/audit/verify', expect:                            '200 200 403 200 200 403 403 403' },

  { route: 'POST /api/v1/documents', upload: { filename: 'doc.txt', content: '' }, expect: '403 403 403 409 409 403 403 403' },
  { route: 'POST /api/v1/documents/text', body: (w) => ({ text: w.docText }), expect: '403 403 403 409 409 403 403 403' },
  { route: 'GET /api/v1/documents', expect:                               '200 200 200 200 200 200 200 200' },
  { route: 'GET /api/v1/documents/compare', query: 'a={DOC}&b={DOC}', expect: '200 200 200 200 200 200 200 200' },
  { route: 'GET /api/v1/documents/:id', params: id('DOC'), expect:        '200 200 200 200 200 200 200 200' },
  { route: 'GET /api/v1/documents/:id/text', params: id('DOC'), query: 'script=hant', expect: '200 200 200 200 200 200 200 200' },
  { route: 'GET /api/v1/documents/:id/original', params: id('DOC'), expect: '200 200 200 200 200 200 200 200' },
  { route: 'GET /api/v1/documents/:id/decomposition', params: id('DOC'), expect: '200 200 200 200 200 200 200 200' },
  { route: 'GET /api/v1/documents/:id/repairs', params: id('DOC'), expect: '200 200 200 200 200 200 200 200' },
  { route: 'PUT /api/v1/documents/:id/repairs', params: id('DOC'), body: () => ({ accepted: [1] }), expect: '403 403 403 400 400 403 403 403' },
  { route: 'GET /api/v1/documents/:id/editions', params: id('DOC'), expect: '200 200 200 200 200 200 200 200' },

  { route: 'POST /api/v1/documents/:id/drafts', params: id('DOC'), body: () => ({}), expect: '403 403 403 201 201 403 403 403' },
  { route: 'GET /api/v1/drafts', expect:                                  '403 403 403 200 200 403 403 403' },
  { route: 'GET /api/v1/drafts/:id', params: id('DR'), expect:            '403 403 403 200 404 403 403 403' },
  { route: 'DELETE /api/v1/drafts/:id', params: id('DR'), query: 'version=999', expect: '403 403 403 409 404 403 403 403' },
  { route: 'POST /api/v1/drafts/:id/operations', params: id('DR'), body: () => ({ version: 999, operations: [] }), expect: '403 403 403 409 404 403 403 403' },
  { route: 'POST /api/v1/drafts/:id/publish', params: id('DR'), body: () => ({ version: 999 }), expect: '403 403 403 409 404 403 403 403' },

  { route: 'GET /api/v1/programmes', expect:                              '200 200 200 200 200 200 200 200' },
  { route: 'POST /api/v1/programmes', body: () => ({ title: unique('新方案') }), expect: '403 403 403 201 201 403 403 403' },
  { route: 'GET /api/v1/programmes/:id', params: id('P'), expect:         '200 200 200 200 404 200 200 404' },
  { route: 'GET /api/v1/programmes/:id', params: id('Q'), expect:         '200 200 200 404 200 404 404 200' },
  { route: 'PATCH /api/v1/programmes/:id', params: id('P'), body: () => ({ version: 999, title: 'x' }), expect: '403 403 403 409 404 403 403 403' },
  { route: 'POST /api/v1/programmes/:id/tasks', params: id('P'), body: () => ({ title: unique('新任务') }), expect: '403 403 403 201 404 403 403 403' },
  { route: 'POST /api/v1/programmes/:id/periods/:periodKey/lock', params: (w) => ({ id: w.ids.P!, periodKey: '2023-01' }), expect: '403 403 403 201 404 403 403 403' },
  { route: 'DELETE /api/v1/programmes/:id/periods/:periodKey/lock', params: async (w) => ({ id: await lockedPeriod(w), periodKey: '2023-02' }), expect: '403 403 403 204 404 403 403 403' },
  // The public side (issue 13): publishing is the programme's supervisors' (a fresh programme, so P never goes public
  // and its title never reaches the anonymous pages probed below); marks need an accepted report (R is a draft: 409).
  { route: 'GET /api/v1/programmes/:id/publication', params: id('P'), expect: '200 200 200 200 404 200 200 404' },
  { route: 'POST /api/v1/programmes/:id/publication', params: async (w) => ({ id: await freshProgramme(w) }), expect: '403 403 403 200 404 403 403 403' },
  { route: 'DELETE /api/v1/programmes/:id/publication', params: id('P'), expect: '403 403 403 409 404 403 403 403' },
  { route: 'GET /api/v1/programmes/:id/publication/preview', params: id('P'), expect: '403 403 403 200 404 403 403 403' },
  { route: 'POST /api/v1/reports/:id/publicity', params: id('R'), body: () => ({ public: true }), expect: '403 403 403 409 404 403 403 403' },
  { route: 'POST /api/v1/evidence/:id/publicity', params: id('E'), body: () => ({ public: true }), expect: '403 403 403 409 404 403 403 403' },
  { route: 'GET /public/programmes', expect:                               '200 200 200 200 200 200 200 200' },
  { route: 'GET /public/programmes/:id', params: id('P'), expect:          '404 404 404 404 404 404 404 404' },
  { route: 'GET /public/api/programmes/:id.json', params: id('P'), expect: '404 404 404 404 404 404 404 404' },
  { route: 'GET /public/programmes/:id/feed.atom', params: id('P'), expect: '404 404 404 404 404 404 404 404' },
  { route: 'GET /public/tasks/:id', params: id('T'), expect:               '404 404 404 404 404 404 404 404' },
  { route: 'GET /public/evidence/:id', params: id('E'), expect:            '404 404 404 404 404 404 404 404' },
  { route: 'GET /public/*', params: () => ({ '*': 'nothing/here' }), expect: '404 404 404 404 404 404 404 404' },
  { route: 'POST /public/tasks/:id/leads', params: id('T'), expect:        '404 404 404 404 404 404 404 404' },
  { route: 'GET /public/tasks/:id/leads/thanks', params: id('T'), expect:  '404 404 404 404 404 404 404 404' },
  // Leads are the programme's supervisors' alone; a lead of no programme of theirs does not exist for them.
  { route: 'GET /api/v1/leads', expect:                                    '403 403 403 200 200 403 403 403' },
  { route: 'GET /api/v1/leads/:id', params: () => ({ id: NO_LEAD }), expect: '403 403 403 404 404 403 403 403' },
  { route: 'GET /api/v1/leads/:id/photo', params: () => ({ id: NO_LEAD }), expect: '403 403 403 404 404 403 403 403' },
  { route: 'POST /api/v1/leads/:id/accept', params: () => ({ id: NO_LEAD }), body: () => ({ version: 1 }), expect: '403 403 403 404 404 403 403 403' },
  { route: 'POST /api/v1/leads/:id/reject', params: () => ({ id: NO_LEAD }), body: () => ({ version: 1, reason: 'duplicate' }), expect: '403 403 403 404 404 403 403 403' },
  { route: 'POST /api/v1/leads/:id/merge', params: () => ({ id: NO_LEAD }), body: () => ({ version: 1, intoId: NO_LEAD }), expect: '403 403 403 400 400 403 403 403' },
  { route: 'POST /api/v1/leads/:id/rectification', params: () => ({ id: NO_LEAD }), body: () => ({ version: 1, title: '整改', dueDate: '2024-12-31' }), expect: '403 403 403 404 404 403 403 403' },
  { route: 'POST /api/v1/leads/:id/finding', params: () => ({ id: NO_LEAD }), body: () => ({ version: 1, inspectionId: NO_LEAD, title: '问题', severity: 'general', dueDate: '2024-12-31' }), expect: '403 403 403 404 404 403 403 403' },

  { route: 'GET /api/v1/tasks', expect:                                   '200 200 200 200 200 200 200 200' },
  { route: 'GET /api/v1/tasks', query: 'programmeId={P}&limit=1000', expect: '200 200 200 200 200 200 200 200' },
  { route: 'GET /api/v1/tasks', query: 'q=密', expect:                    '200 200 200 200 200 200 200 200' },
  { route: 'GET /api/v1/search', query: 'q=任务甲密', expect:             '200 200 200 200 200 200 200 200' },
  { route: 'GET /api/v1/search', query: 'q=草拟任务密', expect:           '200 200 200 200 200 200 200 200' },
  { route: 'GET /api/v1/search', query: 'q=报告密', expect:               '200 200 200 200 200 200 200 200' },
  { route: 'GET /api/v1/search', query: 'q=任务乙密&type=task', expect:   '200 200 200 200 200 200 200 200' },
  { route: 'GET /api/v1/search', query: 'q=密', expect:                   '200 200 200 200 200 200 200 200' },
  { route: 'GET /api/v1/search', query: 'q=xq&limit=50', expect:          '200 200 200 200 200 200 200 200' },
  // Findings and relay records: no persona's results may carry a finding or record it may not read (the secrets check).
  { route: 'GET /api/v1/search', query: 'q=督查问题密&type=finding', expect: '200 200 200 200 200 200 200 200' },
  { route: 'GET /api/v1/search', query: 'q=传达纪要密', expect:           '200 200 200 200 200 200 200 200' },
  { route: 'GET /api/v1/tasks/:id', params: id('T'), expect:              '200 200 200 200 404 200 200 404' },
  { route: 'GET /api/v1/tasks/:id', params: id('D'), expect:              '200 200 404 200 404 404 404 404' },
  { route: 'GET /api/v1/tasks/:id', params: id('TQ'), expect:             '200 200 200 404 200 404 404 200' },
  { route: 'PATCH /api/v1/tasks/:id', params: id('T'), body: () => ({ version: 999, title: 'x' }), expect: '403 403 403 409 404 403 403 404' },
  { route: 'PATCH /api/v1/tasks/:id', params: id('D'), body: () => ({ version: 999, title: 'x' }), expect: '403 403 404 409 404 404 404 404' },
  { route: 'POST /api/v1/tasks/:id/transitions', params: id('T'), body: () => ({ action: 'suspend', version: 999, reason: 'x', reviewDate: '2024-09-01' }), expect: '409 409 409 409 404 409 409 404' },
  { route: 'POST /api/v1/tasks/:id/transitions', params: id('D'), body: () => ({ action: 'assign', version: 999 }), expect: '409 409 404 409 404 404 404 404' },
  { route: 'POST /api/v1/tasks/:id/milestones', params: id('T'), body: () => ({ title: '新节点', dueDate: '2024-06-30' }), expect: '403 403 403 201 404 403 403 404' },
  { route: 'POST /api/v1/tasks/:id/milestones', params: id('D'), body: () => ({ title: '新节点', dueDate: '2024-06-30' }), expect: '403 403 404 201 404 404 404 404' },
  { route: 'PATCH /api/v1/milestones/:id', params: id('M'), body: () => ({ version: 999, title: 'x' }), expect: '403 403 403 409 404 403 403 404' },
  { route: 'PATCH /api/v1/milestones/:id', params: id('M'), body: () => ({ version: 999, done: true }), expect: '403 403 403 409 404 409 403 404' },
  { route: 'DELETE /api/v1/milestones/:id', params: id('M'), query: 'version=999', expect: '403 403 403 409 404 403 403 404' },
  { route: 'GET /api/v1/tasks/:id/timeline', params: id('T'), expect:     '200 200 200 200 404 200 200 404' },
  { route: 'GET /api/v1/tasks/:id/timeline', params: id('D'), expect:     '200 200 404 200 404 404 404 404' },
  { route: 'GET /api/v1/tasks/:id/suggestions', params: id('T'), expect:  '403 403 403 200 404 403 403 403' },
  { route: 'GET /api/v1/tasks/:id/suggestions', params: id('D'), expect:  '403 403 403 200 404 403 403 403' },
  // All or nothing: T is assigned already and TQ is another programme's, so an allowed caller gets 422 with every
  // row's reason and nothing changes.
  { route: 'POST /api/v1/tasks/bulk', body: (w) => ({ action: 'assign', taskIds: [w.ids.T, w.ids.TQ], leadUnitId: w.ids.unitX }), expect: '403 403 403 422 422 403 403 403' },
  { route: 'POST /api/v1/tasks/:id/reminders', params: id('T'), body: () => ({}), expect: '403 403 403 201 404 403 403 403' },
  { route: 'POST /api/v1/tasks/:id/instructions', params: id('T'), body: () => ({ text: '请抓紧落实' }), expect: '403 201 403 403 403 403 403 403' },
  { route: 'GET /api/v1/tasks/:id/instructions', params: id('T'), expect: '200 200 200 200 404 200 200 404' },
  { route: 'GET /api/v1/tasks/:id/instructions', params: id('D'), expect: '200 200 404 200 404 404 404 404' },

  { route: 'GET /api/v1/tasks/:id/reports', params: id('T'), expect:      '200 200 200 200 404 200 200 404' },
  { route: 'GET /api/v1/tasks/:id/reports', params: id('D'), expect:      '200 200 404 200 404 404 404 404' },
  { route: 'POST /api/v1/tasks/:id/reports', params: id('T'), body: () => ({ periodKey: '2024-05', progress: 1, text: 'x' }), expect: '403 403 403 403 403 409 409 404' },
  { route: 'GET /api/v1/tasks/:id/periods', params: id('T'), expect:      '200 200 200 200 404 200 200 404' },
  { route: 'GET /api/v1/reports/:id', params: id('R'), expect:            '200 200 404 200 404 200 404 404' },
  { route: 'GET /api/v1/reports/:id', params: id('RC'), expect:           '200 200 404 200 404 200 200 404' },
  { route: 'PATCH /api/v1/reports/:id', params: id('R'), body: () => ({ version: 999, text: 'x' }), expect: '403 403 403 403 403 409 404 404' },
  { route: 'POST /api/v1/reports/:id/submit', params: id('R'), body: () => ({ version: 999 }), expect: '403 403 403 403 403 409 404 404' },
  { route: 'POST /api/v1/reports/:id/accept', params: id('R'), body: () => ({}), expect: '403 403 403 409 404 403 403 403' },
  { route: 'POST /api/v1/reports/:id/return', params: id('R'), body: () => ({ reason: '请补充' }), expect: '403 403 403 409 404 403 403 403' },
  { route: 'POST /api/v1/reports/:id/evidence', params: id('R'), upload: { filename: 'empty.txt', content: '' }, expect: '403 403 403 403 403 400 404 404' },
  { route: 'GET /api/v1/evidence/:id/download', params: id('E'), expect:  '200 200 404 200 404 200 404 404' },
  { route: 'DELETE /api/v1/evidence/:id', params: async (w) => ({ id: await freshEvidence(w) }), expect: '403 403 403 403 403 204 404 404' },

  { route: 'GET /api/v1/ledger.xlsx', query: 'programmeId={P}', expect: '403 200 403 200 404 200 200 404' },
  { route: 'GET /api/v1/ledger.csv', query: 'programmeId={P}&kind=area,task', expect: '403 200 403 200 404 200 200 404' },
  { route: 'GET /api/v1/programmes/:id/briefing.docx', params: id('P'), query: 'from=2024-05-01&to=2024-05-31', expect: '200 200 403 200 404 403 403 404' },
  { route: 'GET /api/v1/programmes/:id/import/template.xlsx', params: id('P'), expect: '403 403 403 200 404 403 403 403' },
  // The document text has no header row: an allowed caller gets 400 no_header, and nothing is imported.
  { route: 'POST /api/v1/programmes/:id/import', params: id('P'), query: 'dryRun=true', upload: { filename: 'tasks.csv', content: '' }, expect: '403 403 403 400 404 403 403 403' },

  { route: 'GET /api/v1/notifications', expect:                           '200 200 200 200 200 200 200 200' },
  { route: 'GET /api/v1/notifications/unread-count', expect:              '200 200 200 200 200 200 200 200' },
  { route: 'POST /api/v1/notifications/:id/read', params: id('leadNotification'), expect: '404 404 404 404 404 200 404 404' },
  { route: 'POST /api/v1/notifications/read-all', expect:                 '200 200 200 200 200 200 200 200' },
  { route: 'GET /api/v1/inbox', expect:                                   '200 200 200 200 200 200 200 200' },
  { route: 'GET /api/v1/home', expect:                                    '200 200 200 200 200 200 200 200' },
  { route: 'GET /api/v1/stats', expect:                                   '200 200 200 200 200 200 200 200' },
  { route: 'GET /api/v1/stats', query: 'programmeId={P}', expect:         '200 200 200 200 404 200 200 404' },
  { route: 'GET /api/v1/stats', query: 'programmeId={Q}&health=red', expect: '200 200 200 404 200 404 404 200' },
  { route: 'GET /api/v1/inbox/:list', params: () => ({ list: 'overdue' }), expect: '200 200 200 200 200 200 200 200' },

  { route: 'GET /api/v1/webhooks', expect:                                '200 403 403 403 403 403 403 403' },
  { route: 'POST /api/v1/webhooks', body: () => ({ name: unique('hook'), url: 'https://example.org/h', format: 'generic' }), expect: '201 403 403 403 403 403 403 403' },
  { route: 'GET /api/v1/webhooks/:id', params: id('W'), expect:           '200 403 403 403 403 403 403 403' },
  { route: 'PATCH /api/v1/webhooks/:id', params: id('W'), body: () => ({ version: 999, name: 'x' }), expect: '409 403 403 403 403 403 403 403' },
  { route: 'DELETE /api/v1/webhooks/:id', params: async (w) => ({ id: await freshWebhook(w) }), expect: '204 403 403 403 403 403 403 403' },
  { route: 'POST /api/v1/webhooks/:id/test', params: id('W'), expect:     '200 403 403 403 403 403 403 403' },
  { route: 'GET /api/v1/relays', expect:                                  '200 200 200 200 200 200 200 200' },
  { route: 'POST /api/v1/relays', body: (w) => ({ documentId: w.ids.DOC, programmeId: w.ids.P }), expect: '403 403 403 409 404 403 403 403' },
  { route: 'GET /api/v1/relays/:id', params: id('RCAMP'), expect:         '200 200 200 200 404 200 200 404' },
  { route: 'PATCH /api/v1/relays/:id', params: id('RCAMP'), body: () => ({ version: 999, deadline: '2024-06-30' }), expect: '403 403 403 409 404 403 403 403' },
  { route: 'POST /api/v1/relays/:id/reminders', params: id('RCAMP'), body: () => ({}), expect: '403 403 403 201 404 403 403 403' },
  { route: 'POST /api/v1/relays/:id/records', params: id('RCAMP'), body: () => ({ meetingType: 'branch', meetingDate: '2099-01-01', chair: '书记', attendeeCount: 5 }), expect: '403 403 403 403 403 400 400 404' },
  { route: 'GET /api/v1/relays/records/:id', params: id('REL'), expect:   '200 200 404 200 404 200 404 404' },
  { route: 'PATCH /api/v1/relays/records/:id', params: id('REL'), body: () => ({ version: 999, chair: '书记' }), expect: '403 403 403 403 403 409 404 404' },
  { route: 'POST /api/v1/relays/records/:id/return', params: id('REL'), body: () => ({ version: 999, reason: '请补充纪要' }), expect: '403 403 403 409 404 403 403 403' },
  { route: 'POST /api/v1/relays/records/:id/evidence', params: id('REL'), upload: { filename: 'empty.txt', content: '' }, expect: '403 403 403 403 403 400 404 404' },
  { route: 'GET /api/v1/relays/evidence/:id/download', params: id('RE'), expect: '200 200 404 200 404 200 404 404' },
  { route: 'DELETE /api/v1/relays/evidence/:id', params: async (w) => ({ id: await freshRelayEvidence(w) }), expect: '403 403 403 403 403 204 404 404' },
  { route: 'GET /api/v1/inspections', expect:                             '200 200 200 200 200 200 200 200' },
  { route: 'POST /api/v1/inspections', body: (w) => ({ programmeId: w.ids.P, topic: unique('专项督查'), kind: 'special', members: [{ userId: w.as.sup.user.id, team: '一组' }] }), expect: '403 403 403 201 404 403 403 403' },
  { route: 'GET /api/v1/inspections/:id', params: id('INS'), expect:      '200 200 404 200 404 200 404 404' },
  { route: 'PATCH /api/v1/inspections/:id', params: id('INS'), body: () => ({ version: 999, topic: '新主题' }), expect: '403 403 403 409 404 403 403 403' },
  { route: 'POST /api/v1/inspections/:id/transitions', params: id('INS'), body: () => ({ action: 'report', version: 999 }), expect: '403 403 403 409 404 403 403 403' },
  { route: 'POST /api/v1/inspections/:id/visits', params: id('INS'), body: () => ({ visitedOn: '2024-05-10', notes: '  ' }), expect: '403 403 404 400 404 403 404 404' },
  { route: 'POST /api/v1/inspections/:id/findings', params: id('INS'), body: (w) => ({ unitId: w.ids.unitX, title: '  ', severity: 'general' }), expect: '403 403 404 400 404 403 404 404' },
  { route: 'POST /api/v1/inspections/findings/:id/rectify', params: id('F'), body: () => ({ version: 999, dueDate: '2024-06-30' }), expect: '403 403 403 409 404 403 403 403' },
  { route: 'POST /api/v1/inspections/findings/:id/not-applicable', params: id('F'), body: () => ({ version: 999, reason: '不适用' }), expect: '403 403 403 409 404 403 403 403' },
  { route: 'POST /api/v1/inspections/:id/evidence', params: id('INS'), upload: { filename: 'empty.txt', content: '' }, expect: '403 403 404 400 404 403 404 404' },
  { route: 'GET /api/v1/inspections/evidence/:id/download', params: id('IE'), expect: '200 200 404 200 404 200 404 404' },
  { route: 'GET /api/v1/tasks/:id/findings', params: id('T'), expect:     '200 200 200 200 404 200 200 404' },
  { route: 'GET /api/v1/outbox', expect:                                  '200 403 403 403 403 403 403 403' },
  { route: 'POST /api/v1/outbox/:id/retry', params: id('outboxRow'), expect: '409 403 403 403 403 403 403 403' },

  // Indicators (对标对表): IND on T (responsible unit L) in P; ACT its figure submitted by lead, IEV its evidence.
  { route: 'GET /api/v1/indicators', expect:                              '200 200 200 200 200 200 200 200' },
  { route: 'POST /api/v1/indicators', body: (w) => ({ programmeId: w.ids.P, name: unique('指标'), unit: '个', baseline: 0, target: 10, direction: 'at_least', period: 'year', responsibleUnitId: w.ids.unitL, startDate: '2024-01-01', endDate: '2024-12-31' }), expect: '403 403 403 201 404 403 403 403' },
  { route: 'POST /api/v1/indicators/from-targets', body: (w) => ({ programmeId: w.ids.P }), expect: '403 403 403 200 404 403 403 403' },
  { route: 'GET /api/v1/indicators/:id', params: id('IND'), expect:       '200 200 200 200 404 200 200 404' },
  { route: 'PATCH /api/v1/indicators/:id', params: id('IND'), body: () => ({ version: 999, name: 'x' }), expect: '403 403 403 409 404 403 403 403' },
  { route: 'POST /api/v1/indicators/:id/actuals', params: id('IND'), body: () => ({ periodKey: '2024-06', value: 1 }), expect: '403 403 403 403 403 400 403 404' },
  { route: 'POST /api/v1/indicator-actuals/:id/accept', params: id('ACT'), body: () => ({ version: 999 }), expect: '403 403 403 409 404 403 403 403' },
  { route: 'POST /api/v1/indicator-actuals/:id/return', params: id('ACT'), body: () => ({ version: 999, reason: '请核实' }), expect: '403 403 403 409 404 403 403 403' },
  { route: 'POST /api/v1/indicator-actuals/:id/evidence', params: id('ACT'), upload: { filename: 'empty.txt', content: '' }, expect: '403 403 403 403 403 400 404 404' },
  { route: 'GET /api/v1/indicator-evidence/:id/download', params: id('IEV'), expect: '200 200 404 200 404 200 404 404' },
  { route: 'POST /api/v1/indicators/:id/peers', params: id('IND'), body: () => ({ name: unique('某市'), value: 1, periodKey: '2024-Q1', source: '统计公报' }), expect: '403 403 403 201 404 403 403 403' },
  { route: 'DELETE /api/v1/indicator-peers/:id', params: async (w) => ({ id: await freshPeer(w) }), expect: '403 403 403 204 404 403 403 403' },

  // Evaluations (考核评价): Q4 2024 has not ended at NOW, so a freeze is refused (409) and nothing is frozen.
  { route: 'GET /api/v1/evaluations/periods', expect:                     '200 200 403 200 200 403 403 403' },
  { route: 'GET /api/v1/evaluations/periods/:periodKey', params: () => ({ periodKey: '2024-Q1' }), expect: '200 200 403 200 200 403 403 403' },
  { route: 'POST /api/v1/evaluations/periods/:periodKey/freeze', params: () => ({ periodKey: '2024-Q4' }), expect: '409 403 403 409 409 403 403 403' },
  { route: 'PUT /api/v1/evaluations/periods/:periodKey/ratings/:unitId', params: (w) => ({ periodKey: '2024-Q4', unitId: w.ids.unitX! }), body: () => ({ rating: 3 }), expect: '403 403 403 200 200 403 403 403' },
  { route: 'GET /api/v1/evaluations/rules', expect:                       '200 200 403 200 200 403 403 403' },
  { route: 'POST /api/v1/evaluations/rules', body: () => ({ rules: { components: {} }, effectiveFrom: '2024-01-01' }), expect: '400 403 403 400 400 403 403 403' },
];

// ─────────────────────────── fresh objects ───────────────────────────
async function freshUnit(w: World): Promise<string> {
  const res = await app().inject({ method: 'POST', url: '/api/v1/units', headers: w.as.admin.headers, payload: { name: unique('临时单位') } });
  return answer('POST /api/v1/units', res).id;
}
async function freshWebhook(w: World): Promise<string> {
  const res = await app().inject({ method: 'POST', url: '/api/v1/webhooks', headers: w.as.admin.headers, payload: { name: unique('临时'), url: 'https://example.org/t', format: 'generic' } });
  return answer('POST /api/v1/webhooks', res).id;
}
async function freshEvidence(w: World): Promise<string> {
  const body = multipart({ filename: 'fresh.txt', content: `附件 ${unique('e')}\n` });
  const res = await app().inject({ method: 'POST', url: `/api/v1/reports/${w.ids.R}/evidence`, headers: { ...w.as.lead.headers, ...body.headers }, payload: body.payload });
  return answer('POST /api/v1/reports/:id/evidence', res).items[0]!.id;
}
async function freshRelayEvidence(w: World): Promise<string> {
  const body = multipart({ filename: 'fresh.txt', content: `纪要 ${unique('r')}\n` });
  const res = await app().inject({ method: 'POST', url: `/api/v1/relays/records/${w.ids.REL}/evidence`, headers: { ...w.as.lead.headers, ...body.headers }, payload: body.payload });
  return answer('POST /api/v1/relays/records/:id/evidence', res).items[0]!.id;
}

async function freshProgramme(w: World): Promise<string> {
  const res = await app().inject({ method: 'POST', url: '/api/v1/programmes', headers: w.as.sup.headers, payload: { title: unique('公开方案') } });
  return answer('POST /api/v1/programmes', res).id;
}
async function lockedPeriod(w: World): Promise<string> {
  await app().inject({ method: 'POST', url: `/api/v1/programmes/${w.ids.P}/periods/2023-02/lock`, headers: w.as.sup.headers });
  return w.ids.P!;
}

async function freshPeer(w: World): Promise<string> {
  const res = await app().inject({ method: 'POST', url: `/api/v1/indicators/${w.ids.IND}/peers`, headers: w.as.sup.headers, payload: { name: unique('临时市'), value: 2, periodKey: '2024-Q1', source: '公报' } });
  return answer('POST /api/v1/indicators/:id/peers', res).id;
}

let current: TestApp | null = null;
const app = () => current!.app;

async function buildWorld(t: TestApp): Promise<World> {
  const ids: Record<string, string> = {};
  const L = (await buildUnit(t.ctx, { name: unique('牵头单位') })).id;
  const C = (await buildUnit(t.ctx, { name: unique('配合单位') })).id;
  const O = (await buildUnit(t.ctx, { name: unique('无关单位') })).id;
  ids.unitX = (await buildUnit(t.ctx, { name: unique('备用单位') })).id;
  ids.userX = (await buildUser(t.ctx, { roles: ['viewer'], unitId: ids.unitX })).id;
  const person = async (roles: Role[], unitId?: string) => signIn(t.app, await buildUser(t.ctx, { roles, ...(unitId ? { unitId } : {}) }));
  const as: Record<Persona, SignedIn> = {
    admin: await person(['admin']),
    leader: await person(['leader']),
    viewer: await person(['viewer']),
    sup: await person(['supervisor']),
    osup: await person(['supervisor']),
    lead: await person(['liaison'], L),
    co: await person(['liaison'], C),
    other: await person(['liaison'], O),
  };
  const call = <K extends ApiKey>(who: Persona, key: K, url: string, payload?: unknown) => callAs(t.app, as[who], key, url, payload);
  ids.W = (await call('admin', 'POST /api/v1/webhooks', '/api/v1/webhooks', { name: 'hook', url: 'http://127.0.0.1:9/hook', format: 'generic' })).id;
  ids.P = (await call('sup', 'POST /api/v1/programmes', '/api/v1/programmes', { title: SECRET.P })).id;
  ids.Q = (await call('osup', 'POST /api/v1/programmes', '/api/v1/programmes', { title: SECRET.Q })).id;
  const assignAndSign = async (supervisor: Persona, liaison: Persona, taskId: string, version: number) => {
    const assigned = await call(supervisor, 'POST /api/v1/tasks/:id/transitions', `/api/v1/tasks/${taskId}/transitions`, { action: 'assign', version, cadence: { kind: 'monthly' } });
    await call(liaison, 'POST /api/v1/tasks/:id/transitions', `/api/v1/tasks/${taskId}/transitions`, { action: 'sign', version: assigned.version });
  };
  const T = await call('sup', 'POST /api/v1/programmes/:id/tasks', `/api/v1/programmes/${ids.P}/tasks`, { title: SECRET.T, leadUnitId: L, coUnits: [{ unitId: C }], dueDate: '2024-12-31' });
  ids.T = T.id;
  ids.M = (await call('sup', 'POST /api/v1/tasks/:id/milestones', `/api/v1/tasks/${ids.T}/milestones`, { title: SECRET.M, dueDate: '2024-06-30' })).id;
  await assignAndSign('sup', 'lead', ids.T, T.version);
  ids.D = (await call('sup', 'POST /api/v1/programmes/:id/tasks', `/api/v1/programmes/${ids.P}/tasks`, { title: SECRET.D, leadUnitId: L })).id;
  const TQ = await call('osup', 'POST /api/v1/programmes/:id/tasks', `/api/v1/programmes/${ids.Q}/tasks`, { title: SECRET.TQ, leadUnitId: O, dueDate: '2024-12-31' });
  ids.TQ = TQ.id;
  await assignAndSign('osup', 'other', ids.TQ, TQ.version);
  ids.R = (await call('lead', 'POST /api/v1/tasks/:id/reports', `/api/v1/tasks/${ids.T}/reports`, { periodKey: '2024-05', progress: 10, text: SECRET.R })).id;
  ids.RC = (await call('co', 'POST /api/v1/tasks/:id/reports', `/api/v1/tasks/${ids.T}/reports`, { periodKey: '2024-05', progress: 10, text: SECRET.RC })).id;
  const body = multipart({ filename: SECRET.E, content: '证据正文\n' });
  const ev = await t.app.inject({ method: 'POST', url: `/api/v1/reports/${ids.R}/evidence`, headers: { ...as.lead.headers, ...body.headers }, payload: body.payload });
  ids.E = answer('POST /api/v1/reports/:id/evidence', ev).items[0]!.id;
  await call('leader', 'POST /api/v1/tasks/:id/instructions', `/api/v1/tasks/${ids.T}/instructions`, { text: SECRET.I });
  ids.unitL = L;
  ids.IND = (await call('sup', 'POST /api/v1/indicators', '/api/v1/indicators', { programmeId: ids.P, taskId: ids.T, name: '指标甲', unit: '公里', baseline: 0, target: 100, direction: 'at_least', period: 'quarter', responsibleUnitId: L, startDate: '2024-01-01', endDate: '2024-12-31' })).indicator.id;
  ids.ACT = (await call('lead', 'POST /api/v1/indicators/:id/actuals', `/api/v1/indicators/${ids.IND}/actuals`, { periodKey: '2024-Q1', value: 20 })).id;
  const iev = multipart({ filename: 'figure.txt', content: '台账\n' });
  ids.IEV = answer('POST /api/v1/indicator-actuals/:id/evidence', await t.app.inject({ method: 'POST', url: `/api/v1/indicator-actuals/${ids.ACT}/evidence`, headers: { ...as.lead.headers, ...iev.headers }, payload: iev.payload })).items[0]!.id;
  const docText = '一、加快建设现代化产业体系\n（一）推进新型工业化，加快传统产业转型升级。\n二、扩大有效需求\n（二）稳定和扩大消费。';
  ids.DOC = (await call('sup', 'POST /api/v1/documents/text', '/api/v1/documents/text', { text: docText })).document.id;
  ids.DR = (await call('sup', 'POST /api/v1/documents/:id/drafts', `/api/v1/documents/${ids.DOC}/drafts`, { title: SECRET.DR })).draft.id;
  await t.ctx.db.insertInto('programme_documents').values({ programme_id: ids.P, document_id: ids.DOC }).execute();
  ids.RCAMP = (await call('sup', 'POST /api/v1/relays', '/api/v1/relays', { documentId: ids.DOC, programmeId: ids.P })).id;
  ids.REL = (await call('lead', 'POST /api/v1/relays/:id/records', `/api/v1/relays/${ids.RCAMP}/records`, { meetingType: 'party_group', meetingDate: '2024-05-09', chair: '书记', attendeeCount: 9, minutes: SECRET.REL })).id;
  const relayFile = multipart({ filename: SECRET.RE, content: '传达附件正文\n' });
  const relayEv = await t.app.inject({ method: 'POST', url: `/api/v1/relays/records/${ids.REL}/evidence`, headers: { ...as.lead.headers, ...relayFile.headers }, payload: relayFile.payload });
  ids.RE = answer('POST /api/v1/relays/records/:id/evidence', relayEv).items[0]!.id;
  const ins = await call('sup', 'POST /api/v1/inspections', '/api/v1/inspections', { programmeId: ids.P, topic: SECRET.INS, kind: 'special', members: [{ userId: as.sup.user.id, team: '第一组' }], targetUnitIds: [L], targetTaskIds: [ids.T] });
  ids.INS = ins.id;
  await call('sup', 'POST /api/v1/inspections/:id/transitions', `/api/v1/inspections/${ids.INS}/transitions`, { action: 'start', version: ins.version });
  ids.F = (await call('sup', 'POST /api/v1/inspections/:id/findings', `/api/v1/inspections/${ids.INS}/findings`, { unitId: L, title: SECRET.F, severity: 'serious' })).id;
  const insFile = multipart({ filename: SECRET.IE, content: '督查附件正文\n' });
  const insEv = await t.app.inject({ method: 'POST', url: `/api/v1/inspections/${ids.INS}/evidence?kind=note&findingId=${ids.F}`, headers: { ...as.sup.headers, ...insFile.headers }, payload: insFile.payload });
  ids.IE = answer('POST /api/v1/inspections/:id/evidence', insEv).items[0]!.id;
  ids.leadToken = (await call('lead', 'POST /api/v1/me/tokens', '/api/v1/me/tokens', { name: 'lead script' })).record.id;
  ids.leadNotification = (await call('lead', 'GET /api/v1/notifications', '/api/v1/notifications')).items[0]!.id;
  ids.outboxRow = (await call('admin', 'GET /api/v1/outbox', '/api/v1/outbox')).items[0]!.id;
  return { ids, as, docText };
}

function matches(expected: string, status: number): boolean {
  if (expected === '2xx') return status >= 200 && status < 300;
  if (expected === 'pass') return ![401, 403, 404].includes(status);
  return Number(expected) === status;
}

describe.each(DIALECTS)('authorization matrix (%s)', (dialect) => {
  let t: TestApp;
  let w: World;
  const seen: Record<Persona, string[]> = Object.fromEntries(PERSONAS.map((p) => [p, []])) as unknown as Record<Persona, string[]>;

  beforeAll(async () => {
    t = await createTestApp(dialect, { clock: new TestClock(NOW) });
    current = t;
    w = await buildWorld(t);
  });
  afterAll(async () => t.close());

  it('declares a policy for every route the app has, and only for routes it has', () => {
    const routes = new Set(t.app.routeTable.map((r) => `${r.method} ${r.url}`));
    const declared = new Set(TABLE.map((p) => p.route));
    expect([...routes].filter((r) => !declared.has(r)).sort()).toEqual([]);
    expect([...declared].filter((r) => !routes.has(r) && !TABLE.find((p) => p.route === r)?.ifPresent).sort()).toEqual([]);
    for (const p of TABLE) expect({ route: p.route, n: p.expect.trim().split(/\s+/).length }).toEqual({ route: p.route, n: PERSONAS.length });
  });

  // Hundreds of probes per dialect: on a busy machine they take longer than the default 30 s.
  it('answers every route for every persona with the declared status', { timeout: 180_000 }, async () => {
    const mismatches: string[] = [];
    const routes = new Set(t.app.routeTable.map((r) => `${r.method} ${r.url}`));
    for (const probe of TABLE.filter((p) => routes.has(p.route))) {
      const expected = probe.expect.trim().split(/\s+/);
      for (const [i, who] of PERSONAS.entries()) {
        const [method, pattern] = probe.route.split(' ') as [string, string];
        const params = probe.params ? await probe.params(w, who) : {};
        let url = pattern.replace(/:(\w+)|\*/g, (m, name: string | undefined) => encodeURIComponent(params[name ?? '*'] ?? m)).replace(/%2F/g, '/');
        if (probe.query) url += `?${probe.query.replace(/\{(\w+)\}/g, (_, k: string) => w.ids[k]!)}`;
        const headers = probe.freshSession ? (await signIn(t.app, w.as[who].user)).headers : w.as[who].headers;
        let res;
        if (probe.upload) {
          const m = multipart({ filename: probe.upload.filename, content: probe.upload.content || w.docText });
          const payload = probe.upload.content === '' && probe.route.includes('evidence')
            ? multipart({ filename: probe.upload.filename, content: new Uint8Array() })
            : m;
          res = await t.app.inject({ method: method as 'POST', url, headers: { ...headers, ...payload.headers }, payload: payload.payload });
        } else {
          const body = probe.body?.(w);
          res = await t.app.inject({ method: method as 'GET', url, headers, ...(body === undefined ? {} : { payload: body as object }) });
        }
        seen[who].push(`${probe.route} → ${res.body}`);
        if (!matches(expected[i]!, res.statusCode)) mismatches.push(`${probe.route} [${url}] as ${who}: expected ${expected[i]}, got ${res.statusCode} ${res.body.slice(0, 160)}`);
        expect({ route: probe.route, who, status: res.statusCode }).not.toEqual({ route: probe.route, who, status: 500 });
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('never shows a persona the title or text of an object they may not see, in any response', () => {
    const leaks: string[] = [];
    for (const who of PERSONAS) {
      for (const key of INVISIBLE[who]) {
        const hit = seen[who].find((body) => body.includes(SECRET[key]));
        if (hit) leaks.push(`${who} saw ${key} in ${hit.slice(0, 200)}`);
      }
    }
    expect(seen.admin.length).toBeGreaterThan(TABLE.length - 1);
    expect(leaks).toEqual([]);
  });
});
