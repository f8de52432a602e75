/** Bulk actions on tasks: `POST /api/v1/tasks/bulk` — all or nothing. */
import { Type, type Static } from 'typebox';
import { Nullable } from './common.ts';
import { endpoint } from './endpoint.ts';
import { Literals } from './literals.ts';

export const BULK_ACTIONS = ['assign', 'setDueDate', 'remind'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

export const BulkRowResult = Type.Object({ taskId: Type.String(), ok: Type.Boolean(), code: Nullable(Type.String()), message: Nullable(Type.String()) });
export type BulkRowResult = Static<typeof BulkRowResult>;

export const BulkBody = Type.Object({
  action: Literals(BULK_ACTIONS),
  taskIds: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 1000 }),
  leadUnitId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  dueDate: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
  message: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false });
export type BulkBody = Static<typeof BulkBody>;

export const BulkResponse = Type.Object({ results: Type.Array(BulkRowResult) });
export type BulkResponse = Static<typeof BulkResponse>;

/** The 422 of a refused bulk action: nothing changed, and every row says why. */
export const BulkRefusedBody = Type.Object({ error: Type.Object({ code: Type.String(), message: Type.String() }), results: Type.Array(BulkRowResult) });
export type BulkRefusedBody = Static<typeof BulkRefusedBody>;

export const bulkEndpoints = {
  run: endpoint({ method: 'POST', path: '/api/v1/tasks/bulk', body: BulkBody, response: { 200: BulkResponse } }) };
