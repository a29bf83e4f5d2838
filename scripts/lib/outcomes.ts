/**
 * What went right and wrong in a demo run: every script execution (triggers, menu clicks, Set up) from the
 * workspace's execution log, and the demo's own steps. A handler another issue has not built yet throws
 * "not built yet": that is reported as such and is not a failure of the run.
 */
import type { ExecutionRecord } from '../../emulator/workspace';

export const NOT_BUILT_YET = /not built yet/i;

export interface FunctionOutcome {
  functionName: string;
  completed: number;
  notBuiltYet: number;
  failed: number;
  /** Distinct error messages of real failures, with how often each happened. */
  errors: Array<{ message: string; count: number }>;
  /** The placeholder's message, when the handler is not built yet. */
  placeholder?: string;
}

export type StepStatus = 'ok' | 'failed' | 'not built yet';

export interface StepOutcome {
  step: string;
  status: StepStatus;
  detail?: string;
}

export function classify(error: string | undefined): StepStatus {
  if (error === undefined) return 'ok';
  return NOT_BUILT_YET.test(error) ? 'not built yet' : 'failed';
}

/** Executions grouped by function, in order of first run. */
export function summariseExecutions(executions: readonly ExecutionRecord[]): FunctionOutcome[] {
  const byName = new Map<string, FunctionOutcome>();
  for (const e of executions) {
    let o = byName.get(e.functionName);
    if (!o) {
      o = { functionName: e.functionName, completed: 0, notBuiltYet: 0, failed: 0, errors: [] };
      byName.set(e.functionName, o);
    }
    if (e.status === 'completed') o.completed += 1;
    else if (e.status === 'failed') {
      const message = e.error ?? '(no message)';
      if (NOT_BUILT_YET.test(message)) {
        o.notBuiltYet += 1;
        o.placeholder ??= message;
      } else {
        o.failed += 1;
        const seen = o.errors.find((x) => x.message === message);
        if (seen) seen.count += 1;
        else o.errors.push({ message, count: 1 });
      }
    }
  }
  return [...byName.values()];
}

/** A table for the console: one line per function. */
export function formatExecutionTable(outcomes: readonly FunctionOutcome[]): string[] {
  const width = Math.max(10, ...outcomes.map((o) => o.functionName.length));
  return outcomes.map((o) => {
    const parts = [`${o.completed} completed`];
    if (o.notBuiltYet > 0) parts.push(`${o.notBuiltYet} not built yet`);
    if (o.failed > 0) parts.push(`${o.failed} FAILED`);
    return `  ${o.functionName.padEnd(width)}  ${parts.join(', ')}`;
  });
}
