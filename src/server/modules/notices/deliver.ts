/**
 * Delivery of the outbox: e-mail over SMTP and webhooks over HTTP. Each row is claimed with a conditional update
 * before it is sent, so two instances never send the same row; a failed send is retried with backoff until the
 * retry schedule gives up and the row is dead (an administrator may requeue it).
 *
 * Guarantee: a notice exists exactly once (the unique key), and each of its deliveries is sent at least once. A
 * process that dies after the mail server or webhook accepted a message but before the row was marked sent will
 * have it sent again once the lease expires; the message carries a stable id (Message-ID, X-Luoshi-Delivery) so a
 * receiver can tell.
 */
import { createTransport, type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { randomUUID } from 'node:crypto';
import { retryDelayMs, type WebhookFormat } from '../../../core/notices/index.ts';
import type { WebhookRequest } from './webhook-signing.ts';
import type { SmtpConfig } from '../../platform/config.ts';
import type { AppContext } from '../../platform/context.ts';
import { yieldToEventLoop } from '../../platform/event-loop.ts';
import { emailContent, noticeLocale, noticeWebhookRequest } from './notice-text.ts';
import { findNotice } from './notices.repository.ts';
import * as outbox from './outbox.repository.ts';
import type { OutboxOutcome, OutboxRecord } from './outbox.repository.ts';
import { findWebhook } from './webhooks.repository.ts';

export interface DeliverOptions {
  /** Most rows sent in one run (default 200), so one run of the scheduler stays bounded. */
  limit?: number;
  /** Stops claiming new rows (the scheduler aborts it on shutdown); rows already claimed are finished. */
  signal?: AbortSignal;
  /** Randomness for the retry jitter; injected so tests are deterministic. */
  random?: () => number;
  /** How long a claim lasts; must exceed the slowest send (default 5 minutes). */
  leaseMs?: number;
  /** Webhook request timeout (default 10 s). */
  webhookTimeoutMs?: number;
}

export interface DeliverResult {
  sent: number;
  /** Failed and scheduled for another attempt. */
  retrying: number;
  /** Failed for good (retries exhausted, or the webhook is gone). */
  dead: number;
  /** Claims lost to another instance after a lease expired mid-send. */
  lost: number;
}

const DEFAULT_LEASE_MS = 5 * 60_000;
const DEFAULT_WEBHOOK_TIMEOUT_MS = 10_000;

// ---------------------------------------------------------------------------------------------------------------
// Transports: built once per context (and rebuilt if the SMTP settings object is replaced), closed by the scheduler.

type Mailer = Transporter<SMTPTransport.SentMessageInfo, SMTPTransport.Options>;
// Keyed by context rather than held in a module variable: each app instance (and each test) has its own.
const mailers = new WeakMap<AppContext, { smtp: SmtpConfig; transporter: Mailer }>();

function mailerFor(ctx: AppContext): Mailer | null {
  const smtp = ctx.config.smtp;
  if (!smtp) return null;
  const cached = mailers.get(ctx);
  if (cached && cached.smtp === smtp) return cached.transporter;
  cached?.transporter.close();
  const transporter = createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
    // A mail server that accepts the connection and then hangs must not hold the lease past its end.
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  });
  mailers.set(ctx, { smtp, transporter });
  return transporter;
}

/** Closes the context's SMTP transport; the next delivery builds a new one. */
export function closeNoticeTransports(ctx: AppContext): void {
  mailers.get(ctx)?.transporter.close();
  mailers.delete(ctx);
}

// ---------------------------------------------------------------------------------------------------------------
// Webhook HTTP

export interface WebhookResponse {
  ok: boolean;
  /** HTTP status, or null when no response came (refused, timed out). */
  status: number | null;
  error: string | null;
}

// Robots answer HTTP 200 even when they refuse a message (bad signature, wrong keyword, rate limit) and say so in
// the body; only their own success code means the message reached the group.
function robotRefusal(format: WebhookFormat, body: string): string | null {
  if (format === 'generic') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== 'object') return null;
  const o = parsed as Record<string, unknown>;
  const code = format === 'feishu' ? (o.code ?? o.StatusCode) : o.errcode;
  if (code === undefined || code === 0) return null;
  const message = format === 'feishu' ? (o.msg ?? o.StatusMessage) : o.errmsg;
  return `robot refused: ${String(code)} ${typeof message === 'string' ? message : ''}`.trim();
}

/** POSTs a built request with a timeout and says whether the receiver took it. */
export async function postWebhook(format: WebhookFormat, request: WebhookRequest, timeoutMs: number = DEFAULT_WEBHOOK_TIMEOUT_MS): Promise<WebhookResponse> {
  let res: Response;
  try {
    res = await fetch(request.url, { method: 'POST', headers: request.headers, body: request.body, signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    const reason = e.name === 'TimeoutError' ? `timed out after ${timeoutMs} ms` : (e.cause?.code ?? e.cause?.message ?? e.message);
    return { ok: false, status: null, error: `request failed: ${reason}` };
  }
  const text = await res.text().catch(() => '');
  if (res.status < 200 || res.status >= 300) return { ok: false, status: res.status, error: `HTTP ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}` };
  const refusal = robotRefusal(format, text);
  return refusal ? { ok: false, status: res.status, error: refusal } : { ok: true, status: res.status, error: null };
}

// ---------------------------------------------------------------------------------------------------------------
// One attempt

type Attempt = { ok: true } | { ok: false; error: string; permanent: boolean };

async function attempt(ctx: AppContext, row: OutboxRecord, timeoutMs: number): Promise<Attempt> {
  const notice = await findNotice(ctx.db, row.noticeId);
  if (!notice) return { ok: false, error: 'notice not found', permanent: true };
  const locale = noticeLocale(typeof row.payload.locale === 'string' ? row.payload.locale : null);
  if (row.channel === 'email') {
    const mailer = mailerFor(ctx);
    if (!mailer || !ctx.config.smtp) return { ok: false, error: 'SMTP is not configured', permanent: false };
    const { subject, text } = emailContent(notice, locale, ctx.config.publicUrl);
    // The Message-ID only needs a stable, unique left part; the right part names us when the public URL allows.
    const host = (URL.canParse(ctx.config.publicUrl) && new URL(ctx.config.publicUrl).hostname) || 'luoshi.invalid';
    try {
      await mailer.sendMail({
        from: ctx.config.smtp.from,
        to: row.target,
        subject,
        text,
        // Stable across resends of the same row, so a duplicate after a crash is recognisable as one.
        messageId: `<${row.id}@${host}>`,
        headers: { 'X-Luoshi-Notice': notice.dedupeKey },
      });
      return { ok: true };
    } catch (err) {
      return { ok: false, error: `SMTP: ${(err as Error).message}`, permanent: false };
    }
  }
  const hook = await findWebhook(ctx.db, row.target);
  if (!hook) return { ok: false, error: 'webhook deleted', permanent: true };
  if (!hook.active) return { ok: false, error: 'webhook deactivated', permanent: true };
  // Signed now, not when queued: receivers refuse signatures older than a few minutes.
  const request = noticeWebhookRequest(hook.format, notice, { url: hook.url, secret: hook.secret }, ctx.clock.now(), { locale, publicUrl: ctx.config.publicUrl });
  const response = await postWebhook(hook.format, request, timeoutMs);
  return response.ok ? { ok: true } : { ok: false, error: response.error ?? 'failed', permanent: false };
}

/** Claims and sends due outbox rows until none is left or `limit` is reached. */
export async function deliverOutbox(ctx: AppContext, now: Date, options: DeliverOptions = {}): Promise<DeliverResult> {
  const limit = options.limit ?? 200;
  const random = options.random ?? Math.random;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const timeoutMs = options.webhookTimeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS;
  const result: DeliverResult = { sent: 0, retrying: 0, dead: 0, lost: 0 };
  let processed = 0;
  // Each pass claims from a fresh list; a pass that claims nothing means other instances took the rest.
  for (let pass = 0; processed < limit && pass < limit; pass++) {
    if (options.signal?.aborted) break;
    // Between passes, requests get their turn even when every send failed at once.
    if (pass > 0) await yieldToEventLoop();
    const ids = await outbox.claimableOutboxIds(ctx.db, now, Math.min(50, limit - processed));
    if (ids.length === 0) break;
    let claimedAny = false;
    for (const id of ids) {
      if (processed >= limit) break;
      const token = randomUUID();
      const row = await outbox.claimOutboxRow(ctx.db, id, token, now, new Date(now.getTime() + leaseMs));
      if (!row) continue;
      claimedAny = true;
      processed += 1;
      const outcome = await attempt(ctx, row, timeoutMs);
      const finishedAt = ctx.clock.now();
      let recorded: OutboxOutcome;
      if (outcome.ok) {
        recorded = { status: 'sent' };
      } else {
        const delay = outcome.permanent ? null : retryDelayMs(row.attempts, random);
        recorded = delay === null ? { status: 'dead', error: outcome.error } : { status: 'pending', error: outcome.error, nextAttemptAt: new Date(finishedAt.getTime() + delay) };
      }
      if (!(await outbox.finishOutboxRow(ctx.db, row.id, token, recorded, finishedAt))) {
        result.lost += 1;
        continue;
      }
      if (recorded.status === 'sent') result.sent += 1;
      else if (recorded.status === 'dead') result.dead += 1;
      else result.retrying += 1;
    }
    if (!claimedAny) break;
  }
  return result;
}
