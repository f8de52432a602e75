/** Layer 1 of authorization: roles and the dotted permissions each grants. Per-resource rules live in policies. */

export const ROLES = ['admin', 'supervisor', 'leader', 'liaison', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'unit.read',
  'unit.manage',
  'user.read',
  'user.manage',
  'audit.read',
  'document.read',
  'document.import',
  'programme.read',
  'programme.manage',
  'task.read',
  'task.assign',
  'task.sign',
  'task.close',
  'report.submit',
  'report.review',
  'notice.remind',
  'instruction.create',
  'inspection.manage',
  'indicator.manage',
  'relay.record',
  'ledger.export',
  'evaluation.read',
  'webhook.manage',
  'evaluation.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ_ALL: Permission[] = ['unit.read', 'user.read', 'document.read', 'programme.read', 'task.read'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: [...READ_ALL, 'unit.manage', 'user.manage', 'audit.read', 'webhook.manage', 'evaluation.read', 'evaluation.manage'],
  supervisor: [
    ...READ_ALL,
    'audit.read',
    'document.import',
    'programme.manage',
    'task.assign',
    'task.close',
    'report.review',
    'notice.remind',
    'inspection.manage',
    'indicator.manage',
    'ledger.export',
    'evaluation.read',
    'evaluation.manage',
  ],
  leader: [...READ_ALL, 'audit.read', 'instruction.create', 'ledger.export', 'evaluation.read'],
  liaison: [...READ_ALL, 'task.sign', 'report.submit', 'relay.record', 'ledger.export'],
  viewer: ['unit.read', 'document.read', 'programme.read', 'task.read'],
};

/** The union of the permissions of the given roles. */
export function permissionsFor(roles: readonly Role[]): ReadonlySet<Permission> {
  const set = new Set<Permission>();
  for (const role of roles) for (const p of ROLE_PERMISSIONS[role]) set.add(p);
  return set;
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
