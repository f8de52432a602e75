/** Units (the organisation tree): parameterised queries and row ↔ domain mapping. */
import type { Expression, ExpressionBuilder, Kysely } from 'kysely';
import { fromJson, toJson } from '../../platform/db/json.ts';
import type { DB, UnitsTable } from '../../platform/db/schema.ts';

/** A unit's remit (职责): a description and the keywords that point tasks to it. */
export interface UnitDuties {
  description: string;
  keywords: string[];
}

export interface Unit {
  id: string;
  name: string;
  parentId: string | null;
  headUserId: string | null;
  sortOrder: number;
  active: boolean;
  duties: UnitDuties | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

function toUnit(row: UnitsTable): Unit {
  return {
    id: row.id,
    name: row.name,
    parentId: row.parent_id,
    headUserId: row.head_user_id,
    sortOrder: Number(row.sort_order),
    active: row.active === 1,
    duties: fromJson<UnitDuties>(row.duties_json),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    version: Number(row.version),
  };
}

export async function listUnits(db: Kysely<DB>): Promise<Unit[]> {
  const rows = await db.selectFrom('units').selectAll().orderBy('sort_order').orderBy('name').execute();
  return rows.map(toUnit);
}

export async function findUnitById(db: Kysely<DB>, id: string): Promise<Unit | null> {
  const row = await db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toUnit(row) : null;
}

export async function findUnitByName(db: Kysely<DB>, name: string): Promise<Unit | null> {
  const row = await db.selectFrom('units').selectAll().where('name', '=', name).executeTakeFirst();
  return row ? toUnit(row) : null;
}

export interface NewUnitRow {
  id: string;
  name: string;
  parentId: string | null;
  headUserId: string | null;
  sortOrder: number;
  duties?: UnitDuties | null;
  now: Date;
}

export async function insertUnit(db: Kysely<DB>, u: NewUnitRow): Promise<void> {
  const at = u.now.toISOString();
  await db
    .insertInto('units')
    .values({
      id: u.id,
      name: u.name,
      parent_id: u.parentId,
      head_user_id: u.headUserId,
      sort_order: u.sortOrder,
      active: 1,
      duties_json: toJson(u.duties ?? null),
      created_at: at,
      updated_at: at,
      version: 1,
    })
    .execute();
}

export interface UnitPatch {
  name?: string;
  parentId?: string | null;
  headUserId?: string | null;
  sortOrder?: number;
  active?: boolean;
  duties?: UnitDuties | null;
}

/** Conditional update on `version`: false means someone else changed the unit first. */
export async function updateUnitRow(db: Kysely<DB>, id: string, patch: UnitPatch, now: Date, expectedVersion: number): Promise<boolean> {
  const result = await db
    .updateTable('units')
    .set((eb) => ({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.parentId !== undefined ? { parent_id: patch.parentId } : {}),
      ...(patch.headUserId !== undefined ? { head_user_id: patch.headUserId } : {}),
      ...(patch.sortOrder !== undefined ? { sort_order: patch.sortOrder } : {}),
      ...(patch.active !== undefined ? { active: patch.active ? 1 : 0 } : {}),
      ...(patch.duties !== undefined ? { duties_json: toJson(patch.duties) } : {}),
      updated_at: now.toISOString(),
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteUnitRow(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('units').where('id', '=', id).execute();
}

export async function countActiveChildren(db: Kysely<DB>, id: string): Promise<number> {
  const row = await db
    .selectFrom('units')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('parent_id', '=', id)
    .where('active', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A unit's head who moves to `keepUnitId` (another unit) stops heading the units they headed. */
export async function releaseHeadships(db: Kysely<DB>, userId: string, keepUnitId: string): Promise<void> {
  await db.updateTable('units').set({ head_user_id: null }).where('head_user_id', '=', userId).where('id', '!=', keepUnitId).execute();
}

/** Whether each of these units is active, by id (a unit that does not exist is absent), in one query. */
export async function unitActivityOf(db: Kysely<DB>, ids: readonly string[]): Promise<Map<string, boolean>> {
  const rows = await db.selectFrom('units').select(['id', 'active']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, r.active === 1]));
}

/**
 * A unit's name as a correlated subquery, so a list owned by another module shows it beside its rows in the same
 * statement without naming this table: `.select((eb) => unitNameOf(eb, eb.ref('reports.unit_id')).as('unit_name'))`.
 * Null when the id is null.
 */
export function unitNameOf(eb: ExpressionBuilder<DB, keyof DB>, unitId: Expression<string | null>) {
  return eb.selectFrom('units').select('units.name').where('units.id', '=', unitId);
}

/**
 * A unit's place among its siblings (`sort_order`) as a correlated subquery, for another module's list that shows units
 * in the tree's order: select it beside `unitNameOf` and order by both.
 */
export function unitSortOrderOf(eb: ExpressionBuilder<DB, keyof DB>, unitId: Expression<string | null>) {
  return eb.selectFrom('units').select('units.sort_order').where('units.id', '=', unitId);
}
