/**
 * What the public sees, and what it never sees. Every field of every public JSON answer is checked against an
 * allow-list (a new field fails until it is added here on purpose), and every public answer — JSON, HTML pages,
 * the feed, the 404 page — is searched for staff names, unaccepted or returned report texts, co-unit parts,
 * instructions and private evidence, seeded with marker strings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicProgramme } from '../../src/contract/publication.ts';
import { answer, createTestApp, json, TestClock, type TestApp, type ErrorBody } from '../support/harness.ts';
import { buildPublicWorld, NEVER_PUBLIC, PUBLIC_TEXT, type PublicWorld } from '../support/public-world.ts';


/** Every key path a public answer may have; `[]` stands for any array index. */
const PROGRAMME_FIELDS = [
  'id', 'title', 'description', 'publishedAt', 'updatedAt', 'areas', 'areas[]',
  'areas[].id', 'areas[].label', 'areas[].title', 'areas[].tasks', 'areas[].tasks[]',
  ...['id', 'areaId', 'parentId', 'label', 'title', 'leadUnit', 'dueDate', 'state', 'health', 'healthReason', 'progress', 'closedAt', 'updatedAt', 'updates', 'leads'].map((k) => `areas[].tasks[].${k}`),
  'areas[].tasks[].healthReason.zh-Hans', 'areas[].tasks[].healthReason.zh-Hant', 'areas[].tasks[].healthReason.en',
  'areas[].tasks[].updates[]',
  ...['id', 'taskId', 'periodKey', 'acceptedAt', 'progress', 'text', 'evidence'].map((k) => `areas[].tasks[].updates[].${k}`),
  'areas[].tasks[].updates[].evidence[]',
  ...['id', 'filename', 'mediaType', 'byteSize', 'url'].map((k) => `areas[].tasks[].updates[].evidence[].${k}`),
  'areas[].tasks[].leads[]',
  ...['id', 'acceptedAt', 'rectification'].map((k) => `areas[].tasks[].leads[].${k}`),
  ...['taskId', 'title', 'state', 'dueDate', 'progress', 'closedAt'].map((k) => `areas[].tasks[].leads[].rectification.${k}`),
];

/** The key paths of a JSON value, array indices collapsed to `[]`. */
export function keyPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return [`${prefix}[]`, ...value.flatMap((v) => keyPaths(v, `${prefix}[]`))].filter((p) => p !== '[]');
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => {
      const path = prefix ? `${prefix}.${k}` : k;
      return [path, ...keyPaths(v, path)];
    });
  }
  return [];
}

function leaks(body: string): string[] {
  return Object.entries(NEVER_PUBLIC).filter(([, marker]) => body.includes(marker)).map(([k]) => k);
}

describe('public content (API)', () => {
  let t: TestApp;
  let w: PublicWorld;
  const publicBodies: string[] = [];

  beforeAll(async () => {
    t = await createTestApp('sqlite', { clock: new TestClock(new Date('2024-05-10T02:00:00.000Z')) });
    w = await buildPublicWorld(t);
  });
  afterAll(async () => t.close());

  const get = async (url: string, headers: Record<string, string> = {}) => {
    const res = await t.app.inject({ method: 'GET', url, headers });
    publicBodies.push(`${url} → ${res.body}`);
    return res;
  };
  const audit = async (objectId: string) => (await t.ctx.db.selectFrom('audit_events').select('action').where('object_id', '=', objectId).orderBy('seq').execute()).map((r) => r.action);

  it('refuses publishing and marking to anyone but the programme’s supervisors, and marking anything but an accepted lead-unit report', async () => {
    const pub = (who: PublicWorld['sup'], method: 'POST' | 'DELETE' = 'POST') => t.app.inject({ method, url: `/api/v1/programmes/${w.programmeId}/publication`, headers: who.headers });
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/programmes/${w.programmeId}/publication` })).statusCode).toBe(401);
    expect((await pub(w.viewer)).statusCode).toBe(403);
    expect((await pub(w.leader)).statusCode).toBe(403);
    expect((await pub(w.lead)).statusCode).toBe(403);
    expect(json<ErrorBody>(await pub(w.osup)).error.code).toBe('programme_not_found');
    expect(json<ErrorBody>(await pub(w.sup, 'DELETE')).error.code).toBe('not_published');
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/programmes/${w.programmeId}/publication/preview`, headers: w.leader.headers })).statusCode).toBe(403);

    const mark = (who: PublicWorld['sup'], reportId: string, value: unknown = true) => t.app.inject({ method: 'POST', url: `/api/v1/reports/${reportId}/publicity`, headers: who.headers, payload: { public: value } });
    expect((await mark(w.sup, w.reports.accepted, 'yes')).statusCode).toBe(400);
    expect((await mark(w.lead, w.reports.accepted)).statusCode).toBe(403);
    expect((await mark(w.osup, w.reports.accepted)).statusCode).toBe(404);
    expect(json<ErrorBody>(await mark(w.sup, w.reports.returned)).error.code).toBe('report_not_accepted');
    expect(json<ErrorBody>(await mark(w.sup, w.reports.draft)).error.code).toBe('report_not_accepted');
    expect(json<ErrorBody>(await mark(w.sup, w.reports.submitted)).error.code).toBe('report_not_accepted');
    expect(json<ErrorBody>(await mark(w.sup, w.reports.coAccepted)).error.code).toBe('report_not_lead_unit');

    // Not published yet: the public pages do not know the programme.
    expect((await get(`/public/programmes/${w.programmeId}`)).statusCode).toBe(404);
    expect((await get(`/public/api/programmes/${w.programmeId}.json`)).statusCode).toBe(404);
    expect((await get(`/public/tasks/${w.taskId}`)).statusCode).toBe(404);
  });

  it('publishes, marks a report and one evidence file public, and audits each step', async () => {
    const marked = await t.app.inject({ method: 'POST', url: `/api/v1/reports/${w.reports.accepted}/publicity`, headers: w.sup.headers, payload: { public: true } });
    expect(marked.statusCode).toBe(200);
    expect(answer('POST /api/v1/reports/:id/publicity', marked)).toMatchObject({ id: w.reports.accepted, public: true });
    const ev = await t.app.inject({ method: 'POST', url: `/api/v1/evidence/${w.evidence.public}/publicity`, headers: w.sup.headers, payload: { public: true } });
    expect(ev.statusCode).toBe(200);
    const published = await t.app.inject({ method: 'POST', url: `/api/v1/programmes/${w.programmeId}/publication`, headers: w.sup.headers });
    expect(published.statusCode).toBe(200);
    expect(answer('POST /api/v1/programmes/:id/publication', published)).toMatchObject({ published: true, publicReportIds: [w.reports.accepted], publicEvidenceIds: [w.evidence.public], abilities: { publish: false, withdraw: true } });
    expect(json<ErrorBody>(await t.app.inject({ method: 'POST', url: `/api/v1/programmes/${w.programmeId}/publication`, headers: w.sup.headers })).error.code).toBe('already_published');
    expect(await audit(w.programmeId)).toContain('programme.published');
    expect(await audit(w.reports.accepted)).toContain('report.made_public');
    expect(await audit(w.evidence.public)).toContain('evidence.made_public');
  });

  it('answers the public JSON with allow-listed fields only, identical to the supervisors’ preview', async () => {
    const res = await get(`/public/api/programmes/${w.programmeId}.json`);
    expect(res.statusCode).toBe(200);
    const body = json<PublicProgramme>(res);
    const unexpected = [...new Set(keyPaths(body))].filter((p) => !PROGRAMME_FIELDS.includes(p));
    expect(unexpected).toEqual([]);
    const preview = await t.app.inject({ method: 'GET', url: `/api/v1/programmes/${w.programmeId}/publication/preview`, headers: w.sup.headers });
    expect(answer('GET /api/v1/programmes/:id/publication/preview', preview)).toEqual(body);
    const task = body.areas[0]!.tasks[0]!;
    expect(task).toMatchObject({ id: w.taskId, title: PUBLIC_TEXT.title, leadUnit: expect.stringContaining(PUBLIC_TEXT.unit), dueDate: '2024-12-31' });
    expect(task.updates.map((u) => u.text)).toEqual([PUBLIC_TEXT.report]);
    expect(task.updates[0]!.evidence.map((e) => e.filename)).toEqual([PUBLIC_TEXT.evidence]);
  });

  it('serves the pages, the feed and the list without a single internal fact', async () => {
    const pages = [
      '/public/programmes',
      `/public/programmes/${w.programmeId}`,
      `/public/programmes/${w.programmeId}?script=hant`,
      `/public/programmes/${w.programmeId}?lang=en`,
      `/public/tasks/${w.taskId}`,
      `/public/programmes/${w.programmeId}/feed.atom`,
      `/public/api/programmes/${w.programmeId}.json?script=hant`,
    ];
    for (const url of pages) {
      const res = await get(url);
      expect({ url, status: res.statusCode }).toEqual({ url, status: 200 });
    }
    const page = await get(`/public/tasks/${w.taskId}`);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(page.headers['content-security-policy']).not.toMatch(/script-src|unsafe-inline/);
    expect(page.body).toContain(PUBLIC_TEXT.report);
    expect(page.body).toMatch(/<main id="main">/);
    const feed = await get(`/public/programmes/${w.programmeId}/feed.atom`);
    expect(feed.headers['content-type']).toMatch(/application\/atom\+xml/);
    expect(feed.body).toContain(`urn:luoshi:report:${w.reports.accepted}`);
    // The hidden draft task, unknown ids and paths answer the same 404 page.
    for (const url of [`/public/tasks/${w.reports.draft}`, '/public/programmes/nope', '/public/anything/else']) expect((await get(url)).statusCode).toBe(404);
    const all = publicBodies.join('\n');
    expect(leaks(all)).toEqual([]);
    for (const id of [w.sup.user.id, w.lead.user.id, w.leader.user.id]) expect(all).not.toContain(id);
  });

  it('converts the content to the chosen script and remembers the choice in a cookie', async () => {
    const hant = await get(`/public/programmes/${w.programmeId}?script=hant`);
    expect(hant.body).toContain('推進老舊小區改造');
    expect(hant.body).toContain('lang="zh-Hant"');
    const cookie = hant.cookies.find((c) => c.name === 'luoshi_script');
    expect(cookie?.value).toBe('hant');
    const again = await get(`/public/programmes/${w.programmeId}`, { cookie: 'luoshi_script=hant' });
    expect(again.body).toContain('推進老舊小區改造');
    const en = await get(`/public/programmes/${w.programmeId}?lang=en&script=hans`);
    expect(en.body).toContain('Lead unit');
    expect(en.body).toContain(PUBLIC_TEXT.title);
  });

  it('revalidates with ETag: 304 while nothing changed, a new ETag once something public changes', async () => {
    const url = `/public/programmes/${w.programmeId}`;
    const first = await get(url);
    const etag = String(first.headers.etag);
    expect(first.headers['cache-control']).toBe('public, max-age=60, must-revalidate');
    const again = await get(url, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const jsonEtag = String((await get(`/public/api/programmes/${w.programmeId}.json`)).headers.etag);
    await t.app.inject({ method: 'POST', url: `/api/v1/reports/${w.reports.accepted2}/publicity`, headers: w.sup.headers, payload: { public: true } });
    const changed = await get(url, { 'if-none-match': etag });
    expect(changed.statusCode).toBe(200);
    expect((await get(`/public/tasks/${w.taskId}`)).body).toContain('第二次公开的进展PUB2Q');
    expect(String((await get(`/public/api/programmes/${w.programmeId}.json`, { 'if-none-match': jsonEtag })).statusCode)).toBe('200');
  });

  it('serves only public evidence of a public, accepted report', async () => {
    const ok = await get(`/public/evidence/${w.evidence.public}`);
    expect(ok.statusCode).toBe(200);
    // The headers of every evidence download: an attachment under a safe name, never sniffed.
    expect(ok.headers['content-disposition']).toMatch(/^attachment; filename="[^"]*"; filename\*=UTF-8''/);
    expect(ok.headers['x-content-type-options']).toBe('nosniff');
    expect(Number(ok.headers['content-length'])).toBe(ok.rawPayload.length);
    expect((await get(`/public/evidence/${w.evidence.private}`)).statusCode).toBe(404);
    await t.app.inject({ method: 'POST', url: `/api/v1/reports/${w.reports.accepted}/publicity`, headers: w.sup.headers, payload: { public: false } });
    expect((await get(`/public/evidence/${w.evidence.public}`)).statusCode).toBe(404);
    expect(await audit(w.reports.accepted)).toContain('report.made_private');
    await t.app.inject({ method: 'POST', url: `/api/v1/reports/${w.reports.accepted}/publicity`, headers: w.sup.headers, payload: { public: true } });
    expect((await get(`/public/evidence/${w.evidence.public}`)).statusCode).toBe(200);
  });

  it('takes everything off the public pages on withdrawal', async () => {
    const res = await t.app.inject({ method: 'DELETE', url: `/api/v1/programmes/${w.programmeId}/publication`, headers: w.sup.headers });
    expect(res.statusCode).toBe(200);
    expect(answer('DELETE /api/v1/programmes/:id/publication', res)).toMatchObject({ published: false });
    expect(await audit(w.programmeId)).toContain('programme.withdrawn');
    for (const url of [`/public/programmes/${w.programmeId}`, `/public/tasks/${w.taskId}`, `/public/evidence/${w.evidence.public}`, `/public/api/programmes/${w.programmeId}.json`]) {
      expect({ url, status: (await get(url)).statusCode }).toEqual({ url, status: 404 });
    }
    expect((await get('/public/programmes')).body).not.toContain(PUBLIC_TEXT.programme);
    await t.app.inject({ method: 'POST', url: `/api/v1/programmes/${w.programmeId}/publication`, headers: w.sup.headers });
  });
});
