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
  // The Sheets advanced service (REST), not SpreadsheetApp.
  Sheets: 'Sheets API',
};

function int(n: number): string {
  return Math.round(n).toLocaleString('en-GB');
}

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(2)} s` : `${(ms / 1000).toFixed(1)} s`;
}

/** A modelled time as central (low–high). */
export function spanText(m: { totalMs: number; lowMs: number; highMs: number }): string {
  const short = (ms: number): string => (ms < 10_000 ? (ms / 1000).toFixed(2) : (ms / 1000).toFixed(1));
  return `${seconds(m.totalMs)} (${short(m.lowMs)}–${short(m.highMs)})`;
}

function percent(share: number): string {
  const p = share * 100;
  return p < 0.1 ? '<0.1%' : p < 10 ? `${p.toFixed(1)}%` : `${Math.round(p)}%`;
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
    'Modelled: central (low–high)',
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
      spanText(r.modelled),
      `${percent(r.share)}${limitNote}`,
      r.nearLimit ? 'NEAR LIMIT' : '',
    ];
  });
  return table(headers, rows, new Set([1, 2, 4, 5, 6, 7]));
}

/** One side of the submission comparison at one register size. */
export interface Side {
  calls: number;
  ms: number;
  lowMs: number;
  highMs: number;
}

export interface ComparisonRow {
  incidents: number;
  product: Side;
  peer: Side | null;
  naive: Side | null;
  /** product / peer, central and at each end of the ranges (null without a peer run). */
  productOverPeer: { central: number; low: number; high: number } | null;
  productOverNaive: { central: number; low: number; high: number } | null;
}

function sideOf(r: OperationResult): Side {
  return { calls: r.total, ms: r.modelled.totalMs, lowMs: r.modelled.lowMs, highMs: r.modelled.highMs };
}

function ratiosOf(a: Side, b: Side | null): ComparisonRow['productOverPeer'] {
  if (!b) return null;
  return { central: a.ms / b.ms, low: a.lowMs / b.lowMs, high: a.highMs / b.highMs };
}

export function comparisonRows(results: OperationResult[]): ComparisonRow[] {
  const out: ComparisonRow[] = [];
  const at = (kind: OperationResult['kind'], n: number | null): OperationResult | undefined =>
    results.find((r) => r.kind === kind && r.incidents === n && r.status === 'ok');
  for (const product of results.filter((r) => r.kind === 'submission' && r.status === 'ok')) {
    if (product.incidents === null) continue;
    const peerRun = at('peerSubmission', product.incidents);
    const naiveRun = at('naiveSubmission', product.incidents);
    if (!peerRun && !naiveRun) continue;
    const p = sideOf(product);
    const peer = peerRun ? sideOf(peerRun) : null;
    const naive = naiveRun ? sideOf(naiveRun) : null;
    out.push({
      incidents: product.incidents,
      product: p,
      peer,
      naive,
      productOverPeer: ratiosOf(p, peer),
      productOverNaive: ratiosOf(p, naive),
    });
  }
  return out;
}

function ratioText(r: { central: number; low: number; high: number } | null): string {
  if (!r) return '–';
  const f = (x: number): string => `${x.toFixed(2)}×`;
  return `${f(r.central)} (low ${f(r.low)}, high ${f(r.high)})`;
}

function sideText(side: Side | null): string {
  return side ? spanText({ totalMs: side.ms, lowMs: side.lowMs, highMs: side.highMs }) : '–';
}

export function comparisonTable(rows: ComparisonRow[]): string {
  return table(
    [
      'Register',
      'Calls: product / peer / tutorial',
      'Product',
      'Fair peer',
      'Tutorial way',
      'Product ÷ peer',
      'Product ÷ tutorial',
    ],
    rows.map((r) => [
      int(r.incidents),
      `${int(r.product.calls)} / ${r.peer ? int(r.peer.calls) : '–'} / ${r.naive ? int(r.naive.calls) : '–'}`,
      sideText(r.product),
      sideText(r.peer),
      sideText(r.naive),
      ratioText(r.productOverPeer),
      ratioText(r.productOverNaive),
    ]),
    new Set([0, 1, 2, 3, 4, 5, 6]),
  );
}

/**
 * Whether the product is at or below `who` (a ratio ≤ 1) at the central figure and at both ends of the
 * ranges, at every size measured: the sentence the benchmark prints under the comparison.
 */
export function verdict(rows: ComparisonRow[], who: 'peer' | 'naive'): string {
  const name = who === 'peer' ? 'the fair peer' : 'the tutorial way';
  const ratios = rows
    .map((r) => ({ n: r.incidents, q: who === 'peer' ? r.productOverPeer : r.productOverNaive }))
    .filter((x): x is { n: number; q: NonNullable<ComparisonRow['productOverPeer']> } => x.q !== null);
  if (ratios.length === 0) return `Against ${name}: not measured.`;
  const at = (end: 'central' | 'low' | 'high'): string => {
    const faster = ratios.filter((x) => x.q[end] <= 1).map((x) => int(x.n));
    if (faster.length === ratios.length) return 'at or below it at every size';
    if (faster.length === 0) return 'slower at every size';
    return `at or below it at ${faster.join(', ')} incidents only`;
  };
  return (
    `Against ${name}, the product is — central: ${at('central')}; all-low figures: ${at('low')}; ` +
    `all-high figures: ${at('high')}.`
  );
}

/** Short names for the sources, so the cost table fits on a screen; the JSON has each source in full. */
function basis(id: CostClassId): string {
  const c = COST_CLASSES[id];
  const perCall = c.estimate ? 'estimate' : 'published';
  if (c.perCell === undefined) return perCall;
  return `${perCall}; per ${id === 'startup' ? 'KiB' : 'cell'} ${c.perCellEstimate ? 'estimate' : 'published'}`;
}

function spanMs(s: { low: number; central: number; high: number }): string {
  return `${s.central} (${s.low}–${s.high}) ms`;
}

export function costTable(): string {
  const rows = Object.values(COST_CLASSES).map((c) => [
    c.id,
    spanMs(c.perCall),
    c.perCell === undefined ? '' : spanMs(c.perCell),
    basis(c.id),
    c.what,
  ]);
  return table(
    ['Class', 'Per call: central (low–high)', 'Per cell (startup: per KiB)', 'Basis', 'What'],
    rows,
    new Set([1, 2]),
  );
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
  rebuildNightlyLargest: LargestRun | null;
  weeklyEmailLargest: LargestRun | null;
  weeklyEmailFallbackLargest: LargestRun | null;
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
    rebuildNightlyLargest: largestOk(results, 'summaryRebuildNightly'),
    weeklyEmailLargest: largestOk(results, 'weeklyEmail'),
    weeklyEmailFallbackLargest: largestOk(results, 'weeklyEmailFallback'),
    anyNearLimit: results
      .filter((r) => r.status === 'ok' && r.nearLimit)
      .map(
        (r) =>
          `${r.label} (${r.incidents === null ? '–' : `${int(r.incidents)} incidents`}): modelled ` +
          `${spanText(r.modelled)}, ${Math.round(r.share * 100)}% of its limit at the central figure`,
      ),
    unclassified: [...new Set(results.flatMap((r) => r.modelled.unclassified))].sort(),
  };
}

export interface BundleSize {
  path: string;
  bytes: number;
  /** The same code built without minifying (the size before issue 15's minifying), when measured. */
  unminifiedBytes?: number;
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
        ? ` Modelled time (central) ${seconds(checks.submissionModelledMs.smallest)} → ` +
          `${seconds(checks.submissionModelledMs.largest)}.`
        : ''),
  );
  const cold = results.filter((r) => r.kind === 'coldSubmission' && r.status === 'ok');
  if (cold.length > 0) {
    const counts = [...new Set(cold.map((r) => r.total))];
    lines.push(
      `The first submission after Set up or a Settings edit reads Settings and the header in full and keeps ` +
        `them: ${counts.map(int).join(' / ')} calls (${counts.length === 1 ? 'the same at every size' : 'NOT constant'}), ` +
        `modelled ${spanText(cold[cold.length - 1]!.modelled)}.`,
    );
  }
  const flagged = results.find((r) => r.kind === 'flaggedSubmission' && r.status === 'ok');
  if (flagged?.lockHeld) {
    lines.push(
      `A flagged submission (${flagged.emailsSent} alert emails) holds the script lock for a modelled ` +
        `${spanText(flagged.lockHeld)} of its ${spanText(flagged.modelled)}: the alert is sent after the lock is ` +
        `released, so a report made meanwhile waits for the row, not for the mail service.`,
    );
  }
  const comparison = comparisonRows(results);
  lines.push(verdict(comparison, 'peer'));
  lines.push(verdict(comparison, 'naive'));
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
  lines.push(largestNote('Summary rebuild, nightly', checks.rebuildNightlyLargest));
  lines.push(largestNote('Weekly email', checks.weeklyEmailLargest));
  lines.push(largestNote('Weekly email with no nightly summary', checks.weeklyEmailFallbackLargest));
  const check = results.find((r) => r.kind === 'auditCheck' && r.status === 'ok');
  const anchorNight = results.find(
    (r) => r.kind === 'auditCheckAnchor' && r.status === 'ok' && r.incidents === check?.incidents,
  );
  if (check && anchorNight) {
    lines.push(
      `Nightly audit check at ${int(check.incidents ?? 0)} incidents: ${int(check.total)} calls, modelled ` +
        `${seconds(check.modelled.totalMs)}; the night each week it sends the audit anchor (moved from the ` +
        `weekly email) ${int(anchorNight.total)} calls, ${seconds(anchorNight.modelled.totalMs)} ` +
        `(${anchorNight.emailsSent} emails): the anchor's cost moved, it did not vanish.`,
    );
  }
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
  const perKiB = COST_CLASSES.startup.perCell;
  const unminified = bundle.unminifiedBytes;
  lines.push(
    `Bundle ${bundle.path}: ${int(bundle.bytes)} bytes (${(bundle.bytes / 1024).toFixed(1)} KiB)` +
      (unminified === undefined || !perKiB
        ? '.'
        : `; ${int(unminified)} bytes unminified (${Math.round((1 - bundle.bytes / unminified) * 100)}% smaller), ` +
          `which saves ${Math.round(((unminified - bundle.bytes) / 1024) * perKiB.central)} ms ` +
          `(${Math.round(((unminified - bundle.bytes) / 1024) * perKiB.low)}–` +
          `${Math.round(((unminified - bundle.bytes) / 1024) * perKiB.high)}) of modelled start-up on every execution.`),
  );
  if (checks.unclassified.length > 0) {
    lines.push(
      `Calls the cost table does not classify (modelled as 'other'): ${checks.unclassified.join(', ')}.`,
    );
  }
  return lines;
}
