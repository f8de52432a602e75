/**
 * A second Luoshi instance in its own process, for the "several instances sweep at once" tests: it opens the shared
 * database, says `ready`, waits for `go` on stdin, runs rounds of sweep + delivery at a fixed instant, prints its
 * totals as JSON and exits. A separate process is the honest model of a second instance, and on SQLite the only
 * workable one: better-sqlite3 waits for a lock synchronously, so two connections in one process would block the
 * very event loop the lock holder needs.
 */
import { createInterface } from 'node:readline';
import { loadConfig, type SmtpConfig } from '../../src/server/platform/config.ts';
import { createContext } from '../../src/server/platform/context.ts';
import { wirePorts } from '../../src/server/ports.ts';
import { openDatabase, type DatabaseTarget } from '../../src/server/platform/db/database.ts';
import { closeNoticeTransports, deliverOutbox, sweepNotices } from '../../src/server/modules/notices/index.ts';

export interface InstanceArgs {
  target: Extract<DatabaseTarget, { kind: 'sqlite' } | { kind: 'postgres' }>;
  dataDir: string;
  now: string;
  smtp: SmtpConfig | null;
  publicUrl: string;
  rounds: number;
}

export interface InstanceTotals {
  created: number;
  sent: number;
  errors: string[];
}

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2] ?? '{}') as InstanceArgs;
  const database = await openDatabase(args.target);
  const config = { ...loadConfig({}, { dataDir: args.dataDir }), smtp: args.smtp, publicUrl: args.publicUrl };
  const now = new Date(args.now);
  const ctx = createContext(config, database, { now: () => new Date(now) });
  wirePorts(ctx);
  process.stdout.write('ready\n');
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) if (line.trim() === 'go') break;
  lines.close();
  const totals: InstanceTotals = { created: 0, sent: 0, errors: [] };
  for (let i = 0; i < args.rounds; i++) {
    const swept = await sweepNotices(ctx, now);
    totals.created += swept.created;
    totals.errors.push(...swept.problems);
    totals.sent += (await deliverOutbox(ctx, now)).sent;
  }
  closeNoticeTransports(ctx);
  await database.close();
  process.stdout.write(`${JSON.stringify(totals)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
