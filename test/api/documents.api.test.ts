import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer, createTestApp, json, type TestApp } from '../support/harness.ts';
import { signedInUser, type SignedIn } from '../support/factories.ts';
import { multipart } from '../support/multipart.ts';

const REFERENCE = readFileSync(resolve(import.meta.dirname, '../../demo/wuhan-plenary-communique-2023-12-28.txt'));


describe('documents (API)', () => {
  let t: TestApp;
  let supervisor: SignedIn;
  let liaison: SignedIn;
  beforeAll(async () => {
    t = await createTestApp('sqlite', { config: { uploadLimitBytes: 64 * 1024 } });
    supervisor = await signedInUser(t.app, t.ctx, ['supervisor']);
    liaison = await signedInUser(t.app, t.ctx, ['liaison']);
  });
  afterAll(async () => t.close());

  const upload = (who: SignedIn, filename: string, content: Uint8Array | string) => {
    const mp = multipart({ filename, content });
    return t.app.inject({ method: 'POST', url: '/api/v1/documents', headers: { ...who.headers, ...mp.headers }, payload: mp.payload });
  };

  it('forbids import to roles without document.import', async () => {
    const res = await upload(liaison, 'a.txt', '一要加快发展。');
    expect(res.statusCode).toBe(403);
  });

  it('refuses empty, binary, oversized and non-multipart uploads with clear messages', async () => {
    const empty = await upload(supervisor, 'empty.txt', '');
    expect(empty.statusCode).toBe(422);
    expect(json(empty)).toMatchObject({ error: { code: 'empty_document' } });
    const png = await upload(supervisor, 'scan.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]));
    expect(png.statusCode).toBe(415);
    const big = await upload(supervisor, 'big.txt', '发展'.repeat(40_000));
    expect(big.statusCode).toBe(413);
    expect(json(big)).toMatchObject({ error: { code: 'payload_too_large' } });
    const notMultipart = await t.app.inject({ method: 'POST', url: '/api/v1/documents', headers: supervisor.headers, payload: { text: 'x' } });
    expect(notMultipart.statusCode).toBe(400);
    expect(json(notMultipart)).toMatchObject({ error: { code: 'multipart_required' } });
  });

  it('imports the reference communiqué, keeps the original bytes, and refuses the same file twice', async () => {
    const res = await upload(supervisor, 'communique.txt', REFERENCE);
    expect(res.statusCode).toBe(201);
    const body = answer('POST /api/v1/documents', res);
    expect(body.document).toMatchObject({ date: '2023-12-28', script: 'hant', format: 'txt' });
    expect(body.document.title).toContain('第六次全體會議公報');
    expect(body.items).toBeGreaterThan(0);
    const original = await t.app.inject({ method: 'GET', url: `/api/v1/documents/${body.document.id}/original`, headers: supervisor.headers });
    expect(original.statusCode).toBe(200);
    expect(original.rawPayload.equals(REFERENCE)).toBe(true);
    const again = await upload(supervisor, 'copy.txt', REFERENCE);
    expect(again.statusCode).toBe(409);
    expect(json(again)).toMatchObject({ error: { code: 'document_exists', details: { documentId: body.document.id } } });
    const audit = await t.ctx.db.selectFrom('audit_events').select(['action', 'actor_id']).where('object_id', '=', body.document.id).execute();
    expect(audit).toEqual([{ action: 'document.imported', actor_id: supervisor.user.id }]);

    const decomposition = await t.app.inject({ method: 'GET', url: `/api/v1/documents/${body.document.id}/decomposition`, headers: liaison.headers });
    const d = answer('GET /api/v1/documents/:id/decomposition', decomposition);
    expect(d.items.length).toBe(body.items);
  });

  it('finds a document by a query in either script', async () => {
    const list = async (q: string) => answer('GET /api/v1/documents', await t.app.inject({ method: 'GET', url: `/api/v1/documents?q=${encodeURIComponent(q)}`, headers: liaison.headers })).items;
    expect((await list('武鄂黄黄')).length).toBe(1); // Simplified query, Traditional text (武鄂黃黃)
    expect((await list('都市圈同城一體化')).length).toBe(1);
    expect((await list('不存在的提法')).length).toBe(0);
    expect((await list('100%_')).length).toBe(0);
  });

  it('imports a GB18030 file and a Big5 file with their encodings detected', async () => {
    const simplified = '关于推进城市更新的实施方案\n一、总体要求\n（一）加快推进老旧小区改造，2025年底前完成改造300个。\n（二）持续提升城市生态品质。\n';
    const gb = await upload(supervisor, 'plan-gb.txt', iconv.encode(simplified, 'gb18030'));
    expect(gb.statusCode).toBe(201);
    expect(answer('POST /api/v1/documents', gb).document.encoding).toBe('gb18030');
    const traditional = '關於推進城市更新的實施方案\n一、總體要求\n（一）加快推進老舊小區改造，2025年底前完成改造300個。\n（二）持續提升城市生態品質。\n';
    const big5 = await upload(supervisor, 'plan-big5.txt', iconv.encode(traditional, 'big5'));
    expect(big5.statusCode).toBe(201);
    const doc = answer('POST /api/v1/documents', big5).document;
    expect(doc.encoding).toMatch(/big5/i);
    const full = answer('GET /api/v1/documents/:id', await t.app.inject({ method: 'GET', url: `/api/v1/documents/${doc.id}`, headers: supervisor.headers }));
    expect(full.text).toBe(traditional);
  });

  it('reads a document in either script with spans still aligned, and takes the title field after the file', async () => {
    const mp = multipart({ filename: 'late-title.txt', content: '一要加快發展數字經濟。二要堅持擴大內需。' }, { title: '后置标题' }, 'file-first');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/documents', headers: { ...supervisor.headers, ...mp.headers }, payload: mp.payload });
    expect(res.statusCode).toBe(201);
    expect(answer('POST /api/v1/documents', res).document.title).toBe('后置标题');
    const id = answer('POST /api/v1/documents', res).document.id;
    const hans = answer('GET /api/v1/documents/:id/text', await t.app.inject({ method: 'GET', url: `/api/v1/documents/${id}/text?script=hans`, headers: liaison.headers }));
    expect(hans).toEqual({ script: 'hans', text: '一要加快发展数字经济。二要坚持扩大内需。', aligned: true });
    const bad = await t.app.inject({ method: 'GET', url: `/api/v1/documents/${id}/text?script=latin`, headers: liaison.headers });
    expect(bad.statusCode).toBe(400);
  });

  it('imports pasted text', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/documents/text', headers: supervisor.headers, payload: { text: '一要加快建设国际消费中心城市。二要持续推进长江大保护。', title: '粘贴的文件' } });
    expect(res.statusCode).toBe(201);
    expect(answer('POST /api/v1/documents/text', res).document.title).toBe('粘贴的文件');
  });

  it('answers 404 for an unknown document', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/documents/nope', headers: liaison.headers });
    expect(res.statusCode).toBe(404);
    expect(json(res)).toMatchObject({ error: { code: 'document_not_found' } });
  });
});
