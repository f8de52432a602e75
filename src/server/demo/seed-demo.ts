/**
 * The built-in demo: a city, its bureaus and districts, one user per role (several liaisons), and the reference
 * communiqué. Idempotent: running it again finds what exists and adds only what is missing.
 */
import type { Role } from '../../core/permissions.ts';
import { systemActor } from '../platform/auth/actor.ts';
import type { AppContext } from '../platform/context.ts';
import { createUnit, findUnitByName, updateUnit } from '../modules/units/index.ts';
import { createUser, findUserByUsername } from '../modules/users/index.ts';
import { DEMO_UNITS } from './demo-units.ts';

export { DEMO_UNITS } from './demo-units.ts';

export const DEMO_PASSWORD = 'luoshi-demo';

interface DemoUser {
  username: string;
  displayName: string;
  unit: string;
  roles: Role[];
  headOf?: boolean;
}

export const DEMO_USERS: DemoUser[] = [
  { username: 'admin', displayName: '系统管理员', unit: '市委督查室', roles: ['admin'] },
  { username: 'supervisor', displayName: '张督查', unit: '市委督查室', roles: ['supervisor'] },
  { username: 'leader', displayName: '李市长', unit: '武汉市', roles: ['leader'], headOf: true },
  { username: 'fgw', displayName: '王联络（发改委）', unit: '市发展改革委', roles: ['liaison'] },
  { username: 'fgw.head', displayName: '陈主任（发改委）', unit: '市发展改革委', roles: ['liaison'], headOf: true },
  { username: 'jxj', displayName: '刘联络（经信局）', unit: '市经信局', roles: ['liaison'] },
  { username: 'swj', displayName: '赵联络（商务局）', unit: '市商务局', roles: ['liaison'] },
  { username: 'sthj', displayName: '孙联络（生态环境局）', unit: '市生态环境局', roles: ['liaison'] },
  { username: 'jiangan', displayName: '周联络（江岸区）', unit: '江岸区', roles: ['liaison'] },
  { username: 'viewer', displayName: '访客', unit: '武汉市', roles: ['viewer'] },
];

export interface DemoSeedResult {
  createdUnits: number;
  createdUsers: number;
}

/** Creates whatever part of the demo organisation is missing. */
export async function seedDemoOrganisation(ctx: AppContext): Promise<DemoSeedResult> {
  const actor = systemActor('demo');
  let createdUnits = 0;
  let createdUsers = 0;
  const unitIds = new Map<string, string>();
  for (const u of DEMO_UNITS) {
    const existing = await findUnitByName(ctx, u.name);
    if (existing) {
      unitIds.set(u.name, existing.id);
      // Demo data from before units had duty profiles gets them; a profile someone wrote is kept.
      if (u.duties && !existing.duties) await updateUnit(ctx, actor, existing.id, { version: existing.version, duties: u.duties });
      continue;
    }
    const parentId = u.parent ? (unitIds.get(u.parent) ?? null) : null;
    const created = await createUnit(ctx, actor, { name: u.name, parentId, duties: u.duties ?? null });
    unitIds.set(u.name, created.id);
    createdUnits += 1;
  }
  for (const u of DEMO_USERS) {
    let user = await findUserByUsername(ctx, u.username);
    if (!user) {
      const unitId = unitIds.get(u.unit);
      if (!unitId) throw new Error(`demo unit ${u.unit} missing`);
      user = (await createUser(ctx, actor, { username: u.username, displayName: u.displayName, unitId, roles: u.roles, password: DEMO_PASSWORD, email: `${u.username}@demo.luoshi.local` })).user;
      createdUsers += 1;
    }
    if (u.headOf) {
      const unit = await findUnitByName(ctx, u.unit);
      if (unit && !unit.headUserId) await updateUnit(ctx, actor, unit.id, { version: unit.version, headUserId: user.id });
    }
  }
  return { createdUnits, createdUsers };
}
