import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';

const BIN = resolve(import.meta.dirname, '../../bin/luoshi');
const dataDir = mkdtempSync(join(tmpdir(), 'luoshi-cli-'));

/** The real executable, for what only a new process shows: that bin/luoshi starts, exit codes, standard input. */
function luoshi(args: string[], input?: string, env: Record<string, string> = {}) {
  const { DATABASE_URL: _ignored, ...rest } = process.env;
  const res = spawnSync(BIN, args, { input, encoding: 'utf8', env: { ...rest, LUOSHI_DATA_DIR: dataDir, ...env }, timeout: 60_000 });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

// Most cases run in-process through the same `run()` bin/luoshi calls; spawning each would cost seconds apiece.
const cli = (args: string[], env: Record<string, string | undefined> = {}) => runCli(args, { LUOSHI_DATA_DIR: dataDir, DATABASE_URL: undefined, ...env });

describe('bin/luoshi', { timeout: 120_000 }, () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints help for the program and every command, exit 0', async () => {
    const top = luoshi(['--help']);
    expect(top.code).toBe(0);
    for (const cmd of ['serve', 'demo', 'migrate', 'unit', 'user', 'audit', 'decompose', 'compare']) expect(top.stdout).toContain(cmd);
    for (const sub of [['serve'], ['demo'], ['migrate'], ['unit', 'add'], ['user', 'add'], ['audit', 'verify']]) {
      const r = await cli([...sub, '--help']);
      expect({ sub, code: r.code }).toEqual({ sub, code: 0 });
      expect(r.stdout).toContain('--data');
    }
  });

  it('runs the compiled build in dist/node, and the TypeScript sources when asked or when there is no build', () => {
    // global-setup compiled dist/node; without a build bin/luoshi would name the fallback on stderr.
    const compiled = luoshi(['--help']);
    expect(compiled.code).toBe(0);
    expect(compiled.stderr).toBe('');
    const fromSource = luoshi(['--help'], undefined, { LUOSHI_FROM_SOURCE: '1' });
    expect(fromSource.code).toBe(0);
    expect(fromSource.stdout).toBe(compiled.stdout);
    expect(fromSource.stderr).toBe('');
  });

  it('loads nothing but commander to print help: every command imports its work when it runs', () => {
    // The compiled entry's static import graph (chunks included): packages there load on every start, `--help` too.
    const dir = resolve(import.meta.dirname, '../../dist/node');
    const seen = new Set<string>();
    const packages = new Set<string>();
    const walk = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const m of readFileSync(join(dir, file), 'utf8').matchAll(/^import\s[^;]*?from\s+"([^"]+)"|^import\s+"([^"]+)"/gms)) {
        const target = (m[1] ?? m[2])!;
        if (target.startsWith('./')) walk(target.slice(2));
        else if (!target.startsWith('node:')) packages.add(target);
      }
    };
    walk('luoshi.js');
    expect([...packages]).toEqual(['commander']);
  });

  it('refuses an unreachable or invalid DATABASE_URL with one line and a non-zero exit', async () => {
    const down = luoshi(['migrate'], undefined, { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(down.code).not.toBe(0);
    expect(down.stderr.trim().split('\n')).toHaveLength(1);
    expect(down.stderr).toMatch(/Cannot connect to PostgreSQL at postgres:\/\/127\.0\.0\.1:1\/none/);
    expect(down.stderr).not.toContain('nobody');
    const bad = await cli(['migrate'], { DATABASE_URL: 'mysql://x' });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('DATABASE_URL must start with postgres://');
  });

  it('adds units and users, reading the password from stdin, and reports unknown names', async () => {
    expect((await cli(['migrate'])).stdout).toMatch(/Applied|up to date/);
    expect((await cli(['unit', 'add', '--name', '武汉市'])).code).toBe(0);
    const child = await cli(['unit', 'add', '--name', '市发展改革委', '--parent', '武汉市']);
    expect(child.code).toBe(0);
    const orphan = await cli(['unit', 'add', '--name', 'X', '--parent', '不存在']);
    expect(orphan.code).toBe(1);
    expect(orphan.stderr).toContain('No unit named "不存在"');
    const dup = await cli(['unit', 'add', '--name', '武汉市']);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('already exists');

    const user = luoshi(['user', 'add', '--username', 'wang', '--unit', '市发展改革委', '--role', 'liaison,viewer', '--password-stdin'], 'a fine password\n');
    expect(user.code).toBe(0);
    expect(user.stdout).toContain('Created user wang (liaison, viewer)');
    expect(user.stdout).not.toContain('Generated password');
    const generated = await cli(['user', 'add', '--username', 'li', '--unit', '武汉市', '--role', 'leader']);
    expect(generated.stdout).toMatch(/Generated password \(shown once\): \S{12,}/);
    const weak = luoshi(['user', 'add', '--username', 'zhao', '--unit', '武汉市', '--role', 'viewer', '--password-stdin'], 'short\n');
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('at least 8 characters');
    const badRole = await cli(['user', 'add', '--username', 'qian', '--unit', '武汉市', '--role', 'emperor']);
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toContain('Unknown role: emperor');

    const db = new Database(join(dataDir, 'luoshi.db'), { readonly: true });
    const row = db.prepare('select password_hash from users where username = ?').get('wang') as { password_hash: string };
    db.close();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect((await cli(['unit', 'list'])).stdout).toMatch(/武汉市\n {2}市发展改革委/);
  });

  it('verifies the audit log, and fails naming the row after one is altered by hand', async () => {
    const ok = await cli(['audit', 'verify']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/Audit log intact: \d+ rows verified/);
    const db = new Database(join(dataDir, 'luoshi.db'));
    db.prepare("update audit_events set actor_name = 'someone else' where seq = 2").run();
    db.close();
    const broken = luoshi(['audit', 'verify']);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('audit log broken at row 2');
  });

  it('loads the demo idempotently', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'luoshi-demo-'));
    try {
      const first = await cli(['demo', '--seed-only', '--data', dir]);
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/Demo data: 37 units, 10 users, 1 documents added/);
      const second = await cli(['demo', '--seed-only', '--data', dir]);
      expect(second.stdout).toMatch(/Demo data: 0 units, 0 users, 0 documents added/);
      expect((await cli(['audit', 'verify', '--data', dir])).code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
