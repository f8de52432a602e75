// The layering rule of scripts/eslint/boundaries.js, checked on code that breaks it and code that keeps it.
import { resolve } from 'node:path';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, describe, it } from 'vitest';
import plugin from '../../scripts/eslint/boundaries.js';

// RuleTester looks for mocha-style globals; vitest's are handed over explicitly.
Object.assign(RuleTester, { afterAll, describe, it, itOnly: it.only });

const at = (path: string) => resolve(__dirname, '../..', path);
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' } });

tester.run('luoshi/boundaries', plugin.rules.boundaries, {
  valid: [
    { filename: at('src/server/modules/reports/write-report.ts'), code: "import { findTask } from '../tasks/index.ts';" },
    { filename: at('src/server/modules/reports/write-report.ts'), code: "import { x } from './reports.repository.ts';" },
    { filename: at('src/cli/commands/decompose.ts'), code: "const m = await import('../../server/modules/documents/reading/index.ts');" },
    { filename: at('src/server/app.ts'), code: "import { taskRoutes } from './modules/tasks/index.ts';" },
    { filename: at('src/server/platform/db/database.ts'), code: "import { migrations } from '../../migrations/index.ts';" },
    { filename: at('src/core/tasks/health.ts'), code: "import { toLocalDate } from '../time.ts';" },
    { filename: at('src/contract/tasks.ts'), code: "import { Type } from 'typebox';\nimport type { TaskState } from '../core/tasks/index.ts';" },
    { filename: at('src/server/modules/notices/webhook-signing.ts'), code: "import { createHmac } from 'node:crypto';" },
    // Tests may reach into a module.
    { filename: at('src/server/modules/reports/write-report.test.ts'), code: "import { x } from '../tasks/tasks.repository.ts';" },
  ],
  invalid: [
    { filename: at('src/server/modules/reports/write-report.ts'), code: "import { findTask } from '../tasks/tasks.repository.ts';", errors: [{ message: /through its index\.ts/ }] },
    { filename: at('src/server/modules/reports/write-report.ts'), code: "export { findTask } from '../tasks/task-queries.ts';", errors: 1 },
    { filename: at('src/server/platform/http/app.ts'), code: "import { taskRoutes } from '../../modules/tasks/index.ts';", errors: [{ message: /must not import a module/ }] },
    { filename: at('src/server/platform/http/app.ts'), code: "import { buildApp } from '../../app.ts';", errors: [{ message: /platform must not import/ }] },
    { filename: at('src/core/notices/webhook-formats.ts'), code: "import { createHmac } from 'node:crypto';", errors: [{ message: /runs in a browser/ }] },
    { filename: at('src/core/intake/compare.ts'), code: "import { segmentWords } from '../../server/platform/segment.ts';", errors: [{ message: /must not import/ }] },
    { filename: at('src/contract/tasks.ts'), code: "import dayjs from 'dayjs';", errors: [{ message: /only on typebox/ }] },
    { filename: at('src/web/api/client.ts'), code: "import { x } from '../../server/modules/tasks/index.ts';", errors: 1 },
  ],
});
