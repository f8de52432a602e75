/**
 * Factories: each test builds the organisation it needs; missing parents are created on the way. They go through
 * the services (so rows are valid and audited), except that password hashing is shared to keep tests fast.
 */
import { permissionsFor, type Role } from '../../src/core/permissions.ts';
import { systemActor } from '../../src/server/platform/auth/actor.ts';
import type { AppContext } from '../../src/server/platform/context.ts';
import type { App } from '../../src/server/platform/http/types.ts';
import { createUnit, type Unit } from '../../src/server/modules/units/index.ts';
import { createUser, type User } from '../../src/server/modules/users/index.ts';
import { answer } from './harness.ts';

export const PASSWORD = 'correct horse battery';

let counter = 0;
const next = (prefix: string) => `${prefix}${process.pid}x${++counter}`;

export async function buildUnit(ctx: AppContext, input: { name?: string; parentId?: string | null } = {}): Promise<Unit> {
  return createUnit(ctx, systemActor('test'), { name: input.name ?? next('单位'), parentId: input.parentId ?? null });
}

export async function buildUser(
  ctx: AppContext,
  input: { roles?: Role[]; unitId?: string; username?: string; displayName?: string; password?: string; email?: string } = {},
): Promise<User> {
  const unitId = input.unitId ?? (await buildUnit(ctx)).id;
  const { user } = await createUser(ctx, systemActor('test'), {
    username: input.username ?? next('user'),
    displayName: input.displayName,
    unitId,
    roles: input.roles ?? ['viewer'],
    password: input.password ?? PASSWORD,
    email: input.email ?? null,
  });
  return user;
}

export interface SignedIn {
  user: User;
  /** Headers to send with every request: the cookie, plus the CSRF token for writes. */
  headers: { cookie: string; 'x-csrf-token': string };
  csrfToken: string;
  cookie: string;
}

/** Signs a user in through the real route and returns the headers for later requests. */
export async function signIn(app: App, user: User, password = PASSWORD): Promise<SignedIn> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: user.username, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const setCookie = res.cookies.find((c) => c.name === 'luoshi_session');
  if (!setCookie) throw new Error('no session cookie');
  const csrfToken = answer('POST /api/v1/session', res).csrfToken;
  if (!csrfToken) throw new Error('no CSRF token');
  const cookie = `luoshi_session=${setCookie.value}`;
  return { user, cookie, csrfToken, headers: { cookie, 'x-csrf-token': csrfToken } };
}

/** Creates a user with the given roles and signs them in. */
export async function signedInUser(app: App, ctx: AppContext, roles: Role[], extra: { unitId?: string } = {}): Promise<SignedIn> {
  const user = await buildUser(ctx, { roles, ...extra });
  return signIn(app, user);
}

export interface BuiltTask {
  id: string;
  programmeId: string;
  leadUnitId: string | null;
  coUnitIds: string[];
}

/**
 * A programme (created when not given) and one task in it, written straight to the tables so tests of any module
 * can start from a task in any state. `supervisorIds` become the programme's supervisors.
 */
export async function buildTask(
  ctx: AppContext,
  input: {
    programmeId?: string;
    supervisorIds?: string[];
    parentId?: string | null;
    title?: string;
    state?: string;
    leadUnitId?: string | null;
    coUnitIds?: string[];
    dueDate?: string | null;
    progress?: number;
  startDate?: string | null;
    cadence?: unknown;
    signedAt?: string | null;
    kind?: 'area' | 'task' | 'subtask';
  } = {},
): Promise<BuiltTask> {
  const { newId } = await import('../../src/server/platform/ids.ts');
  const at = ctx.clock.now().toISOString();
  let programmeId = input.programmeId;
  if (!programmeId) {
    programmeId = newId();
    await ctx.db.insertInto('programmes').values({ id: programmeId, title: next('方案'), description: null, status: 'active', health_thresholds_json: null, reminder_config_json: null, created_by: null, created_at: at, updated_at: at, version: 1 }).execute();
  }
  for (const userId of input.supervisorIds ?? []) {
    await ctx.db.insertInto('programme_supervisors').values({ programme_id: programmeId, user_id: userId }).execute();
  }
  const leadUnitId = input.leadUnitId === undefined ? (await buildUnit(ctx)).id : input.leadUnitId;
  const id = newId();
  const title = input.title ?? next('任务');
  await ctx.db
    .insertInto('tasks')
    .values({
      id,
      programme_id: programmeId,
      parent_id: input.parentId ?? null,
      area_id: input.parentId ? ((await ctx.db.selectFrom('tasks').select('area_id').where('id', '=', input.parentId).executeTakeFirst())?.area_id ?? input.parentId) : id,
      depth: input.parentId ? 1 : 0,
      kind: input.kind ?? 'task',
      ordinal: 0,
      label: null,
      title,
      title_norm: title,
      description: null,
      source_document_id: null,
      source_start: null,
      source_end: null,
      state: input.state ?? 'draft',
      lead_unit_id: leadUnitId,
      owner_user_id: null,
      start_date: input.startDate ?? null,
      due_date: input.dueDate ?? null,
      cadence_json: input.cadence === undefined ? null : JSON.stringify(input.cadence),
      weight: 1,
      progress: input.progress ?? 0,
      tags_json: '[]',
      targets_json: '[]',
      suspended_from: null,
      review_date: null,
      completion_requested_by: null,
      pending_extension_json: null,
      health: 'none',
      health_json: null,
      // Not yet computed: the next health run picks an open task up at once, as after migration 0009.
      health_changes_at: input.state && input.state !== 'draft' && input.state !== 'closed' ? new Date(0).toISOString() : null,
      assigned_at: input.state && input.state !== 'draft' ? at : null,
      signed_at: input.signedAt ?? null,
      closed_at: null,
      created_at: at,
      updated_at: at,
      version: 1,
    })
    .execute();
  if (leadUnitId) await ctx.db.insertInto('task_units').values({ task_id: id, unit_id: leadUnitId, role: 'lead' }).execute();
  for (const unitId of input.coUnitIds ?? []) {
    await ctx.db.insertInto('task_co_units').values({ task_id: id, unit_id: unitId, part: null }).execute();
    await ctx.db.insertInto('task_units').values({ task_id: id, unit_id: unitId, role: 'co' }).execute();
  }
  return { id, programmeId, leadUnitId, coUnitIds: input.coUnitIds ?? [] };
}

/** The actor a signed-in user would be, for calling services directly in integration tests. */
export function actorOf(user: User): import('../../src/server/platform/auth/actor.ts').UserActor {
  return { kind: 'user', id: user.id, username: user.username, displayName: user.displayName, unitId: user.unitId, roles: user.roles, permissions: permissionsFor(user.roles), via: 'session' };
}
