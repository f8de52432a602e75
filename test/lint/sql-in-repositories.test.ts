// The rule of scripts/eslint/sql-in-repositories.js: Kysely's query builders and the sql tag only in repositories.
import { resolve } from 'node:path';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, describe, it } from 'vitest';
import plugin from '../../scripts/eslint/boundaries.js';

// RuleTester looks for mocha-style globals; vitest's are handed over explicitly.
Object.assign(RuleTester, { afterAll, describe, it, itOnly: it.only });

const at = (path: string) => resolve(__dirname, '../..', path);
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' } });

tester.run('luoshi/sql-in-repositories', plugin.rules['sql-in-repositories'], {
  valid: [
    { filename: at('src/server/modules/tasks/tasks.repository.ts'), code: "import { sql } from 'kysely';\nconst r = await db.selectFrom('tasks').selectAll().execute();" },
    { filename: at('src/server/modules/tasks/task-queries.repository.ts'), code: "await db.with('t', (qb) => qb.selectFrom('tasks').select('id')).selectFrom('t').selectAll().execute();" },
    { filename: at('src/server/modules/reports/review-report.ts'), code: "await ctx.db.transaction().execute(async (trx) => { await repo.updateReportRow(trx, id, patch, now, 1); });" },
    // Types from kysely are fine anywhere: services take a Kysely<DB> handle to pass on.
    { filename: at('src/server/modules/reports/write-report.ts'), code: "import type { Kysely } from 'kysely';\nimport { type ExpressionBuilder } from 'kysely';" },
    { filename: at('src/server/modules/reports/write-report.ts'), code: "const copy = list.with(0, 'x');" },
    // Infrastructure, tests and other layers are not checked.
    { filename: at('src/server/platform/db/sql-helpers.ts'), code: "import { sql } from 'kysely';\nawait db.selectFrom('tasks').selectAll().execute();" },
    { filename: at('src/server/generate/tasks.ts'), code: "await db.insertInto('tasks').values(rows).execute();" },
    { filename: at('src/server/modules/tasks/task-health.test.ts'), code: "await db.updateTable('tasks').set({ health: 'red' }).execute();" },
  ],
  invalid: [
    { filename: at('src/server/modules/tasks/task-queries.ts'), code: "const rows = await db.selectFrom('tasks').selectAll().execute();", errors: [{ message: /\.selectFrom\(\) belongs in a \*\.repository\.ts file/ }] },
    { filename: at('src/server/modules/users/users.service.ts'), code: "await trx.deleteFrom('sessions').where('user_id', '=', id).execute();", errors: 1 },
    { filename: at('src/server/modules/tasks/task-editing.ts'), code: "await trx.insertInto('milestones').values(row).execute();", errors: 1 },
    { filename: at('src/server/modules/tasks/task-report-effects.ts'), code: "await trx.updateTable('tasks').set({ progress }).execute();", errors: 1 },
    { filename: at('src/server/modules/search/search.scope.ts'), code: "const f = (eb) => eb('x', 'in', eb.selectFrom('relay_campaigns').select('id'));", errors: 1 },
    { filename: at('src/server/modules/stats/stats.service.ts'), code: "await db.with('t', (qb) => qb).selectFrom('t').execute();", errors: 2 },
    { filename: at('src/server/modules/health/health.routes.ts'), code: "import { sql } from 'kysely';", errors: [{ message: /sql tag/ }] },
    { filename: at('src/server/modules/notices/immediate.ts'), code: "import { sql, type Kysely } from 'kysely';", errors: 1 },
    { filename: at('src/server/modules/notices/immediate.ts'), code: "import * as k from 'kysely';", errors: 1 },
  ],
});
