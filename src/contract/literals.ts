/** Unions of literals built from the core's const arrays, so the contract and the core cannot drift. */
import { Type, type TLiteral, type TUnion } from 'typebox';

/** `['a', 'b']` → `'a' | 'b'` as a schema; the cast keeps the union's type (a mapped array loses its literals). */
export const Literals = <const T extends string>(values: readonly T[]): TUnion<[TLiteral<T>]> => Type.Union(values.map((v) => Type.Literal(v))) as unknown as TUnion<[TLiteral<T>]>;
