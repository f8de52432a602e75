/** The role homes: `GET /api/v1/home` answers the first question of each role (the inbox stays `GET /api/v1/inbox`). */
import { Type, type Static } from 'typebox';
import { endpoint } from './endpoint.ts';
import { RelayAttentionItem } from './relays.ts';
import { LedgerQuery, StatsBucket, StatsList, StatsUnitBucket } from './stats.ts';

const Count = Type.Integer({ minimum: 0 });
const Localised = Type.Object({ 'zh-Hans': Type.String(), 'zh-Hant': Type.String(), en: Type.String() });

/** A 批示 and what came of it since: reports submitted, the task's state then and now. */
export const InstructionOutcome = Type.Object({
  id: Type.String(),
  taskId: Type.String(),
  taskTitle: Type.String(),
  reportId: Type.Union([Type.Null(), Type.String()]),
  authorId: Type.String(),
  text: Type.String(),
  createdAt: Type.String(),
  stateThen: Type.String(),
  stateNow: Type.String(),
  health: Type.String(),
  reason: Type.Union([Type.Null(), Localised]),
  /** Progress reports submitted on the task since the instruction. */
  reportsSince: Count,
  /** Task lifecycle events (签收, 申请办结, 销号 …) since the instruction. */
  transitionsSince: Count,
  /** Something happened on the task since: a report or a lifecycle step. */
  answered: Type.Boolean(),
});
export type InstructionOutcome = Static<typeof InstructionOutcome>;

export const HomeResponse = Type.Object({
  /** The caller's tasks (kind `task`) in their scope: totals by colour, closed, overdue. */
  health: StatsBucket,
  byArea: Type.Array(StatsBucket),
  /** Red and yellow tasks with their reasons, most urgent first. */
  attention: Type.Object({ red: StatsList, yellow: StatsList }),
  /** Units with the most overdue tasks (at most 10, only those with any). */
  unitsMostOverdue: Type.Array(StatsUnitBucket),
  /** Units with tasks waiting for 签收 (lead or co-unit, as the ledger's unit filter). */
  unitsNotSigned: Type.Array(StatsBucket),
  /** Recent 批示 (the leader's own; for others those on tasks they see) and what came of them. */
  instructions: Type.Object({ total: Count, items: Type.Array(InstructionOutcome) }),
  /** Supervisor: overdue tasks of their programmes no 催办/督办 has gone out for since the due date. */
  overdueUnreminded: StatsList,
  /** Supervisor: 传达学习 campaigns of their programmes past the deadline with units still to record (red units). */
  relaysOverdue: Type.Array(RelayAttentionItem),
  /** Liaison: their own unit's health. */
  unit: Type.Union([Type.Null(), Type.Object({ id: Type.String(), name: Type.String(), health: StatsBucket })]),
  drill: Type.Object({ all: LedgerQuery, overdue: Type.Union([Type.Null(), LedgerQuery]), notSigned: LedgerQuery }),
  abilities: Type.Object({ instruct: Type.Boolean(), remind: Type.Boolean(), review: Type.Boolean() }),
});
export type HomeResponse = Static<typeof HomeResponse>;

export const homeEndpoints = {
  get: endpoint({ method: 'GET', path: '/api/v1/home', response: { 200: HomeResponse } }),
};
