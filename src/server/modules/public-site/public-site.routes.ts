/**
 * The public site: no sign-in, server-rendered HTML that works without JavaScript, a JSON API and an Atom feed of
 * the same content, and the public evidence files. These paths are outside /api, so the auth hook lets them pass;
 * they read only the public read model (publication module), so nothing else can be reached through them.
 *
 * Caching: every answer carries an ETag derived from the publication's state key (publication version, programme
 * and task updates, unit names, lead decisions), the script and the language; If-None-Match answers 304.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/types.ts';
import { VERSION } from '../../version.ts';
import { findPublicProgramme, findPublicTask, findPublishedProgrammeOfTask, findServableEvidence, listPublicProgrammes, publicStateKey, publicStateKeyOfTask } from '../publication/index.ts';
import { AppError } from '../../platform/errors.ts';
import { challengeFor, countLeadAttempt, PHOTO_MAX_BYTES, submitLead } from '../leads/index.ts';
import { setStoredFileHeaders } from '../reports/index.ts';
import { leadError, readerOf, tr, type Reader, type Script } from './chrome.ts';
import { atomFeed } from './feed.ts';
import { notFoundPage, programmePage, programmesPage, STYLE_HASH, taskPage, thanksPage, type LeadForm } from './pages.ts';
import { convertDeep } from './convert.ts';

const SCRIPT_COOKIE = 'luoshi_script';
const LANG_COOKIE = 'luoshi_lang';
const YEAR = 365 * 24 * 3600;

/** The public pages' policy: no script at all, the one inline style sheet by hash, forms only to ourselves. */
export const PUBLIC_CSP = [
  "default-src 'none'",
  `style-src ${STYLE_HASH}`,
  "img-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
  "base-uri 'none'",
].join('; ');

const IdParam = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[0-9A-Za-z-]+$' }) });
const ReaderQuery = Type.Object({
  script: Type.Optional(Type.Union([Type.Literal('hans'), Type.Literal('hant')])),
  lang: Type.Optional(Type.Union([Type.Literal('zh'), Type.Literal('en')])),
});
type ReaderQuery = { script?: Script; lang?: 'zh' | 'en' };

/** Script and language from the query (then remembered in cookies), else the cookies, else Accept-Language. */
export function readerFor(req: FastifyRequest, reply: FastifyReply): Reader {
  const q = (req.query ?? {}) as ReaderQuery;
  const cookieOpts = { path: '/public', maxAge: YEAR, sameSite: 'lax' as const, httpOnly: true };
  if (q.script) void reply.setCookie(SCRIPT_COOKIE, q.script, cookieOpts);
  if (q.lang) void reply.setCookie(LANG_COOKIE, q.lang, cookieOpts);
  const accept = String(req.headers['accept-language'] ?? '').toLowerCase();
  const cookieScript = req.cookies[SCRIPT_COOKIE];
  const cookieLang = req.cookies[LANG_COOKIE];
  const script: Script = q.script ?? (cookieScript === 'hant' || cookieScript === 'hans' ? cookieScript : /zh-(tw|hk|mo|hant)/.test(accept) ? 'hant' : 'hans');
  const lang = q.lang ?? (cookieLang === 'en' || cookieLang === 'zh' ? cookieLang : accept.startsWith('en') ? 'en' : 'zh');
  return readerOf(script, lang);
}

function etagOf(parts: readonly string[]): string {
  return `W/"${createHash('sha256').update([VERSION, ...parts].join('\u0000')).digest('base64url').slice(0, 27)}"`;
}

/** Sets caching headers; true when the client's copy is current (the caller answers 304). */
function notModified(req: FastifyRequest, reply: FastifyReply, etag: string, shared: boolean): boolean {
  void reply.header('ETag', etag);
  void reply.header('Cache-Control', shared ? 'public, max-age=60, must-revalidate' : 'private, max-age=0, must-revalidate');
  void reply.header('Vary', 'Cookie, Accept-Language');
  const given = String(req.headers['if-none-match'] ?? '');
  return given.split(',').map((s) => s.trim()).includes(etag);
}

function sendHtml(reply: FastifyReply, status: number, body: string) {
  return reply.status(status).header('Content-Security-Policy', PUBLIC_CSP).type('text/html; charset=utf-8').send(body);
}

export function sendNotFound(req: FastifyRequest, reply: FastifyReply) {
  void reply.header('Cache-Control', 'no-cache');
  return sendHtml(reply, 404, notFoundPage(readerFor(req, reply)));
}

const hidden = { hide: true };

export async function publicSiteRoutes(app: App, ctx: AppContext): Promise<void> {
  // Registered after the app's own onSend hook, so the public pages' stricter policy is the one sent.
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.routeOptions.url?.startsWith('/public/')) {
      void reply.header('Content-Security-Policy', PUBLIC_CSP);
      void reply.header('X-Frame-Options', 'SAMEORIGIN');
    }
    return payload;
  });

  app.get('/public/programmes', { schema: { ...hidden, querystring: ReaderQuery } }, async (req, reply) => {
    const reader = readerFor(req, reply);
    const etag = etagOf(['list', await publicStateKey(ctx.db, null), reader.script, reader.lang]);
    if (notModified(req, reply, etag, true)) return reply.status(304).send();
    return sendHtml(reply, 200, programmesPage(reader, await listPublicProgrammes(ctx.db)));
  });

  app.get('/public/programmes/:id', { schema: { ...hidden, params: IdParam, querystring: ReaderQuery } }, async (req, reply) => {
    const reader = readerFor(req, reply);
    const key = await publicStateKey(ctx.db, req.params.id);
    const etag = etagOf(['programme', req.params.id, key, reader.script, reader.lang]);
    if (notModified(req, reply, etag, true)) return reply.status(304).send();
    const p = await findPublicProgramme(ctx.db, req.params.id);
    if (!p) return sendNotFound(req, reply);
    return sendHtml(reply, 200, programmePage(reader, p));
  });

  app.get('/public/api/programmes/:id.json', { schema: { ...hidden, params: IdParam, querystring: ReaderQuery } }, async (req, reply) => {
    const q = req.query as ReaderQuery;
    const key = await publicStateKey(ctx.db, req.params.id);
    const etag = etagOf(['json', req.params.id, key, q.script ?? 'original']);
    if (notModified(req, reply, etag, true)) return reply.status(304).send();
    const p = await findPublicProgramme(ctx.db, req.params.id);
    if (!p) return reply.status(404).header('Cache-Control', 'no-cache').send({ error: { code: 'programme_not_found', message: 'No published programme with this id' } });
    return reply.header('Access-Control-Allow-Origin', '*').send(q.script ? convertDeep(p, q.script) : p);
  });

  app.get('/public/programmes/:id/feed.atom', { schema: { ...hidden, params: IdParam, querystring: ReaderQuery } }, async (req, reply) => {
    const reader = readerFor(req, reply);
    const key = await publicStateKey(ctx.db, req.params.id);
    const etag = etagOf(['feed', req.params.id, key, reader.script]);
    if (notModified(req, reply, etag, true)) return reply.status(304).send();
    const p = await findPublicProgramme(ctx.db, req.params.id);
    if (!p) return sendNotFound(req, reply);
    return reply.type('application/atom+xml; charset=utf-8').send(atomFeed(reader, p, ctx.config.publicUrl));
  });

  app.get('/public/tasks/:id', { schema: { ...hidden, params: IdParam, querystring: ReaderQuery } }, async (req, reply) => {
    const reader = readerFor(req, reply);
    const key = await publicStateKeyOfTask(ctx.db, req.params.id);
    if (key === null) return sendNotFound(req, reply);
    // The page carries this visitor's own signed challenge, valid for hours: cached privately, revalidated hourly.
    const hour = Math.floor(ctx.clock.now().getTime() / 3_600_000);
    const etag = etagOf(['task', req.params.id, key, reader.script, reader.lang, String(hour)]);
    if (notModified(req, reply, etag, false)) return reply.status(304).send();
    const x = await findPublicTask(ctx.db, req.params.id);
    if (!x) return sendNotFound(req, reply);
    return sendHtml(reply, 200, taskPage(reader, x, await formFor(req.params.id)));
  });

  const formFor = async (taskId: string, extra: Partial<LeadForm> = {}): Promise<LeadForm> => ({ ...(await challengeFor(ctx, taskId)), maxMb: PHOTO_MAX_BYTES / 1024 / 1024, ...extra });

  // The lead form posts here (multipart, so the photo can come along); success redirects to a thank-you page.
  app.post('/public/tasks/:id/leads', { schema: { ...hidden, params: IdParam } }, async (req, reply) => {
    const reader = readerFor(req, reply);
    const taskId = req.params.id;
    void reply.header('Cache-Control', 'no-store');
    const values: Record<string, string> = {};
    const refuse = async (status: number, message: string) => {
      const x = await findPublicTask(ctx.db, taskId);
      if (!x) return sendNotFound(req, reply);
      const form = await formFor(taskId, { error: message, values: { what: values.what ?? '', place: values.place ?? '', contact: values.contact ?? '' } });
      return sendHtml(reply, status, taskPage(reader, x, form));
    };
    try {
      if (!(await findPublishedProgrammeOfTask(ctx.db, taskId))) return sendNotFound(req, reply);
      // Counted before the body is read or the challenge checked: wrong answers and junk use up the allowance too.
      await countLeadAttempt(ctx, taskId, req.ip);
      if (!req.isMultipart()) return await refuse(400, leadError(reader, 'invalid_form'));
      let photo: Buffer | null = null;
      for await (const part of req.parts({ limits: { fileSize: PHOTO_MAX_BYTES, files: 1, fields: 10, fieldSize: 16 * 1024 } })) {
        if (part.type === 'file') {
          if (part.fieldname === 'photo') photo = await part.toBuffer();
          else part.file.resume();
        } else if (typeof part.value === 'string' && ['what', 'place', 'contact', 'challenge', 'answer'].includes(part.fieldname)) {
          values[part.fieldname] = part.value;
        }
      }
      await submitLead(ctx, { taskId, what: values.what ?? '', place: values.place ?? '', contact: values.contact ?? null, photo, challenge: values.challenge ?? '', answer: values.answer ?? '' });
      return reply.redirect(`/public/tasks/${encodeURIComponent(taskId)}/leads/thanks`, 303);
    } catch (err) {
      if (err instanceof AppError) {
        if (err.status === 404) return sendNotFound(req, reply);
        if (err.status === 429) {
          const seconds = Number(err.details?.retryAfterSeconds ?? 60);
          void reply.header('Retry-After', String(seconds));
          return refuse(429, tr(reader, 'tooMany', { minutes: Math.ceil(seconds / 60) }));
        }
        return refuse(err.status, leadError(reader, err.code, typeof err.details?.field === 'string' ? err.details.field : undefined));
      }
      const code = (err as { code?: string }).code;
      if (code === 'FST_REQ_FILE_TOO_LARGE') return refuse(413, leadError(reader, 'payload_too_large'));
      if (typeof code === 'string' && code.startsWith('FST_')) return refuse(400, leadError(reader, 'invalid_form'));
      throw err;
    }
  });

  app.get('/public/tasks/:id/leads/thanks', { schema: { ...hidden, params: IdParam, querystring: ReaderQuery } }, async (req, reply) => {
    const reader = readerFor(req, reply);
    if (!(await findPublishedProgrammeOfTask(ctx.db, req.params.id))) return sendNotFound(req, reply);
    void reply.header('Cache-Control', 'no-store');
    return sendHtml(reply, 200, thanksPage(reader, req.params.id));
  });

  app.get('/public/evidence/:id', { schema: { ...hidden, params: IdParam } }, async (req, reply) => {
    const e = await findServableEvidence(ctx.db, req.params.id);
    if (!e || !(await ctx.blobs.has(e.sha256))) return sendNotFound(req, reply);
    const etag = `"${e.sha256}"`;
    if (notModified(req, reply, etag, true)) return reply.status(304).send();
    // Missing bytes are a plain 404 page here (checked above): the public side names no fault of the server's.
    return setStoredFileHeaders(reply, e).send(ctx.blobs.stream(e.sha256));
  });

  app.get('/public/*', { schema: hidden }, async (req, reply) => sendNotFound(req, reply));
}
