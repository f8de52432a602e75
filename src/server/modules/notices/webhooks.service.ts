/** Webhook administration (create, change, delete, send a test) and the outbox view with requeueing of dead rows. */
import { createHash } from 'node:crypto';
import { WEBHOOK_FORMATS, type WebhookFormat } from '../../../core/notices/index.ts';
import { requirePermission, type Actor } from '../../platform/auth/actor.ts';
import { appendAudit } from '../../platform/audit/audit-log.ts';
import type { AppContext } from '../../platform/context.ts';
import { badRequest, conflict, notFound, versionConflict } from '../../platform/errors.ts';
import { currentVersion } from '../../platform/db/sql-helpers.ts';
import { newId } from '../../platform/ids.ts';
import { postWebhook, type WebhookResponse } from './deliver.ts';
import { buildMessageRequest } from './notice-text.ts';
import * as outbox from './outbox.repository.ts';
import type { OutboxListItem, OutboxRecord, OutboxStatus } from './outbox.repository.ts';
import * as repo from './webhooks.repository.ts';
import type { Webhook } from './webhooks.repository.ts';
import { programmeExists } from './read-model.ts';

function cleanName(name: string): string {
  const n = name.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (!n || n.length > 100) throw badRequest('invalid_name', 'Webhook name must have 1–100 characters');
  return n;
}

function cleanUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw badRequest('invalid_url', 'The webhook URL is not a valid URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw badRequest('invalid_url', 'The webhook URL must start with http:// or https://');
  if (parsed.username || parsed.password) throw badRequest('invalid_url', 'Put credentials in the secret, not in the URL');
  return parsed.toString();
}

function cleanFormat(format: string): WebhookFormat {
  if (!(WEBHOOK_FORMATS as readonly string[]).includes(format)) throw badRequest('invalid_format', `Format must be one of ${WEBHOOK_FORMATS.join(', ')}`);
  return format as WebhookFormat;
}

function cleanSecret(secret: string | null | undefined): string | null {
  const s = secret?.trim();
  return s ? s : null;
}

/**
 * What the audit log keeps of a webhook. Robot URLs carry their access token (DingTalk `access_token`, WeCom
 * `key`, Feishu in the path) and audit readers are not webhook administrators, so the URL is reduced to its
 * origin plus a fingerprint; the secret appears only as "set or not".
 */
function auditView(w: Webhook) {
  return {
    name: w.name,
    format: w.format,
    // Stored URLs passed `cleanUrl`, so they parse.
    urlOrigin: URL.canParse(w.url) ? new URL(w.url).origin : '',
    urlSha256: createHash('sha256').update(w.url).digest('hex').slice(0, 16),
    hasSecret: w.secret !== null,
    programmeId: w.programmeId,
    active: w.active,
    version: w.version,
  };
}

async function requireProgramme(ctx: AppContext, programmeId: string | null | undefined): Promise<void> {
  if (programmeId && !(await programmeExists(ctx.db, programmeId))) throw badRequest('programme_not_found', 'The programme does not exist');
}

export async function listWebhooks(ctx: AppContext, actor: Actor): Promise<Webhook[]> {
  requirePermission(actor, 'webhook.manage');
  return repo.listWebhooks(ctx.db);
}

export async function getWebhook(ctx: AppContext, actor: Actor, id: string): Promise<Webhook> {
  requirePermission(actor, 'webhook.manage');
  const hook = await repo.findWebhook(ctx.db, id);
  if (!hook) throw notFound('webhook');
  return hook;
}

export interface CreateWebhookInput {
  name: string;
  url: string;
  format: string;
  secret?: string | null;
  programmeId?: string | null;
  active?: boolean;
}

export async function createWebhook(ctx: AppContext, actor: Actor, input: CreateWebhookInput): Promise<Webhook> {
  requirePermission(actor, 'webhook.manage');
  const now = ctx.clock.now();
  const id = newId(now.getTime());
  const row = {
    id,
    name: cleanName(input.name),
    url: cleanUrl(input.url),
    format: cleanFormat(input.format),
    secret: cleanSecret(input.secret),
    programmeId: input.programmeId ?? null,
    active: input.active ?? true,
    createdBy: actor.kind === 'user' ? actor.id : null,
  };
  await requireProgramme(ctx, row.programmeId);
  return ctx.db.transaction().execute(async (trx) => {
    await repo.insertWebhook(trx, row, now);
    const created = await repo.findWebhook(trx, id);
    if (!created) throw notFound('webhook');
    await appendAudit(trx, actor, { action: 'webhook.created', objectType: 'webhook', objectId: id, after: auditView(created) }, now);
    return created;
  });
}

export interface UpdateWebhookInput {
  version: number;
  name?: string;
  url?: string;
  format?: string;
  /** A new secret; null or empty removes it; absent keeps it. */
  secret?: string | null;
  programmeId?: string | null;
  active?: boolean;
}

export async function updateWebhook(ctx: AppContext, actor: Actor, id: string, input: UpdateWebhookInput): Promise<Webhook> {
  requirePermission(actor, 'webhook.manage');
  const now = ctx.clock.now();
  const patch: repo.WebhookPatch = {};
  if (input.name !== undefined) patch.name = cleanName(input.name);
  if (input.url !== undefined) patch.url = cleanUrl(input.url);
  if (input.format !== undefined) patch.format = cleanFormat(input.format);
  if (input.secret !== undefined) patch.secret = cleanSecret(input.secret);
  if (input.programmeId !== undefined) {
    await requireProgramme(ctx, input.programmeId);
    patch.programmeId = input.programmeId;
  }
  if (input.active !== undefined) patch.active = input.active;
  return ctx.db.transaction().execute(async (trx) => {
    const before = await repo.findWebhook(trx, id);
    if (!before) throw notFound('webhook');
    if (!(await repo.updateWebhookRow(trx, id, patch, now, input.version))) {
      throw versionConflict('webhook', await currentVersion(trx, 'webhooks', id));
    }
    const after = await repo.findWebhook(trx, id);
    if (!after) throw notFound('webhook');
    const secretChanged = input.secret !== undefined && before.secret !== after.secret;
    await appendAudit(
      trx,
      actor,
      { action: 'webhook.updated', objectType: 'webhook', objectId: id, before: auditView(before), after: auditView(after), ...(secretChanged ? { context: { secretChanged: true } } : {}) },
      now,
    );
    return after;
  });
}

/** Deletes a webhook; its undelivered rows become dead (with the reason) rather than failing forever. */
export async function deleteWebhook(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  requirePermission(actor, 'webhook.manage');
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const before = await repo.findWebhook(trx, id);
    if (!before) throw notFound('webhook');
    const abandoned = await outbox.killWebhookRows(trx, id, 'webhook deleted', now);
    await repo.deleteWebhookRow(trx, id);
    await appendAudit(trx, actor, { action: 'webhook.deleted', objectType: 'webhook', objectId: id, before: auditView(before), context: { abandonedDeliveries: abandoned } }, now);
  });
}

/** Sends a test message to the webhook now and reports what the receiver answered. */
export async function testWebhook(ctx: AppContext, actor: Actor, id: string): Promise<WebhookResponse> {
  requirePermission(actor, 'webhook.manage');
  const hook = await repo.findWebhook(ctx.db, id);
  if (!hook) throw notFound('webhook');
  const now = ctx.clock.now();
  const request = buildMessageRequest(
    hook.format,
    {
      kind: 'test',
      fields: { taskTitle: null },
      generic: {
        id: `test|${newId(now.getTime())}`,
        rule: 'test',
        kind: 'test',
        audience: [],
        taskId: null,
        taskTitle: null,
        period: null,
        unitId: null,
        milestoneId: null,
        supervisorIds: [],
        triggerAt: now.toISOString(),
        params: {},
      },
    },
    { url: hook.url, secret: hook.secret },
    now,
    { link: ctx.config.publicUrl },
  );
  const response = await postWebhook(hook.format, request);
  // Recorded after the fact: the test message went out whatever the database does next.
  await ctx.db.transaction().execute(async (trx) => {
    await appendAudit(trx, actor, { action: 'webhook.tested', objectType: 'webhook', objectId: id, after: { ok: response.ok, status: response.status, error: response.error } }, ctx.clock.now());
  });
  return response;
}

export async function listOutbox(ctx: AppContext, actor: Actor, filter: { status?: OutboxStatus; before?: string; limit?: number }): Promise<OutboxListItem[]> {
  requirePermission(actor, 'webhook.manage');
  return outbox.listOutbox(ctx.db, { status: filter.status, before: filter.before, limit: filter.limit ?? 100 });
}

/** Puts a dead delivery back in the queue with a fresh retry budget. */
export async function retryOutboxRow(ctx: AppContext, actor: Actor, id: string): Promise<OutboxRecord> {
  requirePermission(actor, 'webhook.manage');
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const before = await outbox.findOutboxRow(trx, id);
    if (!before) throw notFound('outbox_row', 'Outbox row not found');
    if (!(await outbox.requeueDeadRow(trx, id, now))) throw conflict('outbox_not_dead', `Only a dead delivery can be retried; this one is ${before.status}`);
    const after = await outbox.findOutboxRow(trx, id);
    if (!after) throw notFound('outbox_row', 'Outbox row not found');
    await appendAudit(
      trx,
      actor,
      {
        action: 'outbox.requeued',
        objectType: 'outbox',
        objectId: id,
        before: { status: before.status, attempts: before.attempts, lastError: before.lastError },
        after: { status: after.status, attempts: after.attempts },
        context: { noticeId: before.noticeId, channel: before.channel },
      },
      now,
    );
    return after;
  });
}
