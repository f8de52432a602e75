/**
 * Field inventories: every answer the UI reads has, next to the hooks that fetch it, a list of all its fields, each
 * marked 'shown' (the UI uses it) or 'ignored' (decided not to). The contract types the answers, so a changed or
 * removed field already breaks the build where it is read; the inventory makes an *added* field break it too, until
 * someone decides whether the UI shows it — a new field is never silently dropped on the floor.
 *
 *   export const milestoneFields = fieldsOf<MilestoneResponse>()({ id: 'shown', title: 'shown', doneAt: 'ignored', … });
 *
 * A field the contract gains and the inventory lacks, or a listed field the contract no longer has, is a compile error.
 * test/web/fields.test.ts checks that every answer type the web api imports has an inventory.
 */

export type FieldUse = 'shown' | 'ignored';

/** Every key of every member of a union (an answer that is one of several shapes lists the fields of all of them). */
type KeysOf<T> = T extends unknown ? keyof T : never;

/** The inventory of `T`'s fields: curried so `T` is given and the listed fields are inferred and checked exactly. */
export const fieldsOf =
  <T>() =>
  <const F extends { readonly [K in KeysOf<T>]: FieldUse }>(fields: F & { readonly [K in Exclude<keyof F, KeysOf<T>>]: never }): F =>
    fields;
