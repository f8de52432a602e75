import SqliteDatabase from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cachingDatabase } from './sqlite.ts';

describe('the prepared-statement cache of the SQLite connection', () => {
  const raw = new SqliteDatabase(':memory:');

  it('prepares each SQL text once, never shares a statement still iterating, and evicts the least recently used', () => {
    const db = cachingDatabase(raw, 2);
    raw.exec('create table t (n integer)');
    const insert = db.prepare('insert into t (n) values (?)');
    for (let i = 0; i < 5; i++) db.prepare('insert into t (n) values (?)').run([i]);
    expect(db.prepare('insert into t (n) values (?)')).toBe(insert);

    const select = db.prepare('select n from t order by n');
    const rows = (select as unknown as SqliteDatabase.Statement).iterate();
    expect(rows.next().value).toEqual({ n: 0 });
    // The cached statement is busy: the same text gets a fresh statement that runs on its own.
    const fresh = db.prepare('select n from t order by n');
    expect(fresh).not.toBe(select);
    expect(fresh.all([])).toHaveLength(5);
    rows.return?.();
    expect(db.prepare('select n from t order by n')).toBe(select);

    // Capacity 2: a third text pushes out the least recently used (the insert).
    db.prepare('select count(*) as c from t');
    expect(db.prepare('insert into t (n) values (?)')).not.toBe(insert);
    db.close();
  });
});
