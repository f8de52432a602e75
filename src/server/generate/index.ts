/**
 * `luoshi generate`: a synthetic city at a chosen size, for benchmarks and load tests (issue 8 §7). Shapes follow what
 * a real supervision office sees: programmes with work areas and deep task trees (area → task → subtask → subtask),
 * a few units carrying most of the load (Zipf-like), co-units on a third of the tasks, every task state, and reports
 * per reporting period — mostly accepted, some submitted, returned or still drafts, some late — with the event
 * history the report rules replay. Written set-based: multi-row INSERTs of a few hundred rows, tens of thousands of
 * rows per transaction, deterministic for a seed.
 *
 * What it does not write: milestones, evidence files, notices (the scheduler raises those), documents. Health is
 * left for the server's health job (`health = 'none'`, open tasks due at once). One audit row records the run.
 */
import { CompiledQuery, sql, type Kysely } from 'kysely';
import { expectedPeriods, type Cadence, type ReportingPeriod } from '../../core/reports/index.ts';
import { addDays, DEFAULT_TZ, toLocalDate, type IsoDate } from '../../core/time.ts';
import { appendAudit } from '../platform/audit/audit-log.ts';
import { systemActor } from '../platform/auth/actor.ts';
import { hashPassword } from '../platform/auth/passwords.ts';
import type { AppContext } from '../platform/context.ts';
import type { DB } from '../platform/db/schema.ts';
import { newId } from '../platform/ids.ts';
import { normaliseTitle } from '../modules/tasks/index.ts';

export interface GenerateOptions {
  units: number;
  tasks: number;
  reports: number;
  programmes?: number;
  seed?: number;
  /** Add to a database that already holds data (new units, users and programmes beside the existing ones). */
  append?: boolean;
  /** Password of every generated account. */
  password?: string;
  /** Called as rows are written: phase name, rows done, rows planned. */
  progress?: (phase: string, done: number, total: number) => void;
}

export interface GenerateResult {
  tag: string;
  units: number;
  users: number;
  programmes: number;
  tasks: number;
  coUnits: number;
  taskEvents: number;
  reports: number;
  reportEvents: number;
  /** Usernames to sign in with, by role. */
  accounts: { supervisor: string; liaison: string; leader: string; viewer: string; admin: string | null };
  password: string;
  ms: number;
}

export class GenerateError extends Error {}

export const GENERATE_PASSWORD = 'luoshi-bench';

// ---------------------------------------------------------------------------------------------------------------
// Deterministic randomness

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rand {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  /** Picks by weight from a cumulative table. */
  weighted(cumulative: readonly number[]): number {
    const x = this.next() * cumulative[cumulative.length - 1]!;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Bulk writing

type Row = Record<string, string | number | null>;

/** Rows per INSERT: SQLite binds at most 32,766 parameters, PostgreSQL 65,535. */
const ROWS_PER_STATEMENT = 400;
/** Rows per transaction. */
const ROWS_PER_TRANSACTION = 40_000;

class BulkWriter {
  private readonly buffers = new Map<string, { columns: string[]; rows: Row[] }>();
  private pending = 0;
  written = new Map<string, number>();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly postgres: boolean,
    private readonly onFlush: () => void,
  ) {}

  async add(table: keyof DB, row: Row): Promise<void> {
    let buf = this.buffers.get(table);
    if (!buf) {
      buf = { columns: Object.keys(row), rows: [] };
      this.buffers.set(table, buf);
    }
    buf.rows.push(row);
    this.pending += 1;
    if (this.pending >= ROWS_PER_TRANSACTION) await this.flush();
  }

  /** Writes everything buffered in one transaction, parents before children (the order tables were first added). */
  async flush(): Promise<void> {
    if (this.pending === 0) return;
    await this.db.transaction().execute(async (trx) => {
      for (const [table, buf] of this.buffers) {
        for (let i = 0; i < buf.rows.length; i += ROWS_PER_STATEMENT) {
          const chunk = buf.rows.slice(i, i + ROWS_PER_STATEMENT);
          await trx.executeQuery(this.insert(table, buf.columns, chunk));
        }
        this.written.set(table, (this.written.get(table) ?? 0) + buf.rows.length);
        buf.rows = [];
      }
    });
    this.pending = 0;
    this.onFlush();
  }

  private insert(table: string, columns: string[], rows: Row[]): CompiledQuery {
    const params: Array<string | number | null> = [];
    let n = 0;
    const tuples = rows.map((r) => {
      const marks = columns.map((c) => {
        params.push(r[c] ?? null);
        n += 1;
        return this.postgres ? `$${n}` : '?';
      });
      return `(${marks.join(', ')})`;
    });
    // Table and column names come from this file, never from input; values are bound parameters.
    return CompiledQuery.raw(`insert into ${table} (${columns.join(', ')}) values ${tuples.join(', ')}`, params);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Shapes

const BUREAUS = [
  '发展改革委', '经信局', '教育局', '科技局', '公安局', '民政局', '司法局', '财政局', '人社局', '自然资源和规划局',
  '生态环境局', '住房和城乡建设局', '城市管理执法委', '交通运输局', '水务和湖泊局', '农业农村局', '商务局', '文化和旅游局',
  '卫生健康委', '退役军人事务局', '应急管理局', '审计局', '国资委', '市场监管局', '体育局', '统计局', '医保局',
  '园林和林业局', '地方金融工作局', '数据局', '信访局', '投资促进局', '招商局', '机关事务管理局',
];
const DISTRICTS = ['江岸区', '江汉区', '硚口区', '汉阳区', '武昌区', '青山区', '洪山区', '东西湖区', '汉南区', '蔡甸区', '江夏区', '黄陂区', '新洲区'];
const AREAS = [
  '推动经济高质量发展', '深化改革开放', '科技创新', '产业体系建设', '城市更新', '乡村振兴', '生态文明建设', '民生保障',
  '营商环境', '安全发展', '文化建设', '社会治理', '数字政府', '基层党建', '区域协调发展', '教育强市',
];
const VERBS = ['推进', '落实', '加快', '完善', '实施', '开展', '深化', '健全', '建设', '提升'];
const OBJECTS = [
  '重大项目建设', '专项整治行动', '老旧小区改造', '产业链招商', '园区基础设施', '政务服务一网通办', '水环境治理', '智慧城市平台',
  '中小企业服务体系', '职业技能培训', '社区养老服务', '交通路网', '防汛能力', '食品安全监管', '文旅融合项目', '人才引进计划',
];
const RETURN_REASONS = ['请补充量化指标', '进展描述过于笼统，请列明完成节点', '请附佐证材料', '数据与上期不一致，请核实', '请说明存在的问题和下步措施'];

/** A task's state, with the share of tasks in it. */
const TASK_STATE_MIX: Array<[string, number]> = [
  ['draft', 2], ['assigned', 8], ['signed', 8], ['reassign_requested', 1], ['in_progress', 55],
  ['completion_requested', 5], ['suspended', 3], ['closed', 18],
];
const REPORTING = new Set(['signed', 'in_progress', 'completion_requested', 'suspended', 'closed']);

function cumulative(weights: readonly number[]): number[] {
  let sum = 0;
  return weights.map((w) => (sum += w));
}

interface UnitInfo {
  id: string;
  liaisons: string[];
}

interface TaskPlan {
  id: string;
  state: string;
  lead: number;
  co: number[];
  start: IsoDate;
  due: IsoDate;
  cadence: Cadence;
  closedOn: IsoDate | null;
  /** A work area (depth 0). */
  area: boolean;
}

const iso = (d: IsoDate, hour = 9) => `${d}T${String(hour).padStart(2, '0')}:00:00.000Z`;
const ms = (d: IsoDate) => Date.parse(`${d}T00:00:00.000Z`);

async function isEmpty(db: Kysely<DB>): Promise<boolean> {
  for (const table of ['units', 'users', 'programmes', 'tasks'] as const) {
    const row = await db.selectFrom(table).select('id').limit(1).executeTakeFirst();
    if (row) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------------------------

export async function generate(ctx: AppContext, opts: GenerateOptions): Promise<GenerateResult> {
  const started = performance.now();
  for (const [name, v, min] of [['units', opts.units, 2], ['tasks', opts.tasks, 1], ['reports', opts.reports, 0]] as const) {
    if (!Number.isInteger(v) || v < min) throw new GenerateError(`--${name} must be a whole number, at least ${min}`);
  }
  if (opts.units > 100_000 || opts.tasks > 10_000_000 || opts.reports > 100_000_000) throw new GenerateError('That is more than a city: at most 100,000 units, 10,000,000 tasks and 100,000,000 reports');
  const empty = await isEmpty(ctx.db);
  if (!empty && !opts.append) {
    throw new GenerateError('The database already holds units, users, programmes or tasks: generate into an empty one, or pass --append to add beside them');
  }
  const seed = opts.seed ?? 1;
  const rand = new Rand(seed);
  const now = ctx.clock.now();
  const today = toLocalDate(now, DEFAULT_TZ);
  // In append mode every name carries a tag, so generated names never meet existing ones.
  const tag = empty ? '' : `~${now.getTime().toString(36)}`;
  const password = opts.password ?? GENERATE_PASSWORD;
  const passwordHash = await hashPassword(password);
  const postgres = ctx.database.kind === 'postgres';
  const totalRows = opts.units * 3 + opts.tasks * 5 + opts.reports * 3;
  let phase = 'units';
  const writer: BulkWriter = new BulkWriter(ctx.db, postgres, () => {
    const done = [...writer.written.values()].reduce((a, b) => a + b, 0);
    opts.progress?.(phase, done, totalRows);
  });
  const at = now.toISOString();
  const created = iso(addDays(today, -420));

  // Units: the city, the supervision office, bureaus and districts, then sub-units (streets, divisions) under them.
  const units: UnitInfo[] = [];
  const users = { supervisors: [] as string[], all: 0 };
  const addUser = async (unitId: string, username: string, displayName: string, roles: string[]) => {
    const id = newId(ms(addDays(today, -420)));
    await writer.add('users', {
      id, username: `${username}${tag}`, display_name: displayName, email: null, unit_id: unitId, password_hash: passwordHash,
      locale: null, active: 1, last_sign_in_at: null, created_at: created, updated_at: created, version: 1,
    });
    for (const role of roles) await writer.add('user_roles', { user_id: id, role });
    users.all += 1;
    return id;
  };
  const addUnit = async (name: string, parentId: string | null, order: number) => {
    const id = newId(ms(addDays(today, -430)));
    await writer.add('units', {
      id, name: `${name}${tag}`, parent_id: parentId, head_user_id: null, sort_order: order, active: 1, duties_json: null,
      created_at: created, updated_at: created, version: 1,
    });
    return id;
  };
  const cityId = await addUnit('生成市', null, 0);
  const officeId = await addUnit('生成市委督查室', cityId, 1);
  const topNames = [...BUREAUS.map((b) => `市${b}`), ...DISTRICTS.map((d) => `生成${d}`)];
  const firstLevel = Math.min(opts.units - 2, Math.max(1, Math.round((opts.units - 2) * 0.7)));
  const tops: string[] = [];
  const topName = (j: number) => topNames[j] ?? `市直单位${String(j + 1).padStart(4, '0')}`;
  for (let i = 0; i < opts.units - 2; i++) {
    const top = i < firstLevel;
    const j = (i - firstLevel) % Math.max(1, tops.length);
    const name = top ? topName(i) : `${topName(j)}第${Math.floor((i - firstLevel) / tops.length) + 1}处`;
    const parentId = top ? cityId : tops[j]!;
    const id = await addUnit(name, parentId, i + 2);
    if (top) tops.push(id);
    units.push({ id, liaisons: [] });
  }
  for (let i = 0; i < 5; i++) users.supervisors.push(await addUser(officeId, `gen.supervisor${i + 1}`, `督查员${i + 1}`, ['supervisor']));
  const leaderId = await addUser(cityId, 'gen.leader', '市领导', ['leader']);
  await addUser(cityId, 'gen.viewer', '访客', ['viewer']);
  const admin = empty ? await addUser(officeId, 'gen.admin', '管理员', ['admin']) : null;
  void leaderId;
  for (let u = 0; u < units.length; u++) {
    const n = u < 5 ? 3 : 2;
    for (let k = 0; k < n; k++) units[u]!.liaisons.push(await addUser(units[u]!.id, `gen.l${String(u + 1).padStart(4, '0')}.${k + 1}`, `联络员${u + 1}-${k + 1}`, ['liaison']));
  }
  await writer.flush();

  // Skewed load: unit i carries weight 1/(i+1)^0.9 — the first bureaus get most of the tasks.
  const unitCumulative = cumulative(units.map((_, i) => 1 / Math.pow(i + 1, 0.9)));
  const stateCumulative = cumulative(TASK_STATE_MIX.map(([, w]) => w));

  // Programmes, each with areas and a deep tree beneath them.
  phase = 'tasks';
  const programmeCount = Math.max(1, opts.programmes ?? Math.min(50, Math.ceil(opts.tasks / 2000)));
  const plans: TaskPlan[] = [];
  let coUnitRows = 0;
  let taskEventRows = 0;
  let taskIndex = 0;
  for (let p = 0; p < programmeCount; p++) {
    const programmeId = newId(ms(addDays(today, -400)));
    await writer.add('programmes', {
      id: programmeId, title: `${2025 + (p % 2)}年重点工作任务分解方案（第${p + 1}批）${tag}`, description: null, status: 'active',
      health_thresholds_json: null, reminder_config_json: null, completion_policy: null, created_by: users.supervisors[0]!,
      created_at: created, updated_at: created, version: 1,
    });
    for (const s of users.supervisors.slice(0, 1 + (p % users.supervisors.length))) await writer.add('programme_supervisors', { programme_id: programmeId, user_id: s });
    const budget = Math.floor(opts.tasks / programmeCount) + (p < opts.tasks % programmeCount ? 1 : 0);
    if (budget === 0) continue;
    const areaCount = Math.min(budget, Math.max(1, Math.min(AREAS.length, Math.round(budget / 150))));
    // Children per node shrink with depth: areas hold many tasks, subtasks a few.
    const children = new Map<string | null, number>();
    let made = 0;
    type Node = { id: string; depth: number; area: string };
    const makeTask = async (parent: Node | null): Promise<Node> => {
      const id = newId(ms(addDays(today, -400)) + made);
      const depth = parent ? parent.depth + 1 : 0;
      const ordinal = children.get(parent?.id ?? null) ?? 0;
      children.set(parent?.id ?? null, ordinal + 1);
      const state = TASK_STATE_MIX[rand.weighted(stateCumulative)]![0];
      const lead = rand.weighted(unitCumulative);
      const co: number[] = [];
      if (depth > 0 && rand.chance(0.3)) {
        for (let k = rand.int(1, 3); k > 0; k--) {
          const c = rand.weighted(unitCumulative);
          if (c !== lead && !co.includes(c)) co.push(c);
        }
      }
      const start = addDays(today, -rand.int(60, 400));
      // A fifth of open tasks are overdue.
      const overdue = addDays(today, -rand.int(1, 60));
      const due = rand.chance(0.2) ? (overdue > addDays(start, 30) ? overdue : addDays(start, 30)) : addDays(today, rand.int(15, 540));
      const r = rand.next();
      const cadence: Cadence = r < 0.7 ? { kind: 'monthly' } : r < 0.9 ? { kind: 'quarterly' } : { kind: 'weekly' };
      const closedOn = state === 'closed' ? addDays(today, -rand.int(1, 50)) : null;
      const progress = state === 'closed' ? 100 : state === 'completion_requested' ? 100 : state === 'in_progress' ? rand.int(5, 95) : state === 'suspended' ? rand.int(10, 60) : 0;
      const assigned = state !== 'draft';
      const signed = !['draft', 'assigned', 'reassign_requested'].includes(state);
      const title = depth === 0
        ? `${AREAS[(ordinal + p) % AREAS.length]}${tag}`
        : `${rand.pick(VERBS)}${rand.pick(OBJECTS)}（${taskIndex + 1}）`;
      await writer.add('tasks', {
        id, programme_id: programmeId, parent_id: parent?.id ?? null, area_id: parent?.area ?? id, depth,
        kind: depth === 0 ? 'area' : depth === 1 ? 'task' : 'subtask', ordinal, label: depth === 0 ? `${'一二三四五六七八九十'[ordinal % 10]}、` : `${ordinal + 1}.`,
        title, title_norm: normaliseTitle(title), description: null, source_document_id: null, source_start: null, source_end: null,
        state, lead_unit_id: units[lead]!.id, owner_user_id: null, start_date: start, due_date: due, cadence_json: JSON.stringify(cadence),
        weight: 1, progress, tags_json: '[]', targets_json: '[]', key_points_json: null,
        suspended_from: state === 'suspended' ? 'in_progress' : null, review_date: state === 'suspended' ? addDays(today, rand.int(5, 90)) : null,
        completion_requested_by: state === 'completion_requested' ? units[lead]!.liaisons[0]! : null, pending_extension_json: null,
        health: 'none', health_json: null, assigned_at: assigned ? iso(start, 1) : null, signed_at: signed ? iso(addDays(start, 2), 2) : null,
        closed_at: closedOn ? iso(closedOn, 8) : null, created_at: iso(addDays(start, -3)), updated_at: at, version: 1,
        // Open tasks are due for the health job at once (as migration 0009 does for existing tasks): it computes
        // their light and the date it next changes.
        health_changes_at: state === 'draft' || state === 'closed' ? null : '1970-01-01T00:00:00.000Z',
      });
      // The membership the unit filter and a liaison's scope read (migration 0009), in step with lead and co-units.
      await writer.add('task_units', { task_id: id, unit_id: units[lead]!.id, role: 'lead' });
      for (const c of co) {
        await writer.add('task_co_units', { task_id: id, unit_id: units[c]!.id, part: null });
        await writer.add('task_units', { task_id: id, unit_id: units[c]!.id, role: 'co' });
        coUnitRows += 1;
      }
      const events: Array<[string, string | null, string, IsoDate]> = [];
      if (assigned) events.push(['task.assigned', 'draft', 'assigned', start]);
      if (state === 'reassign_requested') events.push(['task.reassign_requested', 'assigned', 'reassign_requested', addDays(start, 1)]);
      if (signed) events.push(['task.signed', 'assigned', 'signed', addDays(start, 2)]);
      if (signed && state !== 'signed') events.push(['task.started', 'signed', 'in_progress', addDays(start, 5)]);
      if (state === 'suspended') events.push(['task.suspended', 'in_progress', 'suspended', addDays(today, -rand.int(1, 30))]);
      if (state === 'completion_requested' || state === 'closed') events.push(['task.completion_requested', 'in_progress', 'completion_requested', closedOn ? addDays(closedOn, -3) : addDays(today, -rand.int(1, 10))]);
      if (closedOn) events.push(['task.closed', 'completion_requested', 'closed', closedOn]);
      for (const [action, from, to, on] of events) {
        await writer.add('task_events', { id: newId(ms(on)), task_id: id, at: iso(on, 3), actor_id: null, action, from_state: from, to_state: to, reason: null, data_json: null });
        taskEventRows += 1;
      }
      plans.push({ id, state, lead, co, start, due, cadence, closedOn, area: depth === 0 });
      made += 1;
      taskIndex += 1;
      return { id, depth, area: parent?.area ?? id };
    };
    // Depth first, deeper nodes taking fewer children: area → task → subtask (down to depth 4).
    const grow = async (parent: Node, limit: number): Promise<void> => {
      const want = parent.depth === 1 ? rand.int(0, 5) : parent.depth === 2 ? rand.int(0, 3) : parent.depth === 3 ? rand.int(0, 2) : 0;
      for (let k = 0; k < want && made < limit; k++) await grow(await makeTask(parent), limit);
    };
    const areas: Node[] = [];
    for (let a = 0; a < areaCount; a++) areas.push(await makeTask(null));
    for (let a = 0; a < areaCount; a++) {
      // Each area takes its share of the budget in tasks and their subtrees; the last one takes what is left.
      const limit = a === areaCount - 1 ? budget : Math.min(budget, areaCount + Math.round(((budget - areaCount) * (a + 1)) / areaCount));
      while (made < limit) await grow(await makeTask(areas[a]!), limit);
    }
  }
  await writer.flush();

  // Reports: every reporting task owes one per unit (lead and co-units) per period since it started; a share of
  // those slots, newest first, is filled so the total matches --reports.
  phase = 'reports';
  // Work areas are headings: their tasks report, they do not. Periods are computed twice (count, then write) rather
  // than kept for a million rows.
  const slotsOf = (t: TaskPlan): ReportingPeriod[] => {
    if (!REPORTING.has(t.state) || t.area) return [];
    const until = t.closedOn ?? today;
    return expectedPeriods(t.cadence, t.start, until, DEFAULT_TZ, t.due);
  };
  let totalSlots = 0;
  for (const t of plans) totalSlots += slotsOf(t).length * (1 + t.co.length);
  const fill = totalSlots === 0 ? 0 : Math.min(1, opts.reports / totalSlots);
  let reportRows = 0;
  let reportEventRows = 0;
  let slotsSeen = 0;
  for (const t of plans) {
    const periods = slotsOf(t);
    if (!periods.length) continue;
    for (const u of [t.lead, ...t.co]) {
      if (reportRows >= opts.reports) break;
      // Error diffusion: the running total stays at fill × slots seen, so the end total is exactly --reports.
      slotsSeen += periods.length;
      const count = Math.max(0, Math.min(periods.length, Math.min(opts.reports, Math.round(slotsSeen * fill)) - reportRows));
      const unit = units[u]!;
      for (let i = periods.length - count; i < periods.length; i++) {
        const period = periods[i]!;
        const current = period.dueAt.getTime() > now.getTime();
        const x = rand.next();
        const state = current
          ? (x < 0.5 ? 'draft' : x < 0.8 ? 'submitted' : x < 0.85 ? 'returned' : 'accepted')
          : (x < 0.8 ? 'accepted' : x < 0.9 ? 'submitted' : x < 0.97 ? 'returned' : 'draft');
        const author = rand.pick(unit.liaisons);
        const reviewer = rand.pick(users.supervisors);
        const late = !current && rand.chance(0.15);
        const createdAt = Math.min(now.getTime() - 3_600_000, period.dueAt.getTime() - rand.int(2, 6) * 86_400_000);
        const firstSubmit = late
          ? Math.min(now.getTime() - 1_800_000, period.dueAt.getTime() + rand.int(1, 20) * 86_400_000)
          : Math.min(now.getTime() - 1_800_000, createdAt + rand.int(1, 48) * 3_600_000);
        const returnedOnce = state === 'returned' || ((state === 'accepted' || state === 'submitted') && rand.chance(0.2));
        const progress = Math.min(100, Math.round(((i + 1) / periods.length) * (t.state === 'closed' ? 100 : 80)));
        const reportId = newId(createdAt);
        const history: Array<{ type: string; at: number; revision: number; actor: string | null; reason?: string }> = [{ type: 'report.created', at: createdAt, revision: 0, actor: author }];
        let revision = 0;
        let reviewedAt: number | null = null;
        let returnReason: string | null = null;
        let lastSubmit: number | null = null;
        if (state !== 'draft') {
          revision = 1;
          lastSubmit = firstSubmit;
          history.push({ type: 'report.submitted', at: firstSubmit, revision, actor: author });
          if (returnedOnce) {
            reviewedAt = Math.min(now.getTime() - 600_000, firstSubmit + rand.int(2, 72) * 3_600_000);
            returnReason = rand.pick(RETURN_REASONS);
            history.push({ type: 'report.returned', at: reviewedAt, revision, actor: reviewer, reason: returnReason });
            if (state !== 'returned') {
              revision = 2;
              lastSubmit = Math.min(now.getTime() - 300_000, reviewedAt + rand.int(1, 48) * 3_600_000);
              history.push({ type: 'report.submitted', at: lastSubmit, revision, actor: author });
            }
          }
          if (state === 'accepted') {
            reviewedAt = Math.min(now.getTime() - 60_000, lastSubmit + rand.int(2, 96) * 3_600_000);
            history.push({ type: 'report.accepted', at: reviewedAt, revision, actor: reviewer });
          }
        }
        const text = `${period.key}：${rand.pick(VERBS)}${rand.pick(OBJECTS)}，完成年度计划的${progress}%。`;
        await writer.add('reports', {
          id: reportId, task_id: t.id, unit_id: unit.id, period_key: period.key, state, revision, progress, text,
          problems: rand.chance(0.3) ? '资金到位较慢' : null, coordination: rand.chance(0.1) ? '需市财政局协调资金' : null,
          next_steps: '按计划推进', milestone_updates_json: null, author_id: author, writer_ids_json: JSON.stringify([author]),
          first_submitted_at: state === 'draft' ? null : new Date(firstSubmit).toISOString(),
          submitted_at: lastSubmit === null ? null : new Date(lastSubmit).toISOString(), late: late && state !== 'draft' ? 1 : 0,
          reviewed_by: reviewedAt === null ? null : reviewer, reviewed_at: reviewedAt === null ? null : new Date(reviewedAt).toISOString(),
          return_reason: returnReason, created_at: new Date(createdAt).toISOString(), updated_at: new Date(Math.max(createdAt, reviewedAt ?? 0, lastSubmit ?? 0)).toISOString(),
          version: history.length, final: 0, summary: null,
        });
        reportRows += 1;
        for (const e of history) {
          const snapshot = e.type === 'report.submitted'
            ? JSON.stringify({ late, content: { progress, text, problems: null, coordination: null, nextSteps: '按计划推进', milestoneUpdates: [], final: false, summary: null }, evidence: [] })
            : null;
          await writer.add('report_events', {
            id: newId(e.at), report_id: reportId, type: e.type, actor_id: e.actor, at: new Date(e.at).toISOString(), revision: e.revision,
            reason: e.reason ?? null, snapshot_json: snapshot,
          });
          reportEventRows += 1;
        }
      }
    }
  }
  await writer.flush();

  const result: GenerateResult = {
    tag,
    units: units.length + 2,
    users: users.all,
    programmes: programmeCount,
    tasks: plans.length,
    coUnits: coUnitRows,
    taskEvents: taskEventRows,
    reports: reportRows,
    reportEvents: reportEventRows,
    accounts: {
      supervisor: `gen.supervisor1${tag}`,
      liaison: `gen.l0001.1${tag}`,
      leader: `gen.leader${tag}`,
      viewer: `gen.viewer${tag}`,
      admin: admin ? 'gen.admin' : null,
    },
    password,
    ms: 0,
  };
  const { ms: _ms, accounts: _accounts, password: _password, ...counts } = result;
  await ctx.db.transaction().execute((trx) =>
    appendAudit(trx, systemActor('generate'), { action: 'dataset.generated', objectType: 'dataset', objectId: tag || 'generated', context: { seed, ...counts } }, ctx.clock.now()),
  );
  // The planner's statistics were taken on the empty tables (at migration): a bulk load changes every plan's input.
  // Only the tables written, sampled on SQLite (analysis_limit), so this stays seconds at any size.
  if (!postgres) await sql`pragma analysis_limit = 1000`.execute(ctx.db);
  for (const table of writer.written.keys()) await sql`analyze ${sql.table(table)}`.execute(ctx.db);
  result.ms = performance.now() - started;
  return result;
}
