/** Webhook endpoints: parameterised queries and row ↔ domain mapping (the secret stays inside the module). */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DialectKind } from '../../platform/db/database.ts';
import { jsonRows, parseJsonRows } from '../../platform/db/sql-helpers.ts';
import type { WebhookFormat } from '../../../core/notices/index.ts';
import type { DB, WebhooksTable } from '../../platform/db/schema.ts';

export interface Webhook {
  id: string;
  name: string;
  url: string;
  format: WebhookFormat;
  secret: string | null;
  programmeId: string | null;
  active: boolean;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

const FORMATS: readonly WebhookFormat[] = ['generic', 'dingtalk', 'wecom', 'feishu'];

function toWebhook(row: WebhooksTable): Webhook {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    format: (FORMATS as readonly string[]).includes(row.format) ? (row.format as WebhookFormat) : 'generic',
    secret: row.secret,
    programmeId: row.programme_id,
    active: Number(row.active) === 1,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    version: Number(row.version),
  };
}

export async function listWebhooks(db: Kysely<DB>): Promise<Webhook[]> {
  const rows = await db.selectFrom('webhooks').selectAll().orderBy('created_at').orderBy('id').execute();
  return rows.map(toWebhook);
}

/**
 * The ids of the active webhooks that take notices of this programme (its own and the global ones), as a subquery (a JSON
 * array) so that a notice's insert answers where it goes without another read; read back with `webhookIdsFromJson`.
 */
export function webhookIdsJson(dialect: DialectKind, programmeId: string | null): RawBuilder<unknown> {
  const scope = programmeId ? sql`(w.programme_id is null or w.programme_id = ${programmeId})` : sql`w.programme_id is null`;
  return sql`(select ${jsonRows(dialect, { id: 'w.id' })} from webhooks w where w.active = 1 and ${scope})`;
}

/** The webhook ids a `webhookIdsJson` subquery answered, in id order. */
export function webhookIdsFromJson(value: unknown): string[] {
  return parseJsonRows<{ id: string }>(value)
    .map((w) => w.id)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export async function findWebhook(db: Kysely<DB>, id: string): Promise<Webhook | null> {
  const row = await db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toWebhook(row) : null;
}

export async function insertWebhook(db: Kysely<DB>, w: Omit<Webhook, 'createdAt' | 'updatedAt' | 'version'>, now: Date): Promise<void> {
  const at = now.toISOString();
  await db
    .insertInto('webhooks')
    .values({
      id: w.id,
      name: w.name,
      url: w.url,
      format: w.format,
      secret: w.secret,
      programme_id: w.programmeId,
      active: w.active ? 1 : 0,
      created_by: w.createdBy,
      created_at: at,
      updated_at: at,
      version: 1,
    })
    .execute();
}

export interface WebhookPatch {
  name?: string;
  url?: string;
  format?: WebhookFormat;
  secret?: string | null;
  programmeId?: string | null;
  active?: boolean;
}

/** Conditional update on `version`: false means someone else changed the webhook first. */
export async function updateWebhookRow(db: Kysely<DB>, id: string, patch: WebhookPatch, now: Date, expectedVersion: number): Promise<boolean> {
  const result = await db
    .updateTable('webhooks')
    .set((eb) => ({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.url !== undefined ? { url: patch.url } : {}),
      ...(patch.format !== undefined ? { format: patch.format } : {}),
      ...(patch.secret !== undefined ? { secret: patch.secret } : {}),
      ...(patch.programmeId !== undefined ? { programme_id: patch.programmeId } : {}),
      ...(patch.active !== undefined ? { active: patch.active ? 1 : 0 } : {}),
      updated_at: now.toISOString(),
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteWebhookRow(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('webhooks').where('id', '=', id).execute();
}
