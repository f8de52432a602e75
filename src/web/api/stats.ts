/** The dashboards (`GET /api/v1/stats`) and the role home (`GET /api/v1/home`); shapes come from src/contract. */
import { useQuery } from '@tanstack/react-query';
import type { LedgerQuery, StatsQuery } from '../../contract/stats.ts';
import { call } from './client.ts';
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
