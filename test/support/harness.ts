/** Builds a real application (services, HTTP, database) for a test, with a controllable clock. */
import type { Static } from 'typebox';
import type { ApiEndpoints, ApiKey } from '../../src/contract/api.ts';
import type { ErrorBody as ErrorBodySchema } from '../../src/contract/common.ts';
import type { ResponseOf } from '../../src/contract/endpoint.ts';
import type { LightMyRequestResponse } from 'fastify';
import type { KyselyPlugin } from 'kysely';
import { loadConfig, type Config } from '../../src/server/platform/config.ts';
import { createContext, type AppContext, type Clock } from '../../src/server/platform/context.ts';
import { buildApp } from '../../src/server/app.ts';
import { wirePorts } from '../../src/server/ports.ts';
import type { App } from '../../src/server/platform/http/types.ts';
import { openTestDatabase, type TestDatabase, type TestDialect } from './databases.ts';
import { contractAnswer } from './contract-answer.ts';

/** A clock tests can set and advance. */
export class TestClock implements Clock {
  constructor(private current = new Date('2024-03-01T02:00:00.000Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date | string): void {
    this.current = new Date(at);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface TestEnv {
  ctx: AppContext;
  clock: TestClock;
  database: TestDatabase;
  close(): Promise<void>;
}

export interface TestEnvOptions {
  config?: Partial<Config>;
  clock?: TestClock;
  /** Kysely plugins on every statement the services send through `ctx.db` (a statement counter, say). */
  plugins?: KyselyPlugin[];
}

/** A context on a fresh database; `clock` defaults to real time so argon2/session timing stays natural. */
export async function createTestEnv(dialect: TestDialect = 'sqlite', options: TestEnvOptions = {}): Promise<TestEnv> {
  const database = await openTestDatabase(dialect);
  const config: Config = { ...loadConfig({}, { dataDir: database.tmpDir }), ...options.config };
  const clock = options.clock ?? new TestClock(new Date());
  const ctx = createContext(config, database, clock);
  for (const plugin of options.plugins ?? []) ctx.db = ctx.db.withPlugin(plugin);
  // Services called without the HTTP app still find their modules' ports.
  wirePorts(ctx);
  return { ctx, clock, database, close: () => database.close() };
}

export interface TestApp extends TestEnv {
  app: App;
}

/** A full HTTP application for `inject()` tests. */
export async function createTestApp(dialect: TestDialect = 'sqlite', options: TestEnvOptions & { webRoot?: string } = {}): Promise<TestApp> {
  const env = await createTestEnv(dialect, options);
  const app = await buildApp(env.ctx, { logger: false, ...(options.webRoot ? { webRoot: options.webRoot } : {}) });
  await app.ready();
  return {
    ...env,
    app,
    async close() {
      await app.close();
      await env.close();
    },
  };
}

/** The body of every refusal (4xx/5xx), as the contract describes it; tests read it with `json<ErrorBody>(res)`. */
export type ErrorBody = Static<typeof ErrorBodySchema>;

/** Parses the JSON body of an injected response. */
export function json<T = Record<string, unknown>>(res: LightMyRequestResponse): T {
  return JSON.parse(res.body) as T;
}

/** The body of an injected answer to a contract endpoint, typed by the contract and checked against it (see `contractAnswer`). */
export function answer<K extends ApiKey>(key: K, res: LightMyRequestResponse): ResponseOf<ApiEndpoints[K]> {
  return contractAnswer(key, res.statusCode, res.body);
}

/**
 * Makes a request as `who` to the endpoint `key` (the url carries the ids filled into its path) and returns its typed,
 * contract-checked answer; any failure throws with the answer's body, for set-up steps that must succeed.
 */
export async function callAs<K extends ApiKey>(app: App, who: { headers: Record<string, string> }, key: K, url: string, payload?: unknown): Promise<ResponseOf<ApiEndpoints[K]>> {
  const method = key.slice(0, key.indexOf(' ')) as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  const res = await app.inject({ method, url, headers: who.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return answer(key, res);
}
