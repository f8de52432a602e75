/** Runtime configuration: one typed object built from flags and environment variables, validated once. */
import { isIP } from 'node:net';
import { resolve } from 'node:path';

export interface SmtpConfig {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  password?: string;
  from: string;
}

/** S3-compatible object storage for blobs (`LUOSHI_BLOB_STORE=s3`). */
export interface S3Config {
  /** Empty for AWS itself; `http://minio:9000` or the like otherwise. */
  endpoint: string | null;
  bucket: string;
  region: string;
  accessKeyId: string | null;
  secretAccessKey: string | null;
  /** Path-style URLs (`endpoint/bucket/key`), which most self-hosted servers need. */
  forcePathStyle: boolean;
  /** Key prefix inside the bucket, e.g. `luoshi/`. */
  prefix: string;
}

export type BlobStoreKind = 'fs' | 'postgres' | 's3';

export interface Config {
  /** Directory for the SQLite file, evidence blobs and the built-in key material. */
  dataDir: string;
  /** `postgres://…` selects PostgreSQL; empty means the embedded SQLite file under dataDir. */
  databaseUrl: string | null;
  host: string;
  port: number;
  /** Public base URL used in e-mails and webhooks. */
  publicUrl: string;
  /** Sliding session lifetime; a session also dies after `sessionMaxHours` whatever its use. */
  sessionIdleHours: number;
  sessionMaxHours: number;
  /** Sets the Secure flag on the session cookie; on by default when publicUrl is https. */
  secureCookies: boolean;
  /** Largest JSON body accepted, in bytes. */
  bodyLimitBytes: number;
  /** Largest uploaded file (documents, evidence), in bytes. */
  uploadLimitBytes: number;
  /** Where evidence and original documents are kept: the data directory, PostgreSQL itself, or S3. */
  blobStore: BlobStoreKind;
  s3: S3Config | null;
  /** Deliver a notice right after the request that raised it commits (LISTEN/NOTIFY or an in-process kick). */
  immediateNotices: boolean;
  /** Half-written blob files older than this are a crashed writer's and are removed at start and every hour. */
  blobTempGraceSeconds: number;
  /**
   * Failed sign-ins tolerated in `signInWindowMinutes`: per username from one client address (the pair), per client
   * address whatever the username (the ceiling for an office behind one proxy), and per username from all addresses.
   */
  signInMaxFailuresPerUser: number;
  signInMaxFailuresPerAddress: number;
  signInMaxFailuresPerAccount: number;
  signInWindowMinutes: number;
  smtp: SmtpConfig | null;
  /** Run the reminder scheduler in this process (every instance may; the database keeps it exactly-once). */
  schedulerEnabled: boolean;
  schedulerIntervalSeconds: number;
  /**
   * Whose X-Forwarded-For to believe for the client address: false (nobody: the socket's address), true (anyone —
   * only when nothing but the proxy can reach the server), a number of proxy hops, or the proxies' addresses/CIDRs.
   */
  trustProxy: boolean | number | string[];
  logLevel: string;
  /** Sent or dead deliveries and read in-app notifications older than this are deleted daily; 0 keeps them. */
  outboxRetentionDays: number;
  /** Bearer token for `/metrics`; without one, metrics are served on loopback only. */
  metricsToken: string | null;
  /** How long a stopping server waits for requests in flight before it exits anyway. */
  shutdownTimeoutSeconds: number;
}

export class ConfigError extends Error {}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new ConfigError(`${name} must be an integer ≥ ${min}, got "${raw}"`);
  return n;
}

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function trustProxy(env: NodeJS.ProcessEnv): Config['trustProxy'] {
  const raw = env.LUOSHI_TRUST_PROXY?.trim();
  if (!raw) return false;
  if (/^(true|yes|on)$/i.test(raw)) return true;
  if (/^(false|no|off|0)$/i.test(raw)) return false;
  if (/^\d+$/.test(raw)) return Number(raw);
  const list = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = list.find((a) => !isIP(a.split('/')[0] ?? '') || (a.includes('/') && !/^\d{1,3}$/.test(a.split('/')[1] ?? '')));
  if (bad !== undefined || list.length === 0) {
    throw new ConfigError(`LUOSHI_TRUST_PROXY must be true, false, a hop count or a comma-separated list of proxy addresses/CIDRs, got "${raw}"`);
  }
  return list;
}

function s3Config(env: NodeJS.ProcessEnv): S3Config | null {
  const bucket = env.LUOSHI_S3_BUCKET?.trim();
  if (!bucket) return null;
  const endpoint = env.LUOSHI_S3_ENDPOINT?.trim() || null;
  if (endpoint && !/^https?:\/\//i.test(endpoint)) throw new ConfigError(`LUOSHI_S3_ENDPOINT must be an http(s) URL, got "${endpoint}"`);
  return {
    endpoint,
    bucket,
    region: env.LUOSHI_S3_REGION?.trim() || 'us-east-1',
    accessKeyId: env.LUOSHI_S3_ACCESS_KEY_ID?.trim() || null,
    secretAccessKey: env.LUOSHI_S3_SECRET_ACCESS_KEY?.trim() || null,
    forcePathStyle: bool(env, 'LUOSHI_S3_FORCE_PATH_STYLE', endpoint !== null),
    prefix: (env.LUOSHI_S3_PREFIX ?? '').trim(),
  };
}

/** The blob store setting, checked against what it needs: `postgres` only on PostgreSQL, `s3` only with a bucket. */
function blobStoreKind(env: NodeJS.ProcessEnv, databaseUrl: string | null, s3: S3Config | null): BlobStoreKind {
  const raw = (env.LUOSHI_BLOB_STORE ?? '').trim().toLowerCase() || 'fs';
  if (raw !== 'fs' && raw !== 'postgres' && raw !== 's3') throw new ConfigError(`LUOSHI_BLOB_STORE must be fs, postgres or s3, got "${raw}"`);
  // On SQLite everything already lives on one machine's disk; blobs inside the SQLite file would only bloat it.
  if (raw === 'postgres' && !databaseUrl) throw new ConfigError('LUOSHI_BLOB_STORE=postgres needs DATABASE_URL (PostgreSQL); with SQLite use fs');
  if (raw === 's3' && !s3) throw new ConfigError('LUOSHI_BLOB_STORE=s3 needs LUOSHI_S3_BUCKET (and usually LUOSHI_S3_ENDPOINT and credentials)');
  return raw;
}

export interface ConfigOverrides {
  dataDir?: string;
  databaseUrl?: string;
  port?: number;
  host?: string;
}

/** Builds the configuration from the environment, with command-line flags taking precedence. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: ConfigOverrides = {}): Config {
  const dataDir = resolve(overrides.dataDir ?? env.LUOSHI_DATA_DIR ?? './data');
  const databaseUrl = (overrides.databaseUrl ?? env.DATABASE_URL ?? '').trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//i.test(databaseUrl)) {
    throw new ConfigError(`DATABASE_URL must start with postgres:// (got "${databaseUrl.replace(/:[^:@/]*@/, ':***@')}")`);
  }
  const port = overrides.port ?? int(env, 'PORT', 3000, 0);
  if (port > 65535) throw new ConfigError(`port must be at most 65535, got ${port}`);
  const host = overrides.host ?? env.HOST ?? '0.0.0.0';
  const publicUrl = (env.LUOSHI_PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, '');
  const s3 = s3Config(env);
  const blobStore = blobStoreKind(env, databaseUrl, s3);
  const smtpHost = env.SMTP_HOST?.trim();
  const smtp: SmtpConfig | null = smtpHost
    ? {
        host: smtpHost,
        port: int(env, 'SMTP_PORT', 587, 1),
        secure: bool(env, 'SMTP_SECURE', false),
        user: env.SMTP_USER || undefined,
        password: env.SMTP_PASSWORD || undefined,
        from: env.SMTP_FROM || 'Luoshi <luoshi@localhost>',
      }
    : null;
  return {
    dataDir,
    databaseUrl,
    host,
    port,
    publicUrl,
    sessionIdleHours: int(env, 'LUOSHI_SESSION_IDLE_HOURS', 12, 1),
    sessionMaxHours: int(env, 'LUOSHI_SESSION_MAX_HOURS', 24 * 7, 1),
    secureCookies: bool(env, 'LUOSHI_SECURE_COOKIES', publicUrl.startsWith('https://')),
    bodyLimitBytes: int(env, 'LUOSHI_BODY_LIMIT_BYTES', 1024 * 1024, 1024),
    uploadLimitBytes: int(env, 'LUOSHI_UPLOAD_LIMIT_BYTES', 20 * 1024 * 1024, 1024),
    blobStore,
    s3,
    immediateNotices: bool(env, 'LUOSHI_IMMEDIATE_NOTICES', true),
    blobTempGraceSeconds: int(env, 'LUOSHI_BLOB_TMP_GRACE_SECONDS', 60, 0),
    signInMaxFailuresPerUser: int(env, 'LUOSHI_SIGNIN_MAX_FAILURES_PER_USER', 5, 1),
    signInMaxFailuresPerAddress: int(env, 'LUOSHI_SIGNIN_MAX_FAILURES_PER_ADDRESS', 100, 1),
    signInMaxFailuresPerAccount: int(env, 'LUOSHI_SIGNIN_MAX_FAILURES_PER_ACCOUNT', 50, 1),
    signInWindowMinutes: int(env, 'LUOSHI_SIGNIN_WINDOW_MINUTES', 15, 1),
    smtp,
    schedulerEnabled: bool(env, 'LUOSHI_SCHEDULER', true),
    schedulerIntervalSeconds: int(env, 'LUOSHI_SCHEDULER_INTERVAL_SECONDS', 60, 1),
    trustProxy: trustProxy(env),
    logLevel: env.LOG_LEVEL ?? 'info',
    metricsToken: env.LUOSHI_METRICS_TOKEN?.trim() || null,
    outboxRetentionDays: int(env, 'LUOSHI_OUTBOX_RETENTION_DAYS', 90, 0),
    shutdownTimeoutSeconds: int(env, 'LUOSHI_SHUTDOWN_TIMEOUT_SECONDS', 30, 1),
  };
}
