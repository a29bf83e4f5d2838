/**
 * The nightly oversight job: what leaves the safeguarding team on a schedule other than the weekly email —
 * the governors' termly report when a term has just ended. One trigger (Set up installs it), run as the
 * runner; each part is independent, and a part's failure fails the run so Apps Script tells the runner.
 */
import { now } from '../workspace/clock';
import { runsAsRunner } from '../workspace/runner';
import { loadContext } from './context';
import { termlyReportIfDue, type GovernorsResult } from './governors';

export interface OversightResult {
  governors: GovernorsResult | null;
}

export function nightlyOversight(event?: unknown): OversightResult {
  const ctx = loadContext();
  if (!runsAsRunner('nightlyOversight', event, ctx.props)) return { governors: null };
  return { governors: termlyReportIfDue(ctx, now()) };
}
