/** HTTP benchmarks through Fastify's inject(): the health route and an authenticated ledger page. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/server/platform/config.ts';
import { createContext } from '../src/server/platform/context.ts';
import { migrateToLatest, openDatabase } from '../src/server/platform/db/database.ts';
import { buildApp } from '../src/server/app.ts';
import { seedDemo } from '../src/server/demo/index.ts';
import { measure, type BenchResult } from './bench-kit.ts';

export default async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-bench-'));
  const database = await openDatabase({ kind: 'sqlite', file: join(dir, 'luoshi.db') });
  try {
    await migrateToLatest(database);
    const ctx = createContext(loadConfig({}, { dataDir: dir }), database);
    await seedDemo(ctx);
    const app = await buildApp(ctx, { logger: false });
    await app.ready();
    const health = await measure('GET /api/health', () => app.inject({ method: 'GET', url: '/api/health' }), 2000, 200);
    const signIn = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'supervisor', password: 'luoshi-demo' } });
    const cookie = `luoshi_session=${signIn.cookies.find((c) => c.name === 'luoshi_session')?.value}`;
    const me = await measure('GET /api/v1/me (session)', () => app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } }), 1000, 100);
    const docs = await measure('GET /api/v1/documents (session)', () => app.inject({ method: 'GET', url: '/api/v1/documents', headers: { cookie } }), 500, 50);
    const login = await measure('POST /api/v1/session (argon2id)', () => app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'supervisor', password: 'luoshi-demo' } }), 20, 2);
    await app.close();
    return [health, me, docs, login];
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
