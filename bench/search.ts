/**
 * Full-text search at size: 100,000 document paragraphs (sentences of the reference communiqué recombined, about
 * a third mentioning 民生) plus 5,000 tasks, then `search()` as a supervisor and as a liaison (whose task scope is a
 * SQL subquery). Runs on SQLite, and on PostgreSQL when a URL is given (a fresh schema, dropped afterwards):
 *
 *   npx tsx bench/search.ts                              # SQLite
 *   npx tsx bench/search.ts postgres://postgres@127.0.0.1:5432/test
 *   LUOSHI_BENCH_PARAGRAPHS=10000 npx tsx bench/search.ts # a smaller corpus (tasks: one per 20 paragraphs)
 *
 * Not a *.bench.ts file: building the corpus takes a minute or two, too long for every `npm run bench`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { searchForm, tokensOf } from '../src/core/search/index.ts';
import { permissionsFor } from '../src/core/permissions.ts';
import type { UserActor } from '../src/server/platform/auth/actor.ts';
import { loadConfig } from '../src/server/platform/config.ts';
import { createContext } from '../src/server/platform/context.ts';
import { migrateToLatest, openDatabase, type Database } from '../src/server/platform/db/database.ts';
import { fulltextValue } from '../src/server/platform/db/fulltext.ts';
import { newId } from '../src/server/platform/ids.ts';
import { search } from '../src/server/modules/search/index.ts';
import { measure, type BenchResult } from './bench-kit.ts';

const PARAGRAPHS = Number(process.env.LUOSHI_BENCH_PARAGRAPHS ?? 100_000);
const TASKS = Math.round(PARAGRAPHS / 20);

/** A deterministic generator, so both databases index the same corpus. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function corpus(): { paragraphs: string[]; titles: string[] } {
  const text = readFileSync(new URL('../demo/wuhan-plenary-communique-2023-12-28.txt', import.meta.url), 'utf8');
  const sentences = text.split(/(?<=[。；！？])/u).map((s) => s.trim()).filter((s) => s.length >= 8);
  const plain = sentences.filter((s) => !s.includes('民生'));
  const random = rng(20241205);
  const pick = (list: string[]) => list[Math.floor(random() * list.length)]!;
  const paragraphs: string[] = [];
  for (let i = 0; i < PARAGRAPHS; i++) {
    const parts = [pick(plain), pick(plain), pick(plain)];
    // About a third of the paragraphs mention 民生, as in a real work report.
    if (random() < 0.31) parts.splice(1, 0, '着力保障和改善民生。');
    paragraphs.push(parts.join(''));
  }
  const titles = Array.from({ length: TASKS }, () => pick(plain).slice(0, 40));
  return { paragraphs, titles };
}

export async function fill(database: Database, data: ReturnType<typeof corpus>, unitIds: string[]): Promise<void> {
  const db = database.db;
  const at = new Date().toISOString();
  const programmeId = newId();
  await db.insertInto('programmes').values({ id: programmeId, title: '基准方案', description: null, status: 'active', health_thresholds_json: null, reminder_config_json: null, created_by: null, created_at: at, updated_at: at, version: 1 }).execute();
  const taskRows = data.titles.map((title, i) => ({
    id: newId(), programme_id: programmeId, parent_id: null, area_id: null, depth: 0, kind: 'task', ordinal: i, label: null, title, title_norm: searchForm(title),
    description: null, source_document_id: null, source_start: null, source_end: null, state: 'in_progress', lead_unit_id: unitIds[i % unitIds.length]!, owner_user_id: null,
    start_date: null, due_date: '2025-12-31', cadence_json: null, weight: 1, progress: 0, tags_json: '[]', targets_json: '[]', key_points_json: null, suspended_from: null,
    review_date: null, completion_requested_by: null, pending_extension_json: null, health: 'green', health_json: null, assigned_at: at, signed_at: at, closed_at: null,
    created_at: at, updated_at: at, version: 1,
  }));
  for (let i = 0; i < taskRows.length; i += 200) {
    const page = taskRows.slice(i, i + 200);
    await db.insertInto('tasks').values(page).execute();
    await db.insertInto('search_entries').values(page.map((t) => ({ id: `task:${t.id}:0`, type: 'task', ref_id: t.id, part: 0, task_id: t.id, title: t.title, body: t.title, tokens: fulltextValue(database.kind, tokensOf(searchForm(t.title))), updated_at: at }))).execute();
  }
  let doc = newId();
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < data.paragraphs.length; i += 500) {
      const page = data.paragraphs.slice(i, i + 500).map((body, k) => {
        const n = i + k;
        if (n % 200 === 0) doc = newId();
        return { id: `document:${doc}:${n % 200}`, type: 'document', ref_id: doc, part: n % 200, task_id: null, title: `文件${Math.floor(n / 200)}`, body, tokens: fulltextValue(database.kind, tokensOf(searchForm(body))), updated_at: new Date(Date.UTC(2024, 0, 1) + n * 60_000).toISOString() };
      });
      await trx.insertInto('search_entries').values(page).execute();
    }
  });
}

async function runOn(kind: 'sqlite' | 'postgres', url?: string): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-bench-search-'));
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  let database: Database;
  if (kind === 'postgres') {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    database = await openDatabase({ kind: 'postgres', url: url!, schema, max: 4 });
  } else {
    database = await openDatabase({ kind: 'sqlite', file: join(dir, 'luoshi.db') });
  }
  try {
    await migrateToLatest(database);
    const ctx = createContext(loadConfig({}, { dataDir: dir }), database);
    const unitIds: string[] = [];
    const at = new Date().toISOString();
    for (let i = 0; i < 50; i++) {
      const id = newId();
      unitIds.push(id);
      await database.db.insertInto('units').values({ id, name: `单位${i}`, parent_id: null, head_user_id: null, sort_order: i, active: 1, duties_json: null, created_at: at, updated_at: at, version: 1 }).execute();
    }
    const data = corpus();
    const t0 = performance.now();
    await fill(database, data, unitIds);
    // Fresh statistics, as autovacuum would gather them on a live server.
    if (kind === 'postgres') await sql`analyze`.execute(database.db);
    const loadSeconds = ((performance.now() - t0) / 1000).toFixed(0);
    const actor = (roles: UserActor['roles'], unitId: string): UserActor => ({ kind: 'user', id: newId(), username: 'bench', displayName: 'bench', unitId, roles, permissions: permissionsFor(roles), via: 'session' });
    const supervisor = actor(['supervisor'], unitIds[0]!);
    const liaison = actor(['liaison'], unitIds[7]!);
    const total = async (q: string, a: UserActor) => {
      const r = await search(ctx, a, { q });
      return r.totalCapped ? `>${r.total}` : String(r.total);
    };
    const counts = { 民生: await total('民生', supervisor), 改革开放: await total('改革开放', supervisor) };
    const label = `${kind}, ${PARAGRAPHS.toLocaleString('en')} paragraphs + ${TASKS.toLocaleString('en')} tasks`;
    const results: BenchResult[] = [];
    const time = async (name: string, q: Parameters<typeof search>[2], who: UserActor, extra?: BenchResult['extra']) => {
      const r = { ...(await measure(`${label}: ${name}`, () => search(ctx, who, q), 100, 5)), ...(extra ? { extra } : {}) };
      // Printed as measured: a full run takes minutes on a busy machine.
      print(r);
      results.push(r);
    };
    await time('民生 (supervisor, first page + total)', { q: '民生' }, supervisor, { matches: counts.民生, loadSeconds });
    await time('改革开放 (phrase of 3 bigrams)', { q: '改革开放' }, supervisor, { matches: counts.改革开放 });
    await time('民生 in Traditional, hant snippets', { q: '民生', script: 'hant' }, supervisor);
    await time('高质量 发展 (two terms, liaison scope)', { q: '高质量 发展' }, liaison);
    await time('民生 tasks only (liaison scope)', { q: '民生', type: 'task' }, liaison);
    return results;
  } finally {
    await database.close();
    if (kind === 'postgres') {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`drop schema if exists ${schema} cascade`);
      await admin.end();
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

function print(r: BenchResult): void {
  const extra = r.extra ? '  ' + Object.entries(r.extra).map(([k, v]) => `${k}=${v}`).join(' ') : '';
  console.log(`${r.name}  median ${r.medianMs.toFixed(2)} ms  p95 ${r.p95Ms.toFixed(2)} ms  (n=${r.runs})${extra}`);
}

/** SQLite, unless a PostgreSQL URL is given (argument or `LUOSHI_BENCH_DATABASE_URL`): then that one only. */
export default async function run(): Promise<BenchResult[]> {
  const url = process.argv[2]?.startsWith('postgres') ? process.argv[2] : process.env.LUOSHI_BENCH_DATABASE_URL;
  return url ? runOn('postgres', url) : runOn('sqlite');
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
