/** The `blobs` table: one row per stored blob, which `luoshi blobs migrate` and `verify` walk. */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/** Whether the database already records a blob with this hash (the same bytes stored earlier, by any module). */
export async function hasBlobRecord(db: Kysely<DB>, sha256: string): Promise<boolean> {
  return (await db.selectFrom('blobs').select('sha256').where('sha256', '=', sha256).executeTakeFirst()) !== undefined;
}
