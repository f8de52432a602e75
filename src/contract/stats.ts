/** The dashboards (统计): `GET /api/v1/stats` with the ledger's filters. */
import { Type, type Static } from 'typebox';
import { endpoint } from './endpoint.ts';
import { LEDGER_FILTER_FIELDS } from './ledger.ts';
import { HealthColourSchema, TaskStateSchema } from './tasks.ts';

export const StatsQuery = Type.Object(LEDGER_FILTER_FIELDS, { additionalProperties: false });
export type StatsQuery = Static<typeof StatsQuery>;

const Count = Type.Integer({ minimum: 0 });
const Rate = Type.Union([Type.Null(), Type.Number({ minimum: 0, maximum: 1 })]);
const Localised = Type.Object({ 'zh-Hans': Type.String(), 'zh-Hant': Type.String(), en: Type.String() });

/** Tasks per health colour (closed and draft tasks have none). */
export const HealthCounts = Type.Object({ red: Count, yellow: Count, blue: Count, green: Count, grey: Count, none: Count });
export type HealthCounts = Static<typeof HealthCounts>;

/** Counts of one group (all, one work area, one unit) under the filter. */
export const StatsBucket = Type.Object({
  id: Type.String(),
  name: Type.String(),
  total: Count,
  closed: Count,
  overdue: Count,
  /** Mean progress (0–100) of the group's tasks. */
  progress: Type.Number({ minimum: 0, maximum: 100 }),
  health: HealthCounts,
});
export type StatsBucket = Static<typeof StatsBucket>;

export const ReportCountsBody = Type.Object({ submitted: Count, onTime: Count, accepted: Count, acceptedFirst: Count });

export const StatsUnitBucket = Type.Intersect([StatsBucket, Type.Object({ reports: ReportCountsBody })]);
export type StatsUnitBucket = Static<typeof StatsUnitBucket>;

export const StatsListItem = Type.Object({
  id: Type.String(),
  title: Type.String(),
  label: Type.Union([Type.Null(), Type.String()]),
  programmeId: Type.String(),
  areaId: Type.String(),
  areaTitle: Type.String(),
  leadUnitId: Type.Union([Type.Null(), Type.String()]),
  leadUnitName: Type.Union([Type.Null(), Type.String()]),
  dueDate: Type.Union([Type.Null(), Type.String()]),
  state: TaskStateSchema,
  health: HealthColourSchema,
  progress: Type.Number(),
  /** The light's reason in words, in every UI language. */
  reason: Type.Union([Type.Null(), Localised]),
  /** Calendar days past the due date (0 when not overdue). */
  overdueDays: Count,
});
export type StatsListItem = Static<typeof StatsListItem>;

export const StatsList = Type.Object({ total: Count, items: Type.Array(StatsListItem) });

export const TrendPoint = Type.Object({
  day: Type.String(),
  red: Count,
  yellow: Count,
  blue: Count,
  green: Count,
  grey: Count,
  closed: Count,
  total: Count,
  /** True for the point computed now; the others are the last daily snapshot of their week. */
  live: Type.Boolean(),
});
export type TrendPoint = Static<typeof TrendPoint>;

export const TreeNode = Type.Object({
  id: Type.String(),
  parentId: Type.Union([Type.Null(), Type.String()]),
  kind: Type.Union([Type.Literal('programme'), Type.Literal('area'), Type.Literal('task')]),
  name: Type.String(),
  /** Tasks under the node (1 for a task). */
  value: Count,
  /** The worst light under the node. */
  health: HealthColourSchema,
  counts: HealthCounts,
});
export type TreeNode = Static<typeof TreeNode>;

/** A ledger query (the ledger page's URL parameters) that lists exactly the tasks a number counts. */
export const LedgerQuery = Type.Record(Type.String(), Type.String());
export type LedgerQuery = Static<typeof LedgerQuery>;

export const StatsResponse = Type.Object({
  /** The filter the numbers answer, with the defaults applied (`kind=task` unless another kind was asked for). */
  filter: LedgerQuery,
  /** The local date "overdue" is judged against. */
  today: Type.String(),
  totals: StatsBucket,
  byArea: Type.Array(StatsBucket),
  byUnit: Type.Array(StatsUnitBucket),
  rates: Type.Object({
    /** 签收: signed within `days` days of 交办; unsigned tasks past that count against. */
    signing: Type.Object({ days: Count, onTime: Count, late: Count, unsignedOverdue: Count, rate: Rate }),
    /** First submissions of progress reports made by their period's deadline. */
    reporting: Type.Object({ submitted: Count, onTime: Count, rate: Rate }),
    /** Accepted reports that were accepted at their first submission. */
    firstAcceptance: Type.Object({ accepted: Count, acceptedFirst: Count, rate: Rate }),
  }),
  red: StatsList,
  overdue: StatsList,
  trend: Type.Object({
    points: Type.Array(TrendPoint),
    /** False when the filter narrows beyond programme and work area: then only the live point is given. */
    history: Type.Boolean(),
  }),
  tree: Type.Array(TreeNode),
  /** Ledger queries for the drill-downs that are not a single field: add `areaId` or `unitId` for a bar. */
  drill: Type.Object({ all: LedgerQuery, closed: Type.Union([Type.Null(), LedgerQuery]), overdue: Type.Union([Type.Null(), LedgerQuery]), red: Type.Union([Type.Null(), LedgerQuery]) }),
  abilities: Type.Object({ instruct: Type.Boolean(), remind: Type.Boolean() }),
});
export type StatsResponse = Static<typeof StatsResponse>;

export const statsEndpoints = {
  get: endpoint({ method: 'GET', path: '/api/v1/stats', querystring: StatsQuery, response: { 200: StatsResponse } }),
};
