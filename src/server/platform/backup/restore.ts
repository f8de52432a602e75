/**
 * `luoshi restore`: puts a backup into an EMPTY target (a data directory without a database or blobs; for
 * PostgreSQL also a schema without tables) and proves the result: every file's SHA-256, every table's checksum and
 * the audit chain (intact, and ending at the head the backup recorded) must match the manifest, or the restore fails.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { migrations } from '../../migrations/index.ts';
import type { Config } from '../config.ts';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, BackupError, MANIFEST_NAME, pgToolEnv, runPgTool, type BackupManifest } from './backup.ts';
import { differingTables, postgresTableChecksums, quoteIdent, sqliteTableChecksums, type TableChecksums } from './table-checksums.ts';
import { extractEntry, gunzipTo, readEntry, type TarEntry } from './tar.ts';

export interface RestoreResult {
  manifest: BackupManifest;
  tables: number;
  files: number;
}

async function isEmptyDir(dir: string): Promise<boolean> {
  if (!existsSync(dir)) return true;
  return (await readdir(dir)).length === 0;
}

function readManifest(raw: Buffer): BackupManifest {
  let m: BackupManifest;
  try {
    m = JSON.parse(raw.toString('utf8')) as BackupManifest;
  } catch {
    throw new BackupError('The archive’s manifest is not valid JSON');
  }
  if (m.format !== BACKUP_FORMAT || m.formatVersion !== BACKUP_FORMAT_VERSION) throw new BackupError('This file is not a Luoshi backup (or one of an unknown format)');
  if (m.schemaVersion && !(m.schemaVersion in migrations)) {
    throw new BackupError(`The backup's schema (${m.schemaVersion}) is newer than this version of Luoshi knows; restore it with the version that made it (${m.luoshiVersion}) or newer`);
  }
  return m;
}

/** The audit chain of the restored database must be intact and end at the recorded head. */
function checkAuditHead(actual: { seq: number; hash: string } | null, manifest: BackupManifest): void {
  if (!manifest.audit) return;
  if (!actual || actual.seq !== manifest.audit.seq || actual.hash !== manifest.audit.hash) {
    throw new BackupError(`The restored audit log ends at ${actual ? `${actual.seq}:${actual.hash}` : 'nothing'}, not at ${manifest.audit.seq}:${manifest.audit.hash} as backed up`);
  }
}

function compareTables(restored: TableChecksums, manifest: BackupManifest): void {
  const differ = differingTables(restored, manifest.tables);
  if (differ.length) throw new BackupError(`Restored tables differ from the backup: ${differ.join(', ')}`);
}

async function restoreSqlite(tarPath: string, entry: TarEntry, manifest: BackupManifest, dataDir: string, work: string): Promise<number> {
  const staged = join(work, 'luoshi.db');
  const sha = await extractEntry(tarPath, entry, staged);
  if (sha !== manifest.database.sha256) throw new BackupError('The database in the archive does not match its checksum: the archive is damaged');
  const db = new SqliteDatabase(staged, { fileMustExist: true });
  try {
    if (db.pragma('integrity_check', { simple: true }) !== 'ok') throw new BackupError('The database in the archive fails SQLite’s integrity check');
    compareTables(sqliteTableChecksums(db), manifest);
    const head = db.prepare('select seq, hash from audit_head where id = 1').get() as { seq: number; hash: string } | undefined;
    checkAuditHead(head ? { seq: Number(head.seq), hash: head.hash } : null, manifest);
  } finally {
    db.close();
  }
  await rename(staged, join(dataDir, 'luoshi.db'));
  return Object.keys(manifest.tables).length;
}

async function restorePostgres(tarPath: string, entry: TarEntry, manifest: BackupManifest, url: string, work: string): Promise<number> {
  const schema = manifest.postgresSchema ?? 'public';
  const dump = join(work, 'dump.sql');
  const sha = await extractEntry(tarPath, entry, dump);
  if (sha !== manifest.database.sha256) throw new BackupError('The database dump in the archive does not match its checksum: the archive is damaged');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const existing = await client.query("select count(*)::int as n from information_schema.tables where table_schema = $1 and table_type = 'BASE TABLE'", [schema]);
    if (Number(existing.rows[0].n) > 0) throw new BackupError(`Schema ${schema} of the target database already has tables: restore only into an empty database`);
    await client.query(`create schema if not exists ${quoteIdent(schema)}`);
    await runPgTool('psql', ['--no-psqlrc', '--quiet', '--single-transaction', '-v', 'ON_ERROR_STOP=1', '--file', dump], pgToolEnv(url));
    await client.query('begin isolation level repeatable read read only');
    compareTables(await postgresTableChecksums(client, schema), manifest);
    const head = (await client.query(`select seq, hash from ${quoteIdent(schema)}.audit_head where id = 1`)).rows[0] as { seq: number; hash: string } | undefined;
    await client.query('commit');
    checkAuditHead(head ? { seq: Number(head.seq), hash: head.hash } : null, manifest);
  } finally {
    await client.end().catch(() => undefined);
  }
  return Object.keys(manifest.tables).length;
}

/** Restores `archive` into the configured (empty) database and data directory, verifying everything on the way. */
export async function restoreBackup(config: Config, archive: string): Promise<RestoreResult> {
  if (!existsSync(archive)) throw new BackupError(`No such file: ${archive}`);
  const dialect = config.databaseUrl ? 'postgres' : 'sqlite';
  const dataDir = config.dataDir;
  if (existsSync(join(dataDir, 'luoshi.db')) && dialect === 'sqlite') throw new BackupError(`${join(dataDir, 'luoshi.db')} exists: restore only into an empty data directory`);
  if (!(await isEmptyDir(join(dataDir, 'blobs')))) throw new BackupError(`${join(dataDir, 'blobs')} is not empty: restore only into an empty data directory`);
  const work = await mkdtemp(join(tmpdir(), 'luoshi-restore-'));
  const placed: string[] = [];
  try {
    const tarPath = join(work, 'backup.tar');
    let entries: TarEntry[];
    try {
      entries = await gunzipTo(archive, tarPath);
    } catch {
      throw new BackupError(`${archive} is not a readable backup archive`);
    }
    const byName = new Map(entries.map((e) => [e.name, e]));
    const manifestEntry = byName.get(MANIFEST_NAME);
    if (!manifestEntry) throw new BackupError('The archive has no manifest: it is not a Luoshi backup, or it was cut short');
    const manifest = readManifest(await readEntry(tarPath, manifestEntry));
    if (manifest.dialect !== dialect) {
      throw new BackupError(`This is a ${manifest.dialect} backup; restore it into ${manifest.dialect === 'sqlite' ? 'a data directory without DATABASE_URL' : 'a PostgreSQL database (DATABASE_URL)'}`);
    }
    const dbEntry = byName.get(manifest.database.path);
    if (!dbEntry) throw new BackupError('The archive lacks its database');

    await mkdir(join(dataDir, 'blobs'), { recursive: true });
    for (const f of manifest.files) {
      const entry = byName.get(f.path);
      if (!entry || !/^blobs\/[0-9a-f]{2}\/[0-9a-f]{64}$/.test(f.path)) throw new BackupError(`The archive lacks ${f.path}, or names it wrongly`);
      const dest = join(dataDir, f.path);
      await mkdir(dirname(dest), { recursive: true });
      const staged = `${dest}.restore.tmp`;
      const sha = await extractEntry(tarPath, entry, staged);
      if (sha !== f.sha256 || !f.path.endsWith(sha)) {
        await rm(staged, { force: true });
        throw new BackupError(`${f.path} does not match its checksum: the archive is damaged`);
      }
      await rename(staged, dest);
      placed.push(dest);
    }

    await mkdir(dataDir, { recursive: true });
    const tables = dialect === 'sqlite'
      ? await restoreSqlite(tarPath, dbEntry, manifest, dataDir, work)
      : await restorePostgres(tarPath, dbEntry, manifest, config.databaseUrl!, work);
    return { manifest, tables, files: manifest.files.length };
  } catch (err) {
    // The target was empty before: leave it empty rather than half restored.
    for (const p of placed) await rm(p, { force: true });
    throw err;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
