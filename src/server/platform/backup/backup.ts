/**
 * `luoshi backup`: one .tar.gz holding a consistent copy of the database, every blob (original documents, evidence)
 * and a manifest with per-table and per-file SHA-256 checksums, the schema version and the audit chain's head.
 * Taken while the server runs:
 *
 * - SQLite through the online backup API (`db.backup()`), never a file copy, which would miss what is still in the
 *   write-ahead log; checksums are computed on that copy.
 * - PostgreSQL through `pg_dump` (it must be on the PATH), run inside an exported snapshot of a repeatable-read
 *   transaction, and the checksums are computed in that same snapshot, so they describe exactly what was dumped.
 *
 * Blobs are content-addressed and never rewritten or deleted, so copying them after the snapshot captures every blob
 * the snapshot refers to (and perhaps a few newer ones, which are harmless).
 */
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { VERSION } from '../../version.ts';
import type { Config } from '../config.ts';
import { postgresTableChecksums, quoteIdent, sqliteTableChecksums, type TableChecksums } from './table-checksums.ts';
import { writeTarGz, type TarSource } from './tar.ts';

export const BACKUP_FORMAT = 'luoshi-backup';
export const BACKUP_FORMAT_VERSION = 1;
export const MANIFEST_NAME = 'manifest.json';

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  createdAt: string;
  luoshiVersion: string;
  dialect: 'sqlite' | 'postgres';
  /** The last migration applied to the database: a restore into older code is refused. */
  schemaVersion: string | null;
  /** The schema the PostgreSQL tables live in (restored into the same name). */
  postgresSchema?: string;
  database: { path: string; bytes: number; sha256: string };
  tables: TableChecksums;
  /** Every blob, by its path in the archive (and under the data directory). */
  files: Array<{ path: string; bytes: number; sha256: string }>;
  /** The audit chain's head at the snapshot: the restored log must end exactly there. */
  audit: { seq: number; hash: string } | null;
}

/** An expected failure of backup or restore, reported in one line. */
export class BackupError extends Error {}

interface Snapshot {
  dialect: BackupManifest['dialect'];
  databaseFile: string;
  databasePath: string;
  tables: TableChecksums;
  schemaVersion: string | null;
  audit: BackupManifest['audit'];
  postgresSchema?: string;
}

async function* blobFiles(blobRoot: string): AsyncGenerator<{ path: string; file: string }> {
  if (!existsSync(blobRoot)) return;
  for (const dir of (await readdir(blobRoot, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    for (const name of (await readdir(join(blobRoot, dir))).sort()) {
      // Half-written uploads (`*.tmp`) are not blobs yet.
      if (/^[0-9a-f]{64}$/.test(name)) yield { path: `blobs/${dir}/${name}`, file: join(blobRoot, dir, name) };
    }
  }
}

function sqliteFacts(db: SqliteDatabase.Database): { schemaVersion: string | null; audit: BackupManifest['audit'] } {
  const migration = db.prepare('select max(name) as name from kysely_migration').get() as { name: string | null } | undefined;
  const head = db.prepare('select seq, hash from audit_head where id = 1').get() as { seq: number; hash: string } | undefined;
  return { schemaVersion: migration?.name ?? null, audit: head ? { seq: Number(head.seq), hash: head.hash } : null };
}

async function snapshotSqlite(config: Config, work: string): Promise<Snapshot> {
  const file = join(config.dataDir, 'luoshi.db');
  if (!existsSync(file)) throw new BackupError(`No database at ${file}`);
  const copy = join(work, 'luoshi.db');
  const live = new SqliteDatabase(file, { fileMustExist: true });
  try {
    live.pragma('busy_timeout = 10000');
    await live.backup(copy);
  } finally {
    live.close();
  }
  const db = new SqliteDatabase(copy, { readonly: true, fileMustExist: true });
  try {
    return { dialect: 'sqlite', databaseFile: copy, databasePath: 'database/luoshi.db', tables: sqliteTableChecksums(db), ...sqliteFacts(db) };
  } finally {
    db.close();
  }
}

/** Connection settings for the PostgreSQL command-line tools, with the password in the environment, not the argv. */
export function pgToolEnv(url: string): NodeJS.ProcessEnv {
  const u = new URL(url);
  return {
    ...process.env,
    PGHOST: decodeURIComponent(u.hostname),
    PGPORT: u.port || '5432',
    PGDATABASE: decodeURIComponent(u.pathname.replace(/^\//, '')) || 'postgres',
    ...(u.username ? { PGUSER: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { PGPASSWORD: decodeURIComponent(u.password) } : {}),
    ...(u.searchParams.get('sslmode') ? { PGSSLMODE: u.searchParams.get('sslmode')! } : {}),
  };
}

/** Runs a PostgreSQL client tool, its standard output into `stdoutFile` when given; refuses clearly if it is missing. */
export function runPgTool(tool: string, args: string[], env: NodeJS.ProcessEnv, stdoutFile?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env, stdio: ['ignore', stdoutFile ? 'pipe' : 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (c: Buffer) => {
      stderr = (stderr + c.toString('utf8')).slice(-2000);
    });
    const written = stdoutFile && child.stdout ? pipeline(child.stdout, createWriteStream(stdoutFile, { flags: 'wx' })) : Promise.resolve();
    child.on('error', (err: NodeJS.ErrnoException) => {
      reject(err.code === 'ENOENT' ? new BackupError(`${tool} is not on the PATH: install the PostgreSQL client tools (version 15 or newer)`) : err);
    });
    child.on('close', (code) => {
      written.then(
        () => (code === 0 ? resolve() : reject(new BackupError(`${tool} failed (exit ${code}): ${stderr.trim().split('\n').slice(-3).join(' ')}`))),
        reject,
      );
    });
  });
}

async function snapshotPostgres(config: Config, work: string): Promise<Snapshot> {
  const url = config.databaseUrl!;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
    const snapshotId = (await client.query<{ id: string }>('select pg_export_snapshot() as id')).rows[0]!.id;
    const schema = (await client.query<{ s: string }>('select current_schema() as s')).rows[0]!.s;
    const dump = join(work, 'dump.sql');
    const tablesDump = join(work, 'tables.sql');
    // Only the tables (with their indexes and constraints), not the schema itself: a fresh database already has
    // `public`, and restore creates any other schema before loading.
    await runPgTool('pg_dump', ['--snapshot', snapshotId, '--no-owner', '--no-privileges', '--format=plain', `--table=${quoteIdent(schema)}.*`], pgToolEnv(url), tablesDump);
    // `--table` keeps the tables' triggers but not the schema's functions they call (migration 0019's): those go first.
    const functions = await client.query<{ def: string }>(
      "select pg_get_functiondef(p.oid) as def from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = $1 and p.prokind = 'f' order by p.proname, p.oid",
      [schema],
    );
    await writeFile(dump, functions.rows.map((f) => `${f.def};\n\n`).join(''), { flag: 'wx' });
    await pipeline(createReadStream(tablesDump), createWriteStream(dump, { flags: 'a' }));
    await rm(tablesDump);
    const tables = await postgresTableChecksums(client, schema);
    const q = (sql: string) => client.query(sql.replace(/\{s\}/g, quoteIdent(schema)));
    const migration = (await q('select max(name) as name from {s}.kysely_migration')).rows[0] as { name: string | null } | undefined;
    const head = (await q('select seq, hash from {s}.audit_head where id = 1')).rows[0] as { seq: number; hash: string } | undefined;
    await client.query('commit');
    return {
      dialect: 'postgres',
      databaseFile: dump,
      databasePath: 'database/dump.sql',
      tables,
      schemaVersion: migration?.name ?? null,
      audit: head ? { seq: Number(head.seq), hash: head.hash } : null,
      postgresSchema: schema,
    };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Writes a backup of the configured database and data directory to `outPath` (which must not exist yet). */
export async function createBackup(config: Config, outPath: string, clock: () => Date = () => new Date()): Promise<BackupManifest> {
  if (existsSync(outPath)) throw new BackupError(`${outPath} exists already; choose a new file name`);
  const work = await mkdtemp(join(tmpdir(), 'luoshi-backup-'));
  try {
    const snap = config.databaseUrl ? await snapshotPostgres(config, work) : await snapshotSqlite(config, work);
    const written = new Map<string, { bytes: number; sha256: string }>();
    const blobPaths: string[] = [];
    const manifest = (): BackupManifest => ({
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      createdAt: clock().toISOString(),
      luoshiVersion: VERSION,
      dialect: snap.dialect,
      schemaVersion: snap.schemaVersion,
      ...(snap.postgresSchema ? { postgresSchema: snap.postgresSchema } : {}),
      database: { path: snap.databasePath, ...written.get(snap.databasePath)! },
      tables: snap.tables,
      files: blobPaths.map((path) => ({ path, ...written.get(path)! })),
      audit: snap.audit,
    });
    let finished: BackupManifest | null = null;
    async function* sources(): AsyncGenerator<TarSource> {
      yield { name: snap.databasePath, file: snap.databaseFile };
      for await (const blob of blobFiles(join(config.dataDir, 'blobs'))) {
        blobPaths.push(blob.path);
        yield { name: blob.path, file: blob.file };
      }
      finished = manifest();
      yield { name: MANIFEST_NAME, bytes: Buffer.from(JSON.stringify(finished, null, 2)) };
    }
    try {
      await writeTarGz(outPath, sources(), (e) => written.set(e.name, { bytes: e.bytes, sha256: e.sha256 }));
    } catch (err) {
      await rm(outPath, { force: true });
      throw err;
    }
    return finished!;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
