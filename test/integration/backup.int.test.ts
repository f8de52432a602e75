import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/server/platform/audit/audit-log.ts';
import { createBackup, type BackupManifest } from '../../src/server/platform/backup/backup.ts';
import { restoreBackup } from '../../src/server/platform/backup/restore.ts';
import { postgresTableChecksums, sqliteTableChecksums, type TableChecksums } from '../../src/server/platform/backup/table-checksums.ts';
import type { Config } from '../../src/server/platform/config.ts';
import { openDatabase } from '../../src/server/platform/db/database.ts';
import { DIALECTS, postgresUrl } from '../support/databases.ts';
import { answer, createTestApp, json, TestClock, type TestApp } from '../support/harness.ts';
import { buildUnit, buildUser, signIn, type SignedIn } from '../support/factories.ts';
import { multipart } from '../support/multipart.ts';

const withSchema = (url: string, schema: string) => `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;

/** A fresh, empty PostgreSQL database on the test server, for restoring into. */
async function freshPgDatabase(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `luoshi_restore_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

function fileChecksums(dataDir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const root = join(dataDir, 'blobs');
  if (!existsSync(root)) return out;
  for (const dir of readdirSync(root)) for (const f of readdirSync(join(root, dir))) out[`blobs/${dir}/${f}`] = createHash('sha256').update(readFileSync(join(root, dir, f))).digest('hex');
  return out;
}

const manifestFiles = (m: BackupManifest) => Object.fromEntries(m.files.map((f) => [f.path, f.sha256]));

describe.each(DIALECTS)('backup and restore (%s)', (dialect) => {
  const realPg = dialect === 'sqlite' || postgresUrl() !== undefined;
  let t: TestApp;
  let config: Config;
  let supervisor: SignedIn;
  let liaison: SignedIn;
  let taskId: string;
  const work = mkdtempSync(join(tmpdir(), 'luoshi-backup-test-'));
  const cleanups: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    if (!realPg) return;
    t = await createTestApp(dialect, { clock: new TestClock(new Date('2024-05-10T02:00:00.000Z')) });
    config = { ...t.ctx.config, databaseUrl: dialect === 'postgres' ? withSchema(t.database.share!.url, t.database.share!.schema) : null };
    const unit = await buildUnit(t.ctx);
    supervisor = await signIn(t.app, await buildUser(t.ctx, { roles: ['supervisor'] }));
    liaison = await signIn(t.app, await buildUser(t.ctx, { roles: ['liaison'], unitId: unit.id }));
    const p = answer('POST /api/v1/programmes', await t.app.inject({ method: 'POST', url: '/api/v1/programmes', headers: supervisor.headers, payload: { title: '备份方案' } }));
    const task = answer('POST /api/v1/programmes/:id/tasks', await t.app.inject({ method: 'POST', url: `/api/v1/programmes/${p.id}/tasks`, headers: supervisor.headers, payload: { title: '备份任务', leadUnitId: unit.id, dueDate: '2024-12-31' } }));
    taskId = task.id;
    const assigned = answer('POST /api/v1/tasks/:id/transitions', await t.app.inject({ method: 'POST', url: `/api/v1/tasks/${taskId}/transitions`, headers: supervisor.headers, payload: { action: 'assign', version: task.version, cadence: { kind: 'weekly' } } }));
    await t.app.inject({ method: 'POST', url: `/api/v1/tasks/${taskId}/transitions`, headers: liaison.headers, payload: { action: 'sign', version: assigned.version } });
    await t.app.inject({ method: 'POST', url: '/api/v1/documents/text', headers: supervisor.headers, payload: { text: '一、加快建设现代化产业体系\n（一）推进新型工业化。' } });
  });
  afterAll(async () => {
    for (const c of cleanups) await c();
    if (t) await t.close();
    rmSync(work, { recursive: true, force: true });
  });

  /** The unit's report for the week with one more evidence file, and a new programme: writes on both sides. */
  let period = 0;
  const submitWithEvidence = async () => {
    period += 1;
    await t.app.inject({ method: 'POST', url: '/api/v1/programmes', headers: supervisor.headers, payload: { title: `负载方案 ${period}` } });
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/tasks/${taskId}/reports`, headers: liaison.headers, payload: { periodKey: '2024-W19', progress: 10, text: `进展 ${period}` } });
    const id = res.statusCode === 201 ? answer('POST /api/v1/tasks/:id/reports', res).id : (json<{ error: { details: { reportId: string } } }>(res).error.details.reportId);
    const body = multipart({ filename: `证明${period}.txt`, content: `佐证材料 ${period} ${randomBytes(8).toString('hex')}\n` });
    await t.app.inject({ method: 'POST', url: `/api/v1/reports/${id}/evidence`, headers: { ...liaison.headers, ...body.headers }, payload: body.payload });
  };

  const restoreTarget = async (): Promise<{ config: Config; checksums(): Promise<TableChecksums>; db(): ReturnType<typeof openDatabase> }> => {
    const dataDir = mkdtempSync(join(work, 'target-'));
    if (dialect === 'sqlite') {
      const target: Config = { ...config, dataDir, databaseUrl: null };
      return {
        config: target,
        async checksums() {
          const db = new SqliteDatabase(join(dataDir, 'luoshi.db'), { readonly: true });
          try {
            return sqliteTableChecksums(db);
          } finally {
            db.close();
          }
        },
        db: () => openDatabase({ kind: 'sqlite', file: join(dataDir, 'luoshi.db') }),
      };
    }
    const fresh = await freshPgDatabase(postgresUrl()!);
    cleanups.push(() => fresh.drop());
    const schema = t.database.share!.schema;
    return {
      config: { ...config, dataDir, databaseUrl: fresh.url },
      checksums: () => pgChecksums(fresh.url, schema),
      db: () => openDatabase({ kind: 'postgres', url: fresh.url, schema, max: 2 }),
    };
  };

  const pgChecksums = async (url: string, schema: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query('begin isolation level repeatable read read only');
      return await postgresTableChecksums(c, schema);
    } finally {
      await c.query('rollback').catch(() => undefined);
      await c.end();
    }
  };

  const sourceChecksums = async (): Promise<TableChecksums> => {
    if (dialect === 'sqlite') {
      const db = new SqliteDatabase(join(config.dataDir, 'luoshi.db'), { readonly: true });
      try {
        return sqliteTableChecksums(db);
      } finally {
        db.close();
      }
    }
    return pgChecksums(t.database.share!.url, t.database.share!.schema);
  };

  it.skipIf(!realPg)('takes a backup under load that restores checksum-identical to its manifest, files and audit chain included', async () => {
    for (let i = 0; i < 5; i++) await submitWithEvidence();
    // Some bulk, so that copying the database takes many steps while the writes go on between them.
    for (let i = 0; i < 40; i++) {
      await t.ctx.db.insertInto('sign_in_failures').values(Array.from({ length: 500 }, (_, k) => ({ id: `bulk-${i}-${k}`, username: `someone-${k}`, address: `10.0.${i}.${k % 250}`, at: '2024-05-01T00:00:00.000Z' }))).execute();
    }
    let loading = true;
    let writes = 0;
    const load = (async () => {
      while (loading) {
        await submitWithEvidence();
        writes += 1;
      }
    })();
    const out = join(work, `under-load-${dialect}.tar.gz`);
    let manifest: BackupManifest;
    let writesDuring: number;
    try {
      const before = writes;
      manifest = await createBackup(config, out);
      writesDuring = writes - before;
    } finally {
      loading = false;
      await load;
    }
    // The backup ran while the unit kept writing, and is the database as it was at one instant.
    expect(writesDuring).toBeGreaterThan(0);
    const live = await t.ctx.db.selectFrom('programmes').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(live.n)).toBeGreaterThan(manifest.tables.programmes!.rows);
    expect(manifest.dialect).toBe(dialect);
    expect(manifest.schemaVersion).toMatch(/^\d{4}-/);
    expect(Object.keys(manifest.tables)).toEqual(expect.arrayContaining(['audit_events', 'reports', 'evidence', 'tasks', 'kysely_migration']));
    expect(manifest.tables.evidence!.rows).toBeGreaterThanOrEqual(5);
    expect(manifest.files.length).toBeGreaterThanOrEqual(6);

    const target = await restoreTarget();
    const result = await restoreBackup(target.config, out);
    expect(result.files).toBe(manifest.files.length);
    expect(await target.checksums()).toEqual(manifest.tables);
    expect(fileChecksums(target.config.dataDir)).toEqual(manifestFiles(manifest));
    // Every evidence row of the restored database has its file.
    const restored = await target.db();
    try {
      const shas = await restored.db.selectFrom('evidence').select('sha256').execute();
      for (const { sha256 } of shas) expect(existsSync(join(target.config.dataDir, 'blobs', sha256.slice(0, 2), sha256))).toBe(true);
      expect(await verifyAuditChain(restored.db)).toMatchObject({ ok: true, checked: manifest.audit!.seq });
    } finally {
      await restored.close();
    }
  }, 120_000);

  it.skipIf(!realPg)('restores a quiet database to exactly its live content, table by table and file by file', async () => {
    const out = join(work, `quiet-${dialect}.tar.gz`);
    const manifest = await createBackup(config, out);
    expect(manifest.tables).toEqual(await sourceChecksums());
    const target = await restoreTarget();
    await restoreBackup(target.config, out);
    expect(await target.checksums()).toEqual(await sourceChecksums());
    expect(fileChecksums(target.config.dataDir)).toEqual(fileChecksums(config.dataDir));
  }, 120_000);

  it.skipIf(!realPg)('refuses a non-empty target and a damaged archive, leaving the target as it was', async () => {
    const out = join(work, `refusals-${dialect}.tar.gz`);
    const manifest = await createBackup(config, out);
    await expect(createBackup(config, out)).rejects.toThrow(/exists already/);
    const full = await restoreTarget();
    await restoreBackup(full.config, out);
    await expect(restoreBackup(full.config, out)).rejects.toThrow(/empty/);

    // One byte of one evidence file changed inside the archive.
    const tar = gunzipSync(readFileSync(out));
    const victim = manifest.files[0]!.path;
    const at = tar.indexOf(Buffer.from(victim)) + 512;
    tar[at] = (tar[at] ?? 0) ^ 0xff;
    const damaged = join(work, `damaged-${dialect}.tar.gz`);
    writeFileSync(damaged, gzipSync(tar));
    const target = await restoreTarget();
    await expect(restoreBackup(target.config, damaged)).rejects.toThrow(/does not match its checksum/);
    expect(fileChecksums(target.config.dataDir)).toEqual({});
  }, 120_000);
});
