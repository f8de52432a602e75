import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Each table has one owning module (docs/ARCHITECTURE.md, "Data access"): only its repositories write it, and another
 * module reads it through the owner's exported functions. The reads that still go straight to another module's table
 * are listed here, so the list can only shrink: a new one fails this test, and so does an entry that is gone.
 */

const OWNERS: Record<string, readonly string[]> = {
  units: ['units'],
  users: ['users', 'user_roles'],
  session: ['sessions', 'api_tokens', 'sign_in_failures'],
  documents: ['documents'],
  drafts: ['programme_drafts'],
  programmes: ['programmes', 'programme_documents'],
  supervision: ['programme_supervisors'],
  tasks: ['tasks', 'task_co_units', 'task_units', 'milestones', 'task_events'],
  reports: ['reports', 'report_events', 'evidence', 'period_locks', 'report_counters'],
  instructions: ['instructions'],
  notices: ['notices', 'notifications', 'notice_tasks', 'outbox', 'webhooks'],
  'search-index': ['search_entries'],
  stats: ['health_snapshots', 'stats_versions'],
  relays: ['relay_campaigns', 'relay_campaign_units', 'relay_records', 'relay_evidence'],
  inspections: ['inspections', 'inspection_members', 'inspection_targets', 'inspection_target_tasks', 'inspection_visits', 'inspection_findings', 'inspection_evidence'],
  indicators: ['indicators', 'indicator_actuals', 'indicator_evidence', 'indicator_peers'],
  evaluations: ['evaluation_rule_sets', 'evaluation_ratings', 'evaluation_periods'],
  publication: ['publications', 'public_reports', 'public_evidence'],
  leads: ['leads', 'lead_attempts', 'public_keys'],
  // The platform's own tables: the audit log (read by the audit module, which shows it) and the blob store (modules
  // record a blob row beside the bytes they store).
  platform: ['audit_events', 'audit_head', 'blobs', 'blob_chunks'],
};

/** Writes outside the owner, on purpose. */
const SHARED_WRITES: Record<string, readonly string[]> = { blobs: ['documents', 'indicators', 'leads', 'reports'] };

/** Reads of another module's table in SQL, by reading module (issue 9 follow-ups: move each behind the owner's exports). */
const KNOWN_CROSS_READS: Record<string, readonly string[]> = {
  audit: ['audit_events', 'audit_head', 'inspections', 'programme_drafts', 'programmes', 'relay_campaigns', 'reports', 'tasks'],
  documents: ['blobs'],
  evaluations: ['instructions', 'reports', 'tasks', 'units'],
  exports: ['reports', 'tasks', 'units', 'users'],
  imports: ['tasks', 'units', 'users'],
  inbox: ['instructions', 'notices', 'period_locks', 'reports', 'task_events', 'task_units', 'tasks'],
  indicators: ['task_co_units', 'tasks', 'units'],
  inspections: ['programmes', 'tasks', 'units', 'users'],
  notices: ['milestones', 'programmes', 'reports', 'task_co_units', 'tasks', 'units', 'user_roles', 'users'],
  programmes: ['task_units', 'tasks'],
  relays: ['documents', 'programme_documents', 'programmes', 'task_co_units', 'tasks', 'units'],
  reports: ['tasks'],
  search: ['inspection_findings', 'inspections', 'programme_documents', 'relay_campaigns', 'relay_records', 'reports', 'search_entries', 'task_co_units', 'tasks'],
  'search-index': ['documents', 'inspection_findings', 'inspection_visits', 'relay_campaigns', 'relay_records', 'reports', 'tasks'],
  session: ['user_roles', 'users'],
  stats: ['task_co_units', 'tasks'],
  supervision: ['users'],
  tasks: ['evidence', 'programmes', 'report_events', 'reports'],
};

const MODULES = 'src/server/modules';
const ownerOf = new Map(Object.entries(OWNERS).flatMap(([module, tables]) => tables.map((t) => [t, module] as const)));

function repositories(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? repositories(join(dir, e.name)) : e.name.endsWith('.repository.ts') ? [join(dir, e.name)] : []));
}

/** `[module, operation, table]` of every query builder call naming a table in a module's repositories. */
function tableUses(): Array<{ module: string; write: boolean; table: string; file: string }> {
  return repositories(MODULES).flatMap((file) => {
    const module = file.slice(MODULES.length + 1).split('/')[0]!;
    const text = readFileSync(file, 'utf8');
    return [...text.matchAll(/\.(selectFrom|insertInto|updateTable|deleteFrom|innerJoin|leftJoin|rightJoin|fullJoin)\(\s*'([a-z_]+)/g)].map((m) => ({
      module, write: ['insertInto', 'updateTable', 'deleteFrom'].includes(m[1]!), table: m[2]!, file,
    }));
  });
}

describe('table ownership', () => {
  it('gives every table of the schema one owner', () => {
    const schema = readFileSync('src/server/platform/db/schema.ts', 'utf8');
    const db = schema.slice(schema.indexOf('export interface DB {'));
    const tables = [...db.slice(0, db.indexOf('\n}')).matchAll(/^\s+([a-z_]+): [A-Z]\w*Table;/gm)].map((m) => m[1]!);
    expect(tables.length).toBeGreaterThan(40);
    expect(tables.filter((t) => !ownerOf.has(t))).toEqual([]);
    expect([...ownerOf.keys()].filter((t) => !tables.includes(t))).toEqual([]);
  });

  it('lets only the owner write a table', () => {
    const foreign = tableUses()
      .filter((u) => u.write && ownerOf.get(u.table) !== u.module && !SHARED_WRITES[u.table]?.includes(u.module))
      .map((u) => `${u.file}: ${u.table}`);
    expect([...new Set(foreign)]).toEqual([]);
  });

  it('reads another module’s table only where the list of known reads says so — and that list only shrinks', () => {
    const found = new Map<string, Set<string>>();
    for (const u of tableUses()) {
      if (u.write || ownerOf.get(u.table) === u.module) continue;
      found.set(u.module, (found.get(u.module) ?? new Set()).add(u.table));
    }
    const sorted = (entries: Array<[string, Iterable<string>]>) => Object.fromEntries(entries.map(([m, ts]) => [m, [...ts].sort()] as const).sort(([a], [b]) => a.localeCompare(b)));
    const actual = sorted([...found]);
    const known = sorted(Object.entries(KNOWN_CROSS_READS));
    expect(actual).toEqual(known);
  });
});
