import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';

const root = mkdtempSync(join(tmpdir(), 'luoshi-backup-cli-'));
const source = join(root, 'source');
const target = join(root, 'target');
const cli = (args: string[]) => runCli(args, { DATABASE_URL: undefined, LUOSHI_DATA_DIR: undefined });

describe('luoshi backup, restore and audit anchor', { timeout: 120_000 }, () => {
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('prints the audit head as one SEQ:HASH line and verifies against it', async () => {
    expect((await cli(['unit', 'add', '--name', '武汉市', '--data', source])).code).toBe(0);
    expect((await cli(['unit', 'add', '--name', '市发展改革委', '--parent', '武汉市', '--data', source])).code).toBe(0);
    const anchor = await cli(['audit', 'anchor', '--data', source]);
    expect(anchor.code).toBe(0);
    expect(anchor.stdout).toMatch(/^\d+:[0-9a-f]{64}\n$/);
    const ok = await cli(['audit', 'verify', '--anchor', anchor.stdout.trim(), '--data', source]);
    expect(ok).toMatchObject({ code: 0, stdout: expect.stringContaining('anchored row present') });
    const bad = await cli(['audit', 'verify', '--anchor', 'nonsense', '--data', source]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    const missing = await cli(['audit', 'verify', '--anchor', `99:${'a'.repeat(64)}`, '--data', source]);
    expect(missing).toMatchObject({ code: 1, stderr: expect.stringContaining('truncated or rewritten') });
  });

  it('backs up and restores into an empty directory, refusing to overwrite either', async () => {
    const archive = join(root, 'luoshi.tar.gz');
    const backup = await cli(['backup', '--out', archive, '--data', source]);
    expect(backup).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Backup written to .*sqlite, schema \d{4}-.*audit head \d+:[0-9a-f]{64}\.\n$/) });
    expect((await cli(['backup', '--out', archive, '--data', source]))).toMatchObject({ code: 1, stderr: expect.stringContaining('exists already') });
    const restore = await cli(['restore', archive, '--data', target]);
    expect(restore).toMatchObject({ code: 0, stdout: expect.stringContaining('match their checksums') });
    const again = await cli(['restore', archive, '--data', target]);
    expect(again).toMatchObject({ code: 1, stderr: expect.stringContaining('empty data directory') });
    const anchor = (await cli(['audit', 'anchor', '--data', source])).stdout.trim();
    expect((await cli(['audit', 'verify', '--anchor', anchor, '--data', target])).code).toBe(0);
    expect((await cli(['unit', 'list', '--data', target])).stdout).toContain('市发展改革委');
  });
});
