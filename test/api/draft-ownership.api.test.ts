import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer, createTestApp, json, type TestApp, type ErrorBody } from '../support/harness.ts';
import { buildUnit, buildUser, signIn, type SignedIn } from '../support/factories.ts';


const TEXT = '一、加快建设现代化产业体系\n（一）推进新型工业化。加快传统产业转型升级。\n二、扩大有效需求\n（二）稳定和扩大消费。';

// A draft is its author's work until published: another supervisor must not read it, edit it, publish it or take the
// programme it becomes away from its author.
describe('draft programmes belong to their author and the supervisors of the programme they publish into', () => {
  let t: TestApp;
  let author: SignedIn;
  let rival: SignedIn;
  let colleague: SignedIn;
  let documentId: string;

  beforeAll(async () => {
    t = await createTestApp('sqlite');
    await buildUnit(t.ctx);
    author = await signIn(t.app, await buildUser(t.ctx, { roles: ['supervisor'] }));
    rival = await signIn(t.app, await buildUser(t.ctx, { roles: ['supervisor'] }));
    colleague = await signIn(t.app, await buildUser(t.ctx, { roles: ['supervisor'] }));
    documentId = answer('POST /api/v1/documents/text', await t.app.inject({ method: 'POST', url: '/api/v1/documents/text', headers: author.headers, payload: { text: TEXT } })).document.id;
  });
  afterAll(async () => t.close());

  const newDraft = async (who: SignedIn) => answer('POST /api/v1/documents/:id/drafts', await t.app.inject({ method: 'POST', url: `/api/v1/documents/${documentId}/drafts`, headers: who.headers, payload: {} })).draft;

  it('hides another supervisor’s draft: read, list, edit, publish and discard all answer 404', async () => {
    const d = await newDraft(author);
    const missing = '00000000-0000-7000-8000-000000000000';
    const tries = (id: string) => [
      t.app.inject({ method: 'GET', url: `/api/v1/drafts/${id}`, headers: rival.headers }),
      t.app.inject({ method: 'POST', url: `/api/v1/drafts/${id}/operations`, headers: rival.headers, payload: { version: 1, operations: [] } }),
      t.app.inject({ method: 'POST', url: `/api/v1/drafts/${id}/publish`, headers: rival.headers, payload: { version: 1, supervisorIds: [rival.user.id] } }),
      t.app.inject({ method: 'DELETE', url: `/api/v1/drafts/${id}?version=1`, headers: rival.headers }),
    ];
    const real = await Promise.all(tries(d.id));
    const none = await Promise.all(tries(missing));
    for (const [i, r] of real.entries()) {
      expect({ i, status: r.statusCode, code: json<ErrorBody>(r).error.code }).toEqual({ i, status: 404, code: 'draft_not_found' });
      expect(json<ErrorBody>(r)).toEqual(json<ErrorBody>(none[i]!));
    }
    const list = answer('GET /api/v1/drafts', await t.app.inject({ method: 'GET', url: '/api/v1/drafts', headers: rival.headers }));
    expect(list.items.map((x) => x.id)).not.toContain(d.id);
    const own = answer('GET /api/v1/drafts', await t.app.inject({ method: 'GET', url: '/api/v1/drafts', headers: author.headers }));
    expect(own.items.map((x) => x.id)).toContain(d.id);
    // Nothing changed: the author still finds the draft open at its first version.
    const still = answer('GET /api/v1/drafts/:id', await t.app.inject({ method: 'GET', url: `/api/v1/drafts/${d.id}`, headers: author.headers }));
    expect(still.draft).toMatchObject({ status: 'open', version: 1 });
  });

  it('publishes with the author as supervisor unless supervisors are named explicitly', async () => {
    const d = await newDraft(author);
    const stale = await t.app.inject({ method: 'POST', url: `/api/v1/drafts/${d.id}/publish`, headers: author.headers, payload: { version: 7 } });
    expect(json<ErrorBody>(stale).error).toMatchObject({ code: 'version_conflict', details: { currentVersion: 1 } });
    const published = await t.app.inject({ method: 'POST', url: `/api/v1/drafts/${d.id}/publish`, headers: author.headers, payload: { version: 1 } });
    expect(published.statusCode).toBe(201);
    const { programmeId } = answer('POST /api/v1/drafts/:id/publish', published);
    const programme = answer('GET /api/v1/programmes/:id', await t.app.inject({ method: 'GET', url: `/api/v1/programmes/${programmeId}`, headers: author.headers }));
    expect(programme.supervisorIds).toEqual([author.user.id]);
    // The rival may not even see it.
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/programmes/${programmeId}`, headers: rival.headers })).statusCode).toBe(404);

    // A supervisor added to the programme later reads the draft it came from.
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/drafts/${d.id}`, headers: colleague.headers })).statusCode).toBe(404);
    const patched = await t.app.inject({ method: 'PATCH', url: `/api/v1/programmes/${programmeId}`, headers: author.headers, payload: { version: 1, supervisorIds: [author.user.id, colleague.user.id] } });
    expect(patched.statusCode).toBe(200);
    const seen = await t.app.inject({ method: 'GET', url: `/api/v1/drafts/${d.id}`, headers: colleague.headers });
    expect(seen.statusCode).toBe(200);
    expect(answer('GET /api/v1/drafts/:id', seen).draft).toMatchObject({ status: 'published', programmeId });
  });

  it('hands the new programme to others only when the author names them', async () => {
    const d = await newDraft(author);
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/drafts/${d.id}/publish`, headers: author.headers, payload: { version: 1, supervisorIds: [colleague.user.id] } });
    expect(res.statusCode).toBe(201);
    const { programmeId } = answer('POST /api/v1/drafts/:id/publish', res);
    const programme = answer('GET /api/v1/programmes/:id', await t.app.inject({ method: 'GET', url: `/api/v1/programmes/${programmeId}`, headers: colleague.headers }));
    expect(programme.supervisorIds).toEqual([colleague.user.id]);
  });
});
