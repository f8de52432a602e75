import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from '../../src/server/platform/db/database.ts';
import { compareMigrations } from '../../src/server/platform/db/migration-status.ts';
import { runCli } from '../support/cli.ts';

describe('compareMigrations', () => {
  const known = ['0001-a', '0002-b'];
  it.each([
    [['0001-a', '0002-b'], 'up-to-date', true],
    [['0001-a'], 'behind', true],
    [['0001-a', '0002-b', '0003-c'], 'ahead', true],
    [['0001-a', '0002-b', '0003-c', '0004-drop-d-contract'], 'ahead-incompatible', false],
  ] as const)('applied %j → %s', (applied, state, compatible) => {
    expect(compareMigrations(applied, known)).toMatchObject({ state, compatible });
  });
  it('flags a pending contract migration', () => {
    expect(compareMigrations(['0001-a'], ['0001-a', '0002-drop-x-contract'])).toMatchObject({ state: 'behind-contract', pending: ['0002-drop-x-contract'] });
  });
});

describe('luoshi migrate --check', () => {
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-migrate-check-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('says behind, up to date, ahead and incompatible with distinct exit codes; an older build still starts on an additive newer schema', async () => {
    const fresh = await runCli(['migrate', '--check', '--data', dir]);
    expect(fresh.code).toBe(2);
    expect(fresh.stdout).toMatch(/^behind: /);
    expect(fresh.stdout).toContain('Pending: 0001-foundation');

    expect((await runCli(['migrate', '--data', dir])).code).toBe(0);
    const current = await runCli(['migrate', '--check', '--data', dir, '--json']);
    expect(current.code).toBe(0);
    expect(JSON.parse(current.stdout)).toEqual({ state: 'up-to-date', pending: [], unknown: [], compatible: true });

    // A newer build ran an additive migration: this build still migrates (nothing to do) and serves.
    const database = await openDatabase({ kind: 'sqlite', file: join(dir, 'luoshi.db') });
    try {
      await sql`insert into kysely_migration (name, timestamp) values ('9990-future-column', ${new Date().toISOString()})`.execute(database.db);
      const ahead = await runCli(['migrate', '--check', '--data', dir]);
      expect(ahead.code).toBe(0);
      expect(ahead.stdout).toMatch(/^ahead: /);
      expect(await migrateToLatest(database)).toEqual([]);

      // …then a contract migration: this build must not serve, and refuses to start.
      await sql`insert into kysely_migration (name, timestamp) values ('9991-drop-old-column-contract', ${new Date().toISOString()})`.execute(database.db);
      const incompatible = await runCli(['migrate', '--check', '--data', dir]);
      expect(incompatible.code).toBe(3);
      expect(incompatible.stdout).toContain('Unknown to this build: 9990-future-column, 9991-drop-old-column-contract');
      await expect(migrateToLatest(database)).rejects.toThrow(/migrated by a newer build \(9991-drop-old-column-contract/);
      const serve = await runCli(['migrate', '--data', dir]);
      expect(serve.code).toBe(1);
    } finally {
      await database.close();
    }
  });
});
