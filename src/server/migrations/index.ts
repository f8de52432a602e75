/** The frozen, ordered list of migrations. Never edit a migration once it has landed; add a new one. */
import type { Migration } from 'kysely';
import * as m0001 from './0001-foundation.ts';
import * as m0002 from './0002-programmes.ts';
import * as m0003 from './0003-reports.ts';
import * as m0004 from './0004-notices.ts';
import * as m0006 from './0006-trust.ts';
import * as m0007 from './0007-decisions.ts';
import * as m0008 from './0008-programme-intake.ts';
import * as m0009 from './0009-performance.ts';
import * as m0010 from './0010-relays-inspections.ts';
import * as m0011 from './0011-oversight.ts';
import * as m0012 from './0012-scale.ts';
import * as m0013 from './0013-indicators-evaluations.ts';
import * as m0014 from './0014-audit-append.ts';
import * as m0016 from './0016-public.ts';
import * as m0017 from './0017-rectification-areas.ts';
import * as m0018 from './0018-search-parents.ts';
import * as m0019 from './0019-stats-version.ts';
import * as m0020 from './0020-search-type-order.ts';
import * as m0021 from './0021-published-views.ts';

export const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-programmes': m0002,
  '0003-reports': m0003,
  '0004-notices': m0004,
  '0006-trust': m0006,
  '0007-decisions': m0007,
  '0008-programme-intake': m0008,
  '0009-performance': m0009,
  '0010-relays-inspections': m0010,
  '0011-oversight': m0011,
  '0012-scale': m0012,
  '0013-indicators-evaluations': m0013,
  '0014-audit-append': m0014,
  '0016-public': m0016,
  '0017-rectification-areas': m0017,
  '0018-search-parents': m0018,
  '0019-stats-version': m0019,
  '0020-search-type-order': m0020,
  '0021-published-views': m0021,
};
