// Sums the Vitest and Playwright JSON reports into the closing "N passed, N failed" line.
// Failed CI steps that produced no report (typecheck, lint, build) count as failures too.
import { existsSync, readFileSync } from 'node:fs';

const [vitestFile, playwrightFile, failedSteps = '0'] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;

if (vitestFile && existsSync(vitestFile)) {
  const report = JSON.parse(readFileSync(vitestFile, 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += (report.numFailedTests ?? 0);
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}
if (playwrightFile && existsSync(playwrightFile)) {
  const { stats } = JSON.parse(readFileSync(playwrightFile, 'utf8'));
  passed += (stats?.expected ?? 0) + (stats?.flaky ?? 0);
  failed += stats?.unexpected ?? 0;
  skipped += stats?.skipped ?? 0;
}
const testFailures = failed;
// A failed step with no failing test in it (typecheck, lint, build) still fails the run.
if (Number(failedSteps) > 0 && testFailures === 0) failed += Number(failedSteps);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
