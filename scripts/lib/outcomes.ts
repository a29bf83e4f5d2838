/**
 * What went right and wrong in a demo run: every script execution (triggers, menu clicks, Set up) from the
 * workspace's execution log, and the demo's own steps. Every failed execution and every failed step is a
 * failure of the run, whatever its message.
 */
import type { ExecutionRecord } from '../../emulator/workspace';

export interface FunctionOutcome {
  functionName: string;
  completed: number;
  failed: number;
  /** Distinct error messages of the failures, with how often each happened. */
  errors: Array<{ message: string; count: number }>;
}

export interface StepOutcome {
  step: string;
  /** A step whose action threw, with any message, failed. */
  status: 'ok' | 'failed';
  detail?: string;
}

/** Executions grouped by function, in order of first run. */
export function summariseExecutions(executions: readonly ExecutionRecord[]): FunctionOutcome[] {
  const byName = new Map<string, FunctionOutcome>();
  for (const e of executions) {
    let o = byName.get(e.functionName);
    if (!o) {
      o = { functionName: e.functionName, completed: 0, failed: 0, errors: [] };
      byName.set(e.functionName, o);
    }
    if (e.status === 'completed') o.completed += 1;
    else if (e.status === 'failed') {
      o.failed += 1;
      const message = e.error ?? '(no message)';
      const seen = o.errors.find((x) => x.message === message);
      if (seen) seen.count += 1;
      else o.errors.push({ message, count: 1 });
    }
  }
  return [...byName.values()];
}

/** A table for the console: one line per function. */
export function formatExecutionTable(outcomes: readonly FunctionOutcome[]): string[] {
  const width = Math.max(10, ...outcomes.map((o) => o.functionName.length));
  return outcomes.map((o) => {
    const parts = [`${o.completed} completed`];
    if (o.failed > 0) parts.push(`${o.failed} FAILED`);
    return `  ${o.functionName.padEnd(width)}  ${parts.join(', ')}`;
  });
}

/**
 * The run's verdict: exit status 1 when any execution or step failed, with one line per failure (each
 * distinct error of a function, each failed step), or "No failures." and status 0.
 */
export function verdict(
  executions: readonly FunctionOutcome[],
  steps: readonly StepOutcome[],
): { exitCode: 0 | 1; lines: string[] } {
  const failures = [
    ...executions.flatMap((e) =>
      e.errors.map((err) => `  ${e.functionName} failed ${err.count}×: ${err.message}`),
    ),
    ...steps.filter((s) => s.status === 'failed').map((s) => `  step "${s.step}": ${s.detail ?? ''}`),
  ];
  return failures.length === 0
    ? { exitCode: 0, lines: ['No failures.'] }
    : { exitCode: 1, lines: ['FAILED:', ...failures] };
}
