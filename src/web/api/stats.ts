/** The dashboards (`GET /api/v1/stats`) and the role home (`GET /api/v1/home`); shapes come from src/contract. */
import { useQuery } from '@tanstack/react-query';
import type {
  HealthCounts, LedgerQuery, StatsBucket, StatsListItem, StatsQuery, StatsResponse, StatsUnitBucket, TreeNode, TrendPoint,
} from '../../contract/stats.ts';
import type { HomeResponse, InstructionOutcome } from '../../contract/home.ts';
import type { RelayAttentionItem } from '../../contract/relays.ts';
import { call } from './client.ts';
import { fieldsOf } from './fields.ts';
import { keys } from './keys.ts';
import { HEALTH_COLOURS, TASK_KINDS, TASK_STATES, type HealthColour, type LedgerFilter, type TaskKind, type TaskState } from './tasks.ts';

export type { HomeResponse, InstructionOutcome } from '../../contract/home.ts';
export type { HealthCounts, LedgerQuery, StatsBucket, StatsListItem, StatsResponse, StatsUnitBucket, TreeNode, TrendPoint } from '../../contract/stats.ts';

const csv = (values: readonly string[] | undefined) => (values?.length ? values.join(',') : undefined);

/** The ledger filter as the API's query (sorting left out: it does not change a count). */
export function statsQueryOf(f: LedgerFilter): StatsQuery {
  return { programmeId: f.programmeId, areaId: f.areaId, unitId: f.unitId, health: csv(f.health), state: csv(f.state), kind: csv(f.kind), tag: f.tag, dueFrom: f.dueFrom, dueTo: f.dueTo, q: f.q };
}

const listOf = <T extends string>(raw: string | undefined, allowed: readonly T[]): T[] | undefined => {
  const values = (raw ?? '').split(',').filter((v): v is T => (allowed as readonly string[]).includes(v));
  return values.length ? values : undefined;
};

/** A drill-down query from the server as the ledger page's filter. */
export function ledgerFilterOf(q: LedgerQuery): LedgerFilter {
  return {
    programmeId: q.programmeId,
    areaId: q.areaId,
    unitId: q.unitId,
    health: listOf<HealthColour>(q.health, HEALTH_COLOURS),
    state: listOf<TaskState>(q.state, TASK_STATES),
    kind: listOf<TaskKind>(q.kind, TASK_KINDS),
    tag: q.tag,
    dueFrom: q.dueFrom,
    dueTo: q.dueTo,
    q: q.q,
  };
}

export function useStats(filter: LedgerFilter) {
  const query = statsQueryOf(filter);
  return useQuery({
    // Under 'tasks', so every lifecycle action or report refreshes the numbers too.
    queryKey: [...keys.tasks, 'stats', query],
    queryFn: ({ signal }) => call('GET /api/v1/stats', { query, signal }),
    staleTime: 30_000,
  });
}

export function useHome() {
  return useQuery({
    queryKey: [...keys.tasks, 'home'],
    queryFn: ({ signal }) => call('GET /api/v1/home', { signal }),
    staleTime: 30_000,
  });
}

// What the UI reads of the answers fetched here (see fields.ts): a field the contract adds fails the build until listed.
export const statsFields = fieldsOf<StatsResponse>()({
  filter: 'shown', today: 'shown', totals: 'shown', byArea: 'shown', byUnit: 'shown', rates: 'shown', red: 'shown', overdue: 'shown', trend: 'shown',
  tree: 'shown', drill: 'shown', abilities: 'shown',
});
export const statsBucketFields = fieldsOf<StatsBucket>()({
  id: 'shown', name: 'shown', total: 'shown', closed: 'shown', overdue: 'shown', progress: 'shown', health: 'shown',
});
export const healthCountsFields = fieldsOf<HealthCounts>()({
  red: 'shown', yellow: 'shown', blue: 'shown', green: 'shown', grey: 'shown', none: 'shown',
});
export const statsUnitBucketFields = fieldsOf<StatsUnitBucket>()({
  id: 'shown', name: 'shown', total: 'shown', closed: 'shown', overdue: 'shown', progress: 'shown', health: 'shown', reports: 'shown',
});
export const statsListItemFields = fieldsOf<StatsListItem>()({
  id: 'shown', title: 'shown', label: 'shown', programmeId: 'shown', areaId: 'shown', areaTitle: 'shown', leadUnitId: 'shown', leadUnitName: 'shown',
  dueDate: 'shown', state: 'shown', health: 'shown', progress: 'shown', reason: 'shown', overdueDays: 'shown',
});
export const trendPointFields = fieldsOf<TrendPoint>()({
  day: 'shown', red: 'shown', yellow: 'shown', blue: 'shown', green: 'shown', grey: 'shown', closed: 'shown', total: 'shown', live: 'shown',
});
export const treeNodeFields = fieldsOf<TreeNode>()({
  id: 'shown', parentId: 'shown', kind: 'shown', name: 'shown', value: 'shown', health: 'shown', counts: 'shown',
});
export const homeFields = fieldsOf<HomeResponse>()({
  health: 'shown', byArea: 'ignored', attention: 'shown', unitsMostOverdue: 'shown', unitsNotSigned: 'shown', instructions: 'shown',
  overdueUnreminded: 'shown', relaysOverdue: 'shown', unit: 'shown', drill: 'shown', abilities: 'shown',
});
export const instructionOutcomeFields = fieldsOf<InstructionOutcome>()({
  id: 'shown', taskId: 'shown', taskTitle: 'shown', reportId: 'shown', authorId: 'ignored', text: 'shown', createdAt: 'shown', stateThen: 'shown',
  stateNow: 'shown', health: 'shown', reason: 'shown', reportsSince: 'shown', transitionsSince: 'ignored', answered: 'shown',
});
export const relayAttentionItemFields = fieldsOf<RelayAttentionItem>()({
  id: 'shown', documentTitle: 'shown', programmeTitle: 'ignored', deadline: 'shown', expected: 'shown', missing: 'shown', health: 'shown',
});
