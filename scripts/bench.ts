/**
 * `npm run bench`: what each operation costs on Apps Script, and how that grows with the register.
 *
 * Runs the built bundle (build/Code.js; `npm run bench` builds it first) on the Workspace emulator and
 * measures: one submission with 0, 1,000, 20,000 and 50,000 incidents already in the register, next to the
 * same submission handled by the fair peer (what schools copy: scripts/bench/peer.ts) and the tutorial way;
 * a summary rebuild and a weekly email over 1,000, 10,000 and 50,000 incidents; the nightly audit check with
 * and without the weekly audit anchor, and at every summary size; Set up, opening the spreadsheet and the
 * on-edit audit path. For each: service calls by service,
 * cells moved, Node CPU time, and a modelled Apps Script time from the cost table in bench/cost-model.ts.
 * Prints the tables and writes them as JSON to bench-results/bench.json. An operation whose handler throws
 * is reported as FAILED with no figures, and makes the run exit with status 1.
 *
 * Every modelled time is central (low–high): see bench/cost-model.ts for the ranges and their sources.
 *
 *   tsx scripts/bench.ts [--quick]   (--quick: small registers, for a fast look while developing)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_BUNDLE } from '../emulator/load-bundle';
import {
  COST_CLASSES,
  EXECUTION_LIMIT_MS,
  NEAR_LIMIT_SHARE,
  SIMPLE_TRIGGER_LIMIT_MS,
} from './bench/cost-model';
import {
  benchExitCode,
  checksOf,
  comparisonRows,
  comparisonTable,
  costTable,
  failedOperations,
  notes,
  operationsTable,
  reportedOperation,
  type BundleSize,
} from './bench/report';
import {
  measureOnOpen,
  measureRegisterOfSize,
  measureSetUp,
  measureRepeatSetUp,
  measureAuditCheck,
  measureSummaryAndDigest,
  newBenchSchool,
  type OperationResult,
} from './bench/scenarios';
import { prefillRegister } from './bench/fixtures';

const OUT_FILE = path.resolve(__dirname, '..', 'bench-results', 'bench.json');

/** The same bundle built without minifying (webpack.config.js `--env unminified`), in a scratch folder. */
function unminifiedBundleBytes(): number {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'unminified-'));
  try {
    const webpack = path.resolve(__dirname, '..', 'node_modules', '.bin', 'webpack');
    execFileSync(
      webpack,
      ['--config', 'webpack.config.js', '--env', 'unminified', '--env', `outDir=${dir}`],
      {
        cwd: path.resolve(__dirname, '..'),
        stdio: 'ignore',
      },
    );
    return statSync(path.join(dir, 'Code.js')).size;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function main(): void {
  const quick = process.argv.includes('--quick');
  const submissionSizes = quick ? [0, 100, 2000] : [0, 1000, 20_000, 50_000];
  const summarySizes = quick ? [100, 1000, 5000] : [1000, 10_000, 50_000];

  let bundleBytes: number;
  try {
    bundleBytes = statSync(DEFAULT_BUNDLE).size;
  } catch {
    throw new Error(`No bundle at ${DEFAULT_BUNDLE}: run \`npm run build\` first (npm run bench does).`);
  }
  const bundle: BundleSize = {
    path: path.relative(process.cwd(), DEFAULT_BUNDLE) || DEFAULT_BUNDLE,
    bytes: bundleBytes,
    unminifiedBytes: unminifiedBundleBytes(),
  };

  const started = Date.now();
  const progress = (what: string): void => {
    process.stderr.write(`  [${((Date.now() - started) / 1000).toFixed(1)} s] ${what}\n`);
  };

  const results: OperationResult[] = [];
  progress('Set up');
  results.push(measureSetUp());
  results.push(measureRepeatSetUp());
  for (const n of submissionSizes) {
    progress(`opening the spreadsheet, a submission (product and tutorial) and an edit, ${n} incidents`);
    const ws = newBenchSchool();
    prefillRegister(ws, n);
    results.push(measureOnOpen(ws, n, SIMPLE_TRIGGER_LIMIT_MS));
    results.push(
      ...measureRegisterOfSize(ws, n, { flagged: n === submissionSizes[submissionSizes.length - 1] }),
    );
  }
  for (const n of summarySizes) {
    progress(`summary rebuild and weekly email, ${n} incidents`);
    results.push(...measureSummaryAndDigest(n));
  }
  // The anchor's share is the same at any size; one size, the smallest, keeps the run short.
  progress(`nightly audit check, with and without the weekly anchor, ${summarySizes[0]} incidents`);
  results.push(...measureAuditCheck(summarySizes[0] ?? 1000));
  // The check itself compares every cell of the register with the audit's snapshot: it grows with the
  // register, so it is measured at the larger sizes too, where the limit check can see it.
  for (const n of summarySizes.slice(1)) {
    progress(`nightly audit check, ${n} incidents`);
    results.push(...measureAuditCheck(n, { anchor: false }));
  }
  progress('done');

  const checks = checksOf(results);
  const comparison = comparisonRows(results);
  const report = {
    generatedAt: new Date().toISOString(),
    quick,
    bundle: { ...bundle, kib: Number((bundle.bytes / 1024).toFixed(1)) },
    limits: {
      executionMs: EXECUTION_LIMIT_MS,
      simpleTriggerMs: SIMPLE_TRIGGER_LIMIT_MS,
      nearLimitShare: NEAR_LIMIT_SHARE,
    },
    costModel: COST_CLASSES,
    operations: results.map(reportedOperation),
    comparison,
    checks,
  };
  mkdirSync(path.dirname(OUT_FILE), { recursive: true });
  writeFileSync(OUT_FILE, `${JSON.stringify(report, null, 2)}\n`);

  const out: string[] = [];
  out.push(`Online Safety Incident Log — benchmark${quick ? ' (--quick: small registers)' : ''}`);
  out.push('');
  out.push(operationsTable(results));
  out.push('');
  out.push(
    'One submission: the product, the fair peer (form-linked response sheet, sheet-bound trigger reading ' +
      'e.namedValues) and the tutorial way (whole-sheet read, cell-by-cell write). Modelled: central (low–high):',
  );
  out.push(comparisonTable(comparison));
  out.push('');
  for (const line of notes(results, checks, bundle)) out.push(`• ${line}`);
  out.push('');
  out.push('Cost model (sources in full in the JSON and in scripts/bench/cost-model.ts):');
  out.push(costTable());
  out.push('');
  out.push(`Written: ${path.relative(process.cwd(), OUT_FILE)}`);
  console.log(out.join('\n'));
  const exitCode = benchExitCode(results);
  if (exitCode !== 0) {
    console.error(`Benchmark FAILED: ${failedOperations(results).length} operation(s) failed (see above).`);
  }
  process.exitCode = exitCode;
}

main();
