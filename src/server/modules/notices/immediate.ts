/**
 * Immediate delivery: a notice raised by a request is sent right after the request's transaction commits, instead
 * of at the next scheduler run.
 *
 * - PostgreSQL: `recordNotice` runs `pg_notify('luoshi_outbox', <schema>)` inside the transaction, which PostgreSQL
 *   delivers only on commit (and drops on rollback). Every instance LISTENs on a dedicated connection that reconnects
 *   by itself, and on a notification runs its outbox worker. All instances wake; the outbox's conditional claim lets
 *   exactly one send each row.
 * - SQLite (and the in-process PGlite of the tests): one process, so the kick is in-process. It is scheduled during
 *   the transaction, and its first query waits for the single connection, i.e. until the commit.
 *
 * Nothing here replaces the scheduler: a send that fails (mail server or webhook down) is retried by the regular
 * delivery job on its backoff schedule, and a notification lost while the listener was reconnecting is picked up by a
 * catch-up run on reconnect or by the next scheduled run.
 */
import type { Kysely } from 'kysely';
import pg from 'pg';
import type { AppContext } from '../../platform/context.ts';
import type { DB } from '../../platform/db/schema.ts';
import { closeNoticeTransports, deliverOutbox } from './deliver.ts';
import { currentSchema, notifyOutboxChannel } from './outbox.repository.ts';

export const OUTBOX_CHANNEL = 'luoshi_outbox';

export interface ImmediateLogger {
  warn(obj: object, msg: string): void;
}

export interface ImmediateDelivery {
  /** 'listen' (PostgreSQL LISTEN/NOTIFY) or 'local' (in-process kick). */
  readonly mode: 'listen' | 'local';
  /** Whether the LISTEN connection is up (always true in local mode). */
  connected(): boolean;
  /** Runs the outbox worker soon (coalesced with a run in progress). */
  kick(): void;
  stop(): Promise<void>;
}

const workers = new WeakMap<AppContext, ImmediateDelivery>();

/** Called by `recordNotice` inside the transaction that wrote outbox rows: wakes the workers once it commits. */
export async function signalOutbox(trx: Kysely<DB>, ctx: AppContext): Promise<void> {
  if (ctx.database.kind === 'postgres') await notifyOutboxChannel(trx, OUTBOX_CHANNEL);
  const worker = workers.get(ctx);
  if (worker?.mode === 'local') worker.kick();
}

/** A coalescing runner: at most one delivery run at a time, and one more if kicked while running. */
function runner(ctx: AppContext, log: ImmediateLogger | undefined) {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const loop = async () => {
    do {
      again = false;
      try {
        await deliverOutbox(ctx, ctx.clock.now());
      } catch (err) {
        log?.warn({ err }, 'immediate notice delivery failed; the scheduler will retry');
      }
    } while (again && !stopped);
    running = null;
  };
  return {
    kick() {
      if (stopped) return;
      if (running) {
        again = true;
        return;
      }
      running = new Promise<void>((resolve) => setImmediate(resolve)).then(loop);
    },
    async stop() {
      stopped = true;
      await running;
    },
  };
}

export interface ImmediateOptions {
  /** PostgreSQL URL to LISTEN on; defaults to DATABASE_URL. Without one (SQLite, PGlite) the kick is in-process. */
  listenUrl?: string | null;
  log?: ImmediateLogger;
  /** First reconnect delay; doubles up to 30 s. */
  reconnectMs?: number;
}

/** Starts immediate delivery for this context; `stop` waits for a run in progress and closes the listener. */
export async function startImmediateDelivery(ctx: AppContext, options: ImmediateOptions = {}): Promise<ImmediateDelivery> {
  const run = runner(ctx, options.log);
  const url = options.listenUrl === undefined ? ctx.config.databaseUrl : options.listenUrl;
  if (ctx.database.kind !== 'postgres' || !url) {
    const worker: ImmediateDelivery = {
      mode: 'local',
      connected: () => true,
      kick: () => run.kick(),
      async stop() {
        workers.delete(ctx);
        await run.stop();
        closeNoticeTransports(ctx);
      },
    };
    workers.set(ctx, worker);
    return worker;
  }

  // Channels are per database, not per schema: the payload names the schema, so instances of another installation
  // (or test) in the same database ignore each other's notices.
  const schema = (await currentSchema(ctx.db)) ?? 'public';
  const firstDelay = options.reconnectMs ?? 500;
  let client: pg.Client | null = null;
  let connected = false;
  let stopped = false;
  let delay = firstDelay;
  let timer: NodeJS.Timeout | null = null;

  const connect = async (): Promise<void> => {
    if (stopped) return;
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000, keepAlive: true });
    const lost = (err?: unknown) => {
      if (client !== c) return;
      client = null;
      connected = false;
      c.removeAllListeners('notification');
      void c.end().catch(() => {});
      if (stopped) return;
      if (err) options.log?.warn({ err, retryMs: delay }, 'outbox listener lost its connection; reconnecting');
      timer = setTimeout(() => void connect(), delay);
      timer.unref();
      delay = Math.min(delay * 2, 30_000);
    };
    c.on('error', (err) => lost(err));
    c.on('end', () => lost(new Error('connection ended')));
    c.on('notification', (msg) => {
      if (msg.channel === OUTBOX_CHANNEL && (msg.payload ?? '') === schema) run.kick();
    });
    client = c;
    try {
      await c.connect();
      await c.query(`LISTEN ${OUTBOX_CHANNEL}`);
      if (stopped) {
        await c.end().catch(() => {});
        return;
      }
      connected = true;
      delay = firstDelay;
      // Notifications sent while we were not listening are gone; whatever they announced is still in the outbox.
      run.kick();
    } catch (err) {
      lost(err);
    }
  };
  await connect();

  const worker: ImmediateDelivery = {
    mode: 'listen',
    connected: () => connected,
    kick: () => run.kick(),
    async stop() {
      stopped = true;
      workers.delete(ctx);
      if (timer) clearTimeout(timer);
      const c = client;
      client = null;
      connected = false;
      if (c) await c.end().catch(() => {});
      await run.stop();
      closeNoticeTransports(ctx);
    },
  };
  workers.set(ctx, worker);
  return worker;
}
