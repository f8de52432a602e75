import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Each table has one owning module (docs/ARCHITECTURE.md, "Data access"): only its repositories name it in SQL. Another
 * module reads it through the owner's exported functions and subquery builders, or through a view the owner publishes
 * as its read model (`…View` in the schema). Both the query builder's table names and the tables named in raw `sql`
 * templates count.
 */

const OWNERS: Record<string, readonly string[]> = {
  units: ['units'],
  users: ['users', 'user_roles'],
  session: ['sessions', 'api_tokens', 'sign_in_failures'],
  documents: ['documents'],
  drafts: ['programme_drafts'],
  programmes: ['programmes', 'programme_documents', 'programme_settings'],
  supervision: ['programme_supervisors'],
  tasks: ['tasks', 'task_co_units', 'task_units', 'milestones', 'task_events'],
  reports: ['reports', 'report_events', 'evidence', 'period_locks', 'report_counters', 'task_report_facts', 'task_report_decisions'],
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


const MODULES = 'src/server/modules';
const ownerOf = new Map(Object.entries(OWNERS).flatMap(([module, tables]) => tables.map((t) => [t, module] as const)));

function repositories(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? repositories(join(dir, e.name)) : e.name.endsWith('.repository.ts') ? [join(dir, e.name)] : []));
}

const schemaText = readFileSync('src/server/platform/db/schema.ts', 'utf8');
const dbInterface = schemaText.slice(schemaText.indexOf('export interface DB {'));
/** The relations of the schema: tables, and the views owners publish (read by anyone, written by no one). */
const relations = [...dbInterface.slice(0, dbInterface.indexOf('\n}')).matchAll(/^\s+([a-z_]+): [A-Z]\w*(Table|View);/gm)].map((m) => ({ name: m[1]!, view: m[2] === 'View' }));
const views = new Set(relations.filter((r) => r.view).map((r) => r.name));

/** `[module, operation, table]` of every query builder call, and every table a raw `sql` template reads, in a module's repositories. */
function tableUses(): Array<{ module: string; write: boolean; table: string; file: string }> {
  const known = new Set(relations.map((r) => r.name));
  return repositories(MODULES).flatMap((file) => {
    const module = file.slice(MODULES.length + 1).split('/')[0]!;
    const text = readFileSync(file, 'utf8');
    const built = [...text.matchAll(/\.(selectFrom|insertInto|updateTable|deleteFrom|innerJoin|leftJoin|rightJoin|fullJoin)\(\s*'([a-z_]+)/g)].map((m) => ({
      module, write: ['insertInto', 'updateTable', 'deleteFrom'].includes(m[1]!), table: m[2]!, file,
    }));
    const raw = [...text.matchAll(/\bsql(?:<[^`]*?>)?`([^`]*)`/g)].flatMap((t) =>
      [...t[1]!.matchAll(/\b(from|join|into|update)\s+([a-z_]+)\b/gi)].filter((m) => known.has(m[2]!)).map((m) => ({
        module, write: /into|update/i.test(m[1]!), table: m[2]!, file,
      })));
    return [...built, ...raw];
  });
}

describe('table ownership', () => {
  it('gives every table and view of the schema one owner', () => {
    const names = relations.map((r) => r.name);
    expect(names.length).toBeGreaterThan(40);
    expect(names.filter((t) => !ownerOf.has(t))).toEqual([]);
    expect([...ownerOf.keys()].filter((t) => !names.includes(t))).toEqual([]);
  });

  it('sees the tables a raw sql template reads', () => {
    const uses = tableUses().filter((u) => u.file.endsWith('tasks/tasks.repository.ts') && !u.write);
    expect(uses.map((u) => u.table)).toEqual(expect.arrayContaining(['milestones', 'task_report_facts', 'programme_settings']));
  });

  it('lets only the owner write a table', () => {
    const foreign = tableUses()
      .filter((u) => u.write && ownerOf.get(u.table) !== u.module && !SHARED_WRITES[u.table]?.includes(u.module))
      .map((u) => `${u.file}: ${u.table}`);
    expect([...new Set(foreign)]).toEqual([]);
  });

  it('lets no module read another module’s table in SQL (views excepted)', () => {
    const foreign = tableUses()
      .filter((u) => !u.write && ownerOf.get(u.table) !== u.module && !views.has(u.table))
      .map((u) => `${u.file}: ${u.table}`);
    expect([...new Set(foreign)]).toEqual([]);
  });
});
