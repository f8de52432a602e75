import type { Reporter, TestModule } from 'vitest/node';

/** Prints the suite's totals alone on the last line, as `.ci/run` promises: `N passed, N failed, N skipped`. */
export default class TotalsReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = unhandledErrors.length;
    let skipped = 0;
    for (const mod of testModules) {
      let sawTest = false;
      for (const test of mod.children.allTests()) {
        sawTest = true;
        const state = test.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failed += 1;
        else skipped += 1;
      }
      // A file that fails to load has no tests but must still count as a failure.
      if (!sawTest && mod.state() === 'failed') failed += 1;
    }
    // CI names a real database and installs a browser, so there a skipped test means something is missing.
    if (skipped > 0 && process.env.LUOSHI_FORBID_SKIPS === '1') {
      process.stdout.write(`\nLUOSHI_FORBID_SKIPS=1: ${skipped} skipped tests count as failures\n`);
      failed += skipped;
      process.exitCode = 1;
    }
    process.stdout.write(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
  }
}
