/**
 * Per-table checksums of a database's content, the same way on both dialects: each row as canonical JSON (columns in
 * name order), hashed; the table's checksum is the hash of its sorted row hashes, so it does not depend on the
 * order rows come back in (which a restored PostgreSQL may change). Rows are streamed, never all held as objects.
 */
import { createHash } from 'node:crypto';
import type SqliteDatabase from 'better-sqlite3';
import type pg from 'pg';

export interface TableChecksum {
  rows: number;
  sha256: string;
}

export type TableChecksums = Record<string, TableChecksum>;

/** Canonical text of a row: columns sorted by name, values as JSON (null, number, string). */
export function canonicalRow(row: Record<string, unknown>): string {
  const keys = Object.keys(row).sort();
  return JSON.stringify(keys.map((k) => {
    const v = row[k];
    return [k, typeof v === 'bigint' ? Number(v) : v instanceof Date ? v.toISOString() : Buffer.isBuffer(v) ? v.toString('base64') : v];
  }));
}

class TableHasher {
  private readonly hashes: string[] = [];
  add(row: Record<string, unknown>): void {
    this.hashes.push(createHash('sha256').update(canonicalRow(row)).digest('hex'));
  }
  done(): TableChecksum {
    this.hashes.sort();
    return { rows: this.hashes.length, sha256: createHash('sha256').update(this.hashes.join('\n')).digest('hex') };
  }
}

/** Every table of a SQLite database (Kysely's migration bookkeeping included: it is the schema version). */
export function sqliteTableChecksums(db: SqliteDatabase.Database): TableChecksums {
  const tables = db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all() as Array<{ name: string }>;
  const out: TableChecksums = {};
  for (const { name } of tables) {
    const hasher = new TableHasher();
    for (const row of db.prepare(`select * from "${name.replace(/"/g, '""')}"`).iterate()) hasher.add(row as Record<string, unknown>);
    out[name] = hasher.done();
  }
  return out;
}

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Every base table of the client's current schema, read through a cursor inside the caller's transaction. */
export async function postgresTableChecksums(client: pg.ClientBase, schema: string): Promise<TableChecksums> {
  const tables = await client.query<{ table_name: string }>(
    "select table_name from information_schema.tables where table_schema = $1 and table_type = 'BASE TABLE' order by table_name",
    [schema],
  );
  const out: TableChecksums = {};
  for (const { table_name: name } of tables.rows) {
    const hasher = new TableHasher();
    await client.query(`declare luoshi_rows no scroll cursor for select * from ${quoteIdent(schema)}.${quoteIdent(name)}`);
    for (;;) {
      const page = await client.query<Record<string, unknown>>('fetch forward 2000 from luoshi_rows');
      for (const row of page.rows) hasher.add(row);
      if (page.rows.length < 2000) break;
    }
    await client.query('close luoshi_rows');
    out[name] = hasher.done();
  }
  return out;
}

/** The names of the tables whose checksums differ (or exist on one side only). */
export function differingTables(a: TableChecksums, b: TableChecksums): string[] {
  const names = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...names].filter((n) => a[n]?.sha256 !== b[n]?.sha256 || a[n]?.rows !== b[n]?.rows).sort();
}
