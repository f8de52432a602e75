/** The demo: organisation plus the reference document. */
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { systemActor } from '../platform/auth/actor.ts';
import type { AppContext } from '../platform/context.ts';
import { findDocumentBySha, importDocument } from '../modules/documents/index.ts';
import { seedDemoOrganisation } from './seed-demo.ts';
import { seedDemoMechanismRelays } from './demo-mechanism-relays.ts';
import { seedMeasureDemo } from './demo-mechanism-measure.ts';
import { PACKAGE_ROOT } from '../platform/paths.ts';

export { DEMO_PASSWORD, DEMO_USERS } from './seed-demo.ts';

/** The reference communiqué, committed with its provenance in demo/PROVENANCE.md. */
export const REFERENCE_DOCUMENT = pathToFileURL(join(PACKAGE_ROOT, 'demo/wuhan-plenary-communique-2023-12-28.txt'));

export interface DemoResult {
  createdUnits: number;
  createdUsers: number;
  createdDocuments: number;
}

/** Loads whatever part of the demo is missing; running it twice adds nothing. */
export async function seedDemo(ctx: AppContext): Promise<DemoResult> {
  const org = await seedDemoOrganisation(ctx);
  const bytes = await readFile(REFERENCE_DOCUMENT);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  let createdDocuments = 0;
  let document = await findDocumentBySha(ctx, sha256);
  if (!document) {
    document = (await importDocument(ctx, systemActor('demo'), { bytes, filename: 'wuhan-plenary-communique-2023-12-28.txt' })).document;
    createdDocuments += 1;
  }
  await seedDemoMechanismRelays(ctx, document.id);
  await seedMeasureDemo(ctx);
  return { ...org, createdDocuments };
}
