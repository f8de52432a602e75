// The floor the real server is measured against (issue 8 §7): a bare Fastify app whose write route does one INSERT
// into a table of 1,000,000 rows with 3 secondary indexes, and whose read route answers at once. Plain JavaScript, run
// as its own process so the load generator never shares its event loop.
// Usage: node bench/floor-server.mjs sqlite FILE | node bench/floor-server.mjs postgres URL
import Fastify from 'fastify';

const [kind, target] = process.argv.slice(2);
const ROWS = 1_000_000;
const TEXT = '本期完成年度计划的进度，重点项目按节点推进，资金到位较慢，需协调。'.repeat(3);
let write;

if (kind === 'sqlite') {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(target);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`create table if not exists floor (id integer primary key, task_id text not null, unit_id text not null, period_key text not null,
    state text not null, text text not null, created_at text not null)`);
  db.exec('create index if not exists floor_task on floor (task_id, state)');
  db.exec('create index if not exists floor_unit on floor (unit_id, period_key)');
  db.exec('create index if not exists floor_created on floor (created_at)');
  const have = db.prepare('select count(*) as n from floor').get().n;
  if (have < ROWS) {
    const insert = db.prepare('insert into floor (task_id, unit_id, period_key, state, text, created_at) values (?, ?, ?, ?, ?, ?)');
    db.transaction(() => {
      for (let i = have; i < ROWS; i++) insert.run(`t${i % 100_000}`, `u${i % 60}`, `2025-${String((i % 12) + 1).padStart(2, '0')}`, 'accepted', TEXT, new Date(1.7e12 + i * 1000).toISOString());
    })();
  }
  const stmt = db.prepare('insert into floor (task_id, unit_id, period_key, state, text, created_at) values (?, ?, ?, ?, ?, ?)');
  let n = 0;
  write = async () => {
    n += 1;
    stmt.run(`w${n}`, `u${n % 60}`, '2026-12', 'draft', TEXT, new Date().toISOString());
  };
} else if (kind === 'postgres') {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: target, max: 10 });
  await pool.query(`create table if not exists floor (id bigserial primary key, task_id text not null, unit_id text not null, period_key text not null,
    state text not null, text text not null, created_at text not null)`);
  await pool.query('create index if not exists floor_task on floor (task_id, state)');
  await pool.query('create index if not exists floor_unit on floor (unit_id, period_key)');
  await pool.query('create index if not exists floor_created on floor (created_at)');
  const have = Number((await pool.query('select count(*)::int as n from floor')).rows[0].n);
  if (have < ROWS) {
    await pool.query(`insert into floor (task_id, unit_id, period_key, state, text, created_at)
      select 't' || (i % 100000), 'u' || (i % 60), '2025-' || lpad(((i % 12) + 1)::text, 2, '0'), 'accepted', $1, to_char(timestamp '2024-01-01' + i * interval '1 second', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
      from generate_series($2::int, $3::int - 1) as i`, [TEXT, have, ROWS]);
    await pool.query('analyze floor');
  }
  let n = 0;
  write = async () => {
    n += 1;
    await pool.query('insert into floor (task_id, unit_id, period_key, state, text, created_at) values ($1, $2, $3, $4, $5, $6)', [`w${n}`, `u${n % 60}`, '2026-12', 'draft', TEXT, new Date().toISOString()]);
  };
} else {
  process.stderr.write('usage: floor-server.mjs sqlite FILE | postgres URL\n');
  process.exit(2);
}

const app = Fastify({ logger: false });
app.post('/write', async () => {
  await write();
  return { ok: true };
});
app.get('/read', async () => ({ ok: true }));
await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`floor listening on ${app.server.address().port}\n`);
const stop = () => void app.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
