/** Turns the benchmark's measurements into the printed tables and the JSON report. */
import {
  COST_CLASSES,
  DAILY_TRIGGER_RUNTIME_MS,
  EXECUTION_LIMIT_MS,
  NEAR_LIMIT_SHARE,
  SIMPLE_TRIGGER_LIMIT_MS,
  type CostClassId,
} from './cost-model';
import type { OperationResult } from './scenarios';

const SERVICE_SHORT: Record<string, string> = {
  SpreadsheetApp: 'Sheets',
  FormApp: 'Forms',
  PropertiesService: 'Props',
  LockService: 'Lock',
  MailApp: 'Mail',
  ScriptApp: 'Script',
  Session: 'Session',
  Utilities: 'Utils',
  CacheService: 'Cache',
  Logger: 'Log',
  Base: 'Base',
};

function int(n: number): string {
  return Math.round(n).toLocaleString('en-GB');
}

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(2)} s` : `${(ms / 1000).toFixed(1)} s`;
}

function percent(share: number): string {
  const p = share * 100;
  return p < 0.1 ? '<0.1%' : p < 10 ? `${p.toFixed(1)}%` : `${Math.round(p)}%`;
}

function ratio(a: number, b: number): string {
  if (b === 0) return '–';
  const r = a / b;
  return r >= 10 ? `${Math.round(r)}×` : `${r.toFixed(1)}×`;
}

function servicesText(byService: Record<string, number>): string {
  return Object.entries(byService)
    .sort(([, a], [, b]) => b - a)
    .map(([service, n]) => `${SERVICE_SHORT[service] ?? service} ${n}`)
    .join(' · ');
}

function cellsText(cells: Record<string, number>): string {
  const total = Object.values(cells).reduce((s, n) => s + n, 0);
  if (total === 0) return '0';
  return total >= 10_000 ? `${int(total / 1000)}k` : int(total);
}

/** A plain-text table: columns padded, numbers right-aligned. */
export function table(
  headers: string[],
  rows: string[][],
  rightAligned: ReadonlySet<number> = new Set(),
): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (rightAligned.has(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join(' │ ')
      .trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('─┼─');
  return [line(headers), rule, ...rows.map(line)].join('\n');
}

export function operationsTable(results: OperationResult[]): string {
  const headers = [
    'Operation',
    'Register',
    'Calls',
    'By service',
    'Cells',
    'Node CPU',
    'Modelled',
    'Of limit',
    'Flag',
  ];
  const rows = results.map((r) => {
    const register = r.incidents === null ? '–' : int(r.incidents);
    if (r.status !== 'ok') {
      return [r.label, register, '–', `FAILED: ${r.error ?? ''}`, '–', '–', '–', '–', ''];
    }
    const limitNote = r.limitMs === SIMPLE_TRIGGER_LIMIT_MS ? ' of 30 s' : '';
    return [
      r.label,
      register,
      int(r.total),
      servicesText(r.byService),
      cellsText(r.cells),
      `${r.cpuMs.toFixed(0)} ms`,
      seconds(r.modelled.totalMs),
      `${percent(r.share)}${limitNote}`,
      r.nearLimit ? 'NEAR LIMIT' : '',
    ];
  });
  return table(headers, rows, new Set([1, 2, 4, 5, 6, 7]));
}

export interface ComparisonRow {
  incidents: number;
  productCalls: number;
  naiveCalls: number;
  productMs: number;
  naiveMs: number;
}

export function comparisonRows(results: OperationResult[]): ComparisonRow[] {
  const out: ComparisonRow[] = [];
  for (const naive of results.filter((r) => r.kind === 'naiveSubmission' && r.status === 'ok')) {
    const product = results.find(
      (r) => r.kind === 'submission' && r.incidents === naive.incidents && r.status === 'ok',
    );
    if (!product || naive.incidents === null) continue;
    out.push({
      incidents: naive.incidents,
      productCalls: product.total,
      naiveCalls: naive.total,
      productMs: product.modelled.totalMs,
      naiveMs: naive.modelled.totalMs,
    });
  }
  return out;
}

export function comparisonTable(rows: ComparisonRow[]): string {
  return table(
    [
      'Register',
      'Product calls',
      'Tutorial calls',
      'Calls ratio',
      'Product modelled',
      'Tutorial modelled',
      'Time ratio',
    ],
    rows.map((r) => [
      int(r.incidents),
      int(r.productCalls),
      int(r.naiveCalls),
      ratio(r.naiveCalls, r.productCalls),
      seconds(r.productMs),
      seconds(r.naiveMs),
      ratio(r.naiveMs, r.productMs),
    ]),
    new Set([0, 1, 2, 3, 4, 5, 6]),
  );
}

/** Short names for the sources, so the cost table fits on a screen; the JSON has each source in full. */
function basis(id: CostClassId): string {
  const c = COST_CLASSES[id];
  const perCall = c.estimate ? 'estimate' : 'published';
  if (c.perCellMs === undefined) return perCall;
  return `${perCall}; per cell ${c.perCellEstimate ? 'estimate' : 'published'}`;
}

export function costTable(): string {
  const rows = Object.values(COST_CLASSES).map((c) => [
    c.id,
    `${c.perCallMs} ms`,
    c.perCellMs === undefined ? '' : `${c.perCellMs} ms`,
    basis(c.id),
    c.what,
  ]);
  return table(['Class', 'Per call', 'Per cell', 'Basis', 'What'], rows, new Set([1, 2]));
}

export interface LargestRun {
  incidents: number;
  calls: number;
  modelledMs: number;
  cpuMs: number;
  share: number;
  emailsSent: number;
}

export interface Checks {
  submissionCalls: Record<string, number | null>;
  submissionCallsConstant: boolean | null;
  /** Modelled submission time at the smallest and largest register measured. */
  submissionModelledMs: { smallest: number; largest: number } | null;
  rebuildLargest: LargestRun | null;
  weeklyEmailLargest: LargestRun | null;
  anyNearLimit: string[];
  unclassified: string[];
}

function largestOk(results: OperationResult[], kind: OperationResult['kind']): LargestRun | null {
  const runs = results
    .filter((r) => r.kind === kind && r.status === 'ok')
    .sort((a, b) => (b.incidents ?? 0) - (a.incidents ?? 0));
  const r = runs[0];
  if (!r) return null;
  return {
    incidents: r.incidents ?? 0,
    calls: r.total,
    modelledMs: r.modelled.totalMs,
    cpuMs: r.cpuMs,
    share: r.share,
    emailsSent: r.emailsSent,
  };
}

export function checksOf(results: OperationResult[]): Checks {
  const submissions = results.filter((r) => r.kind === 'submission');
  const submissionCalls: Record<string, number | null> = {};
  for (const s of submissions) submissionCalls[String(s.incidents)] = s.status === 'ok' ? s.total : null;
  const ok = submissions
    .filter((s) => s.status === 'ok')
    .sort((a, b) => (a.incidents ?? 0) - (b.incidents ?? 0));
  const okCounts = ok.map((s) => s.total);
  const smallest = ok[0];
  const largest = ok[ok.length - 1];
  return {
    submissionCalls,
    submissionCallsConstant:
      okCounts.length < 2 || okCounts.length !== submissions.length
        ? null
        : okCounts.every((n) => n === okCounts[0]),
    submissionModelledMs:
      smallest && largest ? { smallest: smallest.modelled.totalMs, largest: largest.modelled.totalMs } : null,
    rebuildLargest: largestOk(results, 'summaryRebuild'),
    weeklyEmailLargest: largestOk(results, 'weeklyEmail'),
    anyNearLimit: results
      .filter((r) => r.status === 'ok' && r.nearLimit)
      .map((r) => `${r.label} (${r.incidents ?? '–'})`),
    unclassified: [...new Set(results.flatMap((r) => r.modelled.unclassified))].sort(),
  };
}

export interface BundleSize {
  path: string;
  bytes: number;
}

/** "1.9× the product's calls at every size", or "1.9× to 2.1× …" when the ratio moves. */
function callsRatios(rows: ComparisonRow[]): string {
  const ratios = [...new Set(rows.map((r) => ratio(r.naiveCalls, r.productCalls)))];
  return ratios.length === 1
    ? `${ratios[0] ?? ''} the product's calls at every size`
    : `${ratios[0] ?? ''} to ${ratios[ratios.length - 1] ?? ''} the product's calls`;
}

function largestNote(what: string, run: LargestRun | null): string {
  if (!run) return `${what}: FAILED at every size, no figures.`;
  const withCpu = run.modelledMs + run.cpuMs;
  return (
    `${what} over ${int(run.incidents)} incidents: ${int(run.calls)} calls, modelled ${seconds(run.modelledMs)} of ` +
    `service time (${percent(run.share)} of the 6-minute limit); adding all ${seconds(run.cpuMs)} of Node CPU (the ` +
    `script's JavaScript and the emulator's own work) gives ${seconds(withCpu)}, ` +
    `${percent(withCpu / EXECUTION_LIMIT_MS)} of the limit.` +
    (run.emailsSent > 0 ? ` Emails sent: ${run.emailsSent}.` : '')
  );
}

/** Operations that failed: any one of them fails the benchmark run. */
export function failedOperations(results: readonly OperationResult[]): OperationResult[] {
  return results.filter((r) => r.status !== 'ok');
}

/** An operation as the JSON report gives it: a failed one keeps what failed and why, and no figures. */
export function reportedOperation(
  r: OperationResult,
): OperationResult | Pick<OperationResult, 'kind' | 'label' | 'incidents' | 'status' | 'error'> {
  if (r.status === 'ok') return r;
  return {
    kind: r.kind,
    label: r.label,
    incidents: r.incidents,
    status: r.status,
    error: r.error ?? 'failed',
  };
}

/** The benchmark's exit status: 1 when any operation failed, else 0. */
export function benchExitCode(results: readonly OperationResult[]): 0 | 1 {
  return failedOperations(results).length > 0 ? 1 : 0;
}

export function notes(results: OperationResult[], checks: Checks, bundle: BundleSize): string[] {
  const lines: string[] = [];
  const counts = Object.entries(checks.submissionCalls)
    .map(([n, calls]) => `${int(Number(n))} incidents: ${calls === null ? 'FAILED' : int(calls)}`)
    .join(', ');
  lines.push(
    `Submission calls by register size — ${counts}: ` +
      (checks.submissionCallsConstant === null
        ? 'not all measured.'
        : checks.submissionCallsConstant
          ? 'the same at every size.'
          : 'NOT the same (they grow with the register).') +
      (checks.submissionModelledMs
        ? ` Modelled time ${seconds(checks.submissionModelledMs.smallest)} → ` +
          `${seconds(checks.submissionModelledMs.largest)}: only the TextFinder's server-side scan of the ` +
          'response-ID column grows.'
        : ''),
  );
  const comparison = comparisonRows(results);
  const first = comparison[0];
  const last = comparison[comparison.length - 1];
  if (first && last && first !== last) {
    lines.push(
      `Against the tutorial way: it makes ${callsRatios(comparison)}; its modelled time is ` +
        `${ratio(first.naiveMs, first.productMs)} the product's on an empty register (it takes no lock, reads no ` +
        `settings and reserves no ID) and ${ratio(last.naiveMs, last.productMs)} at ${int(last.incidents)} ` +
        'incidents, where its whole-sheet read dominates and keeps growing with the register.',
    );
  }
  const edits = results.filter((r) => r.kind === 'onEdit' && r.status === 'ok');
  const firstEdits = results.filter((r) => r.kind === 'firstEdit' && r.status === 'ok');
  if (edits.length > 0) {
    const editCalls = [...new Set(edits.map((r) => r.total))].map(int).join(' / ');
    const biggestFirst = firstEdits.sort((a, b) => (b.incidents ?? 0) - (a.incidents ?? 0))[0];
    lines.push(
      `On-edit audit path: ${editCalls} calls per edit at ${edits.map((r) => int(r.incidents ?? 0)).join(' / ')} incidents.` +
        (biggestFirst
          ? ` The first edit after Set up does one-off work (${int(biggestFirst.total)} calls, ` +
            `${cellsText(biggestFirst.cells)} cells, modelled ${seconds(biggestFirst.modelled.totalMs)} at ` +
            `${int(biggestFirst.incidents ?? 0)} incidents).`
          : ''),
    );
  }
  lines.push(largestNote('Summary rebuild', checks.rebuildLargest));
  lines.push(largestNote('Weekly email', checks.weeklyEmailLargest));
  const submission = results.find((r) => r.kind === 'submission' && r.status === 'ok');
  if (submission) {
    const perDay = (ms: number): string => int(Math.floor(ms / submission.modelled.totalMs));
    lines.push(
      `Daily trigger runtime: at a modelled ${seconds(submission.modelled.totalMs)} a submission, the 90 min/day consumer ` +
        `quota covers ${perDay(DAILY_TRIGGER_RUNTIME_MS.consumer)} submissions a day, the 6 h/day Workspace quota ` +
        `${perDay(DAILY_TRIGGER_RUNTIME_MS.workspace)}.`,
    );
  }
  const failed = failedOperations(results).map(
    (r) => `${r.label} (${r.incidents === null ? '–' : int(r.incidents)}): ${r.error ?? ''}`,
  );
  if (failed.length > 0) lines.push(`FAILED: ${failed.join('; ')}.`);
  lines.push(
    checks.anyNearLimit.length === 0
      ? `No operation is modelled above ${NEAR_LIMIT_SHARE * 100}% of its execution limit ` +
          `(${EXECUTION_LIMIT_MS / 60000} min; onOpen: ${SIMPLE_TRIGGER_LIMIT_MS / 1000} s).`
      : `NEAR THE LIMIT: ${checks.anyNearLimit.join('; ')}.`,
  );
  lines.push(`Bundle ${bundle.path}: ${int(bundle.bytes)} bytes (${(bundle.bytes / 1024).toFixed(1)} KiB).`);
  if (checks.unclassified.length > 0) {
    lines.push(
      `Calls the cost table does not classify (modelled as 'other'): ${checks.unclassified.join(', ')}.`,
    );
  }
  return lines;
}
