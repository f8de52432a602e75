/**
 * The public side (issue 13): a programme's publication, the reports and evidence a supervisor made public one by
 * one, public leads (群众线索) with their rate-limit attempts, and the key that signs the leads' challenges.
 */
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per programme ever published; `published` 0 after a withdrawal. `version` grows with every change to
  // what the public sees (publish, withdraw, a report or evidence made public or private), so caches invalidate.
  await db.schema
    .createTable('publications')
    .addColumn('programme_id', 'text', (c) => c.primaryKey().references('programmes.id'))
    .addColumn('published', 'integer', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('published_by', 'text', (c) => c.references('users.id'))
    .addColumn('withdrawn_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  // Presence of a row = public. Only accepted reports may be marked (enforced by the service).
  await db.schema
    .createTable('public_reports')
    .addColumn('report_id', 'text', (c) => c.primaryKey().references('reports.id'))
    .addColumn('programme_id', 'text', (c) => c.notNull().references('programmes.id'))
    .addColumn('marked_by', 'text', (c) => c.references('users.id'))
    .addColumn('marked_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('public_reports_programme_idx').on('public_reports').column('programme_id').execute();
  await db.schema
    .createTable('public_evidence')
    .addColumn('evidence_id', 'text', (c) => c.primaryKey().references('evidence.id'))
    .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id'))
    .addColumn('marked_by', 'text', (c) => c.references('users.id'))
    .addColumn('marked_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('public_evidence_report_idx').on('public_evidence').column('report_id').execute();

  await db.schema
    .createTable('leads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('programme_id', 'text', (c) => c.notNull().references('programmes.id'))
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('what', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('contact', 'text')
    .addColumn('photo_sha256', 'text')
    // A challenge answers for one lead only: the same signed challenge cannot be replayed.
    .addColumn('challenge_id', 'text', (c) => c.notNull().unique())
    .addColumn('decided_by', 'text', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text')
    .addColumn('reject_reason', 'text')
    .addColumn('reject_note', 'text')
    .addColumn('merged_into_id', 'text', (c) => c.references('leads.id'))
    .addColumn('rectification_task_id', 'text', (c) => c.references('tasks.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('leads_programme_state_idx').on('leads').columns(['programme_id', 'state', 'created_at']).execute();
  await db.schema.createIndex('leads_task_idx').on('leads').column('task_id').execute();

  // Every lead submission attempt, counted before the challenge is checked; the address is stored only as a keyed
  // digest. Like sign_in_failures, the table is the shared state that makes the limit hold across instances.
  await db.schema
    .createTable('lead_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('address_key', 'text', (c) => c.notNull())
    .addColumn('task_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('lead_attempts_address_idx').on('lead_attempts').columns(['address_key', 'at']).execute();
  await db.schema.createIndex('lead_attempts_task_idx').on('lead_attempts').columns(['task_id', 'at']).execute();

  // The key that signs challenges and digests addresses, made once so every instance shares it without configuration.
  await db.schema
    .createTable('public_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await sql`insert into public_keys (id, secret, created_at) values (${'challenge'}, ${randomBytes(32).toString('base64url')}, ${new Date().toISOString()})`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['public_keys', 'lead_attempts', 'leads', 'public_evidence', 'public_reports', 'publications']) await db.schema.dropTable(t).execute();
}
