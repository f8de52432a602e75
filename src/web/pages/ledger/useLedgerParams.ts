/** The ledger's filters live in the URL query, so a filtered ledger can be bookmarked, shared and reloaded. */
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { HEALTH_COLOURS, LEDGER_SORTS, TASK_KINDS, TASK_STATES, type HealthColour, type LedgerFilter, type LedgerSort, type TaskKind, type TaskState } from '../../api/tasks.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

const listOf = <T extends string>(raw: string | null, allowed: readonly T[]): T[] | undefined => {
  const values = (raw ?? '').split(',').filter((v): v is T => (allowed as readonly string[]).includes(v));
  return values.length ? values : undefined;
};

const text = (raw: string | null) => raw?.trim() || undefined;
const day = (raw: string | null) => (raw && DAY.test(raw) ? raw : undefined);

/** URL parameter names: short and readable (`?programme=…&health=red,yellow&sort=due`). */
const PARAM: Record<keyof LedgerFilter, string> = {
  programmeId: 'programme',
  areaId: 'area',
  unitId: 'unit',
  health: 'health',
  state: 'state',
  tag: 'tag',
  dueFrom: 'from',
  dueTo: 'to',
  q: 'q',
  kind: 'kind',
  sort: 'sort',
  order: 'order',
};

/** The ledger's address for a filter: the one way other pages link to a filtered ledger. */
export function ledgerUrl(filter: Partial<LedgerFilter>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter) as Array<[keyof LedgerFilter, LedgerFilter[keyof LedgerFilter]]>) {
    const str = Array.isArray(value) ? value.join(',') : value;
    if (str) params.set(PARAM[key], String(str));
  }
  const qs = params.toString();
  return qs ? `/ledger?${qs}` : '/ledger';
}

export function useLedgerParams(): [LedgerFilter, (patch: Partial<LedgerFilter>) => void] {
  const [params, setParams] = useSearchParams();
  const filter = useMemo<LedgerFilter>(() => {
    const sort = params.get(PARAM.sort);
    const order = params.get(PARAM.order);
    const f: LedgerFilter = {
      programmeId: text(params.get(PARAM.programmeId)),
      areaId: text(params.get(PARAM.areaId)),
      unitId: text(params.get(PARAM.unitId)),
      health: listOf<HealthColour>(params.get(PARAM.health), HEALTH_COLOURS),
      state: listOf<TaskState>(params.get(PARAM.state), TASK_STATES),
      tag: text(params.get(PARAM.tag)),
      dueFrom: day(params.get(PARAM.dueFrom)),
      dueTo: day(params.get(PARAM.dueTo)),
      q: text(params.get(PARAM.q)),
      kind: listOf<TaskKind>(params.get(PARAM.kind), TASK_KINDS),
      sort: (LEDGER_SORTS as readonly string[]).includes(sort ?? '') ? (sort as LedgerSort) : undefined,
      order: order === 'asc' || order === 'desc' ? order : undefined,
    };
    // Undefined entries would make two equal filters look different to the query cache.
    return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as LedgerFilter;
  }, [params]);

  const update = useCallback((patch: Partial<LedgerFilter>) => {
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [key, value] of Object.entries(patch) as Array<[keyof LedgerFilter, LedgerFilter[keyof LedgerFilter]]>) {
        const name = PARAM[key];
        const str = Array.isArray(value) ? value.join(',') : value;
        if (str) next.set(name, str);
        else next.delete(name);
      }
      return next;
    }, { replace: true });
  }, [setParams]);

  return [filter, update];
}
