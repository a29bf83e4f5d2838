/**
 * The benchmark's cost model and report: every call the product makes has a cost class with a source,
 * bulk reads and writes cost per cell, unflushed writes pay one commit, operations past half the limit are
 * flagged, and an operation whose handler throws (whatever its message) is reported as FAILED, with no
 * figures, and fails the run.
 */
import {
  classify,
  COST_CLASSES,
  EXECUTION_LIMIT_MS,
  limitCheck,
  lockHeldTime,
  modelTime,
  NEAR_LIMIT_SHARE,
} from '../../scripts/bench/cost-model';
import { prefillRegister } from '../../scripts/bench/fixtures';
import {
  measureOnEdit,
  measureOnOpen,
  measureOperation,
  measureSetUp,
  measureSubmission,
  measureSummaryAndDigest,
  newBenchSchool,
} from '../../scripts/bench/scenarios';
import {
  benchExitCode,
  checksOf,
  notes,
  operationsTable,
  reportedOperation,
} from '../../scripts/bench/report';
import { SIMPLE_TRIGGER_LIMIT_MS } from '../../scripts/bench/cost-model';
import { ordinaryReport } from '../../test/support/deployment';

describe('the cost table', () => {
  it('gives every class a source, and a published figure a link to where it was published', () => {
    for (const c of Object.values(COST_CLASSES)) {
      expect(c.source.length).toBeGreaterThan(0);
      if (!c.estimate || c.perCellEstimate === false) expect(c.source).toMatch(/https?:\/\//);
      // Every figure is a range around its central value.
      expect(c.perCall.low).toBeLessThanOrEqual(c.perCall.central);
      expect(c.perCall.high).toBeGreaterThanOrEqual(c.perCall.central);
      if (c.perCell) expect(c.perCell.low).toBeLessThanOrEqual(c.perCell.high);
      // An estimate spans at least a factor of 2 between its ends.
      if (c.estimate) expect(c.perCall.high).toBeGreaterThanOrEqual(2 * Math.max(c.perCall.low, 0.5));
    }
  });

  it('classifies every call Set up, opening, a flagged submission, edits, a rebuild and a weekly email make', () => {
    const ws = newBenchSchool();
    prefillRegister(ws, 200);
    const results = [
      measureSetUp(),
      measureOnOpen(ws, 200, SIMPLE_TRIGGER_LIMIT_MS),
      measureSubmission(ws, 200, ordinaryReport({ childAtRisk: 'Yes' })),
      measureOnEdit(ws, 201, 'Triaged', 'first edit', 'firstEdit'),
      measureOnEdit(ws, 201, 'In progress', 'second edit'),
      ...measureSummaryAndDigest(200),
    ];
    for (const r of results) {
      expect(r.status).toBe('ok');
      expect(r.modelled.unclassified).toEqual([]);
    }
  });

  it('sorts calls the way the guidance describes them', () => {
    expect(classify('Range.getValues')).toBe('sheets.read');
    expect(classify('Range.setValue')).toBe('sheets.write');
    expect(classify('Sheet.appendRow')).toBe('sheets.write');
    expect(classify('SpreadsheetApp.flush')).toBe('sheets.flush');
    expect(classify('Sheet.getRange')).toBe('sheets.handle');
    expect(classify('TextFinder.findNext')).toBe('sheets.search');
    expect(classify('MailApp.sendEmail')).toBe('mail.send');
    expect(classify('Properties.setProperty')).toBe('properties.write');
    expect(classify('Lock.waitLock')).toBe('lock.acquire');
    expect(classify('Form.addCheckboxItem')).toBe('forms.write');
    expect(classify('ClockTriggerBuilder.create')).toBe('triggers.write');
    expect(classify('MultipleChoiceItem.createChoice')).toBe('forms.get');
    expect(classify('Nonesuch.method')).toBe('other');
  });
});

describe('modelled time', () => {
  const read = COST_CLASSES['sheets.read'];
  const write = COST_CLASSES['sheets.write'];

  it('charges a bulk read per call and per cell', () => {
    const small = modelTime({ 'Range.getValues': 1 }, { 'Range.getValues': 10 });
    const large = modelTime({ 'Range.getValues': 1 }, { 'Range.getValues': 100_000 });
    expect(small.totalMs).toBeCloseTo(read.perCallMs + 10 * (read.perCellMs ?? 0));
    expect(large.totalMs - small.totalMs).toBeCloseTo(99_990 * (read.perCellMs ?? 0));
  });

  it('commits the write cache where Apps Script does: at the first read after a write, else at the end', () => {
    const commit = COST_CLASSES['sheets.commit'].perCall.central;
    const unflushed = modelTime({ 'Range.setValue': 30 });
    expect(unflushed.implicitFlush).toBe(true);
    expect(unflushed.commits).toBe(1);
    expect(unflushed.totalMs).toBeCloseTo(30 * write.perCallMs + commit);
    // appendRow, then getLastRow (the read commits), then flush(): one commit, not two.
    const sequence = ['Sheet.appendRow', 'Sheet.getLastRow', 'SpreadsheetApp.flush'];
    const calls = { 'Sheet.appendRow': 1, 'Sheet.getLastRow': 1, 'SpreadsheetApp.flush': 1 };
    const ordered = modelTime(calls, {}, { sequence });
    expect(ordered.commits).toBe(1);
    expect(ordered.implicitFlush).toBe(false);
    // Write, read, write: two commits (the second at the end).
    const twice = modelTime(
      { 'Range.setValues': 2, 'Range.getValues': 1 },
      {},
      { sequence: ['Range.setValues', 'Range.getValues', 'Range.setValues'] },
    );
    expect(twice.commits).toBe(2);
    expect(modelTime({ 'Range.getValues': 1 }).commits).toBe(0);
  });

  it('charges the script lock from taking it to releasing it, and nothing outside that window', () => {
    const cost = (id: keyof typeof COST_CLASSES): number => COST_CLASSES[id].perCall.central;
    const held = lockHeldTime([
      'Properties.getProperties',
      'Lock.waitLock',
      'Sheet.appendRow',
      'SpreadsheetApp.flush',
      'Lock.releaseLock',
      'MailApp.sendEmail',
      'Range.setValues',
    ]);
    expect(held?.totalMs).toBeCloseTo(
      cost('lock.acquire') +
        cost('sheets.write') +
        cost('sheets.flush') +
        cost('sheets.commit') +
        cost('lock.release'),
    );
    expect(lockHeldTime(['MailApp.sendEmail'])).toBeNull();
  });

  it('gives every modelled time as central between a low and a high end, and charges start-up by size', () => {
    const calls = { 'Range.getValues': 2, 'Properties.setProperty': 1, 'MailApp.sendEmail': 1 };
    const m = modelTime(calls, { 'Range.getValues': 500 });
    expect(m.lowMs).toBeLessThan(m.totalMs);
    expect(m.highMs).toBeGreaterThan(m.totalMs);
    const small = modelTime(calls, {}, { scriptKiB: 2 });
    const large = modelTime(calls, {}, { scriptKiB: 250 });
    const perKiB = COST_CLASSES.startup.perCell;
    expect(perKiB).toBeDefined();
    expect(large.totalMs - small.totalMs).toBeCloseTo(248 * (perKiB?.central ?? 0));
    expect(large.highMs - small.highMs).toBeCloseTo(248 * (perKiB?.high ?? 0));
  });

  it('flags an operation past half of the 6-minute limit, and not one below it', () => {
    const send = COST_CLASSES['mail.send'].perCallMs;
    const justOver = Math.floor((NEAR_LIMIT_SHARE * EXECUTION_LIMIT_MS) / send) + 1;
    expect(limitCheck(modelTime({ 'MailApp.sendEmail': justOver }).totalMs).nearLimit).toBe(true);
    expect(limitCheck(modelTime({ 'MailApp.sendEmail': justOver - 2 }).totalMs).nearLimit).toBe(false);
  });
});

describe('an operation whose handler throws', () => {
  // The old placeholder text is among them on purpose: no message excuses a failure.
  it.each([
    'not built yet: somethingNew (issue 99)',
    'Exceeded maximum execution time',
    "Cannot read properties of undefined (reading 'getRange')",
  ])('is FAILED with no figures, and fails the run: %s', (message) => {
    const ws = newBenchSchool();
    ws.installScript({
      somethingNew: () => {
        throw new Error(message);
      },
    });
    const result = measureOperation(ws, 'summaryRebuild', 'Something new', 1000, () =>
      ws.runRecorded('somethingNew', []),
    );
    expect(result).toMatchObject({ status: 'failed', error: message });

    const printed = operationsTable([result]);
    const row = printed.split('\n').find((line) => line.startsWith('Something new'));
    expect(row).toContain(`FAILED: ${message}`);
    expect(row).not.toMatch(/\d+(\.\d+)? s|\d+ ms|%/);

    const lines = notes([result], checksOf([result]), { path: 'build/Code.js', bytes: 1024 });
    expect(lines).toContain(`FAILED: Something new (1,000): ${message}.`);
    expect(lines).toContain('Summary rebuild: FAILED at every size, no figures.');
    expect(benchExitCode([result])).toBe(1);
    expect(reportedOperation(result)).toEqual({
      kind: 'summaryRebuild',
      label: 'Something new',
      incidents: 1000,
      status: 'failed',
      error: message,
    });
  });

  it('fails the run even when every other operation succeeded', () => {
    const ws = newBenchSchool();
    const fine = measureOnOpen(ws, 0, SIMPLE_TRIGGER_LIMIT_MS);
    expect(fine.status).toBe('ok');
    expect(benchExitCode([fine])).toBe(0);
    expect(reportedOperation(fine)).toBe(fine);
    ws.installScript({
      somethingNew: () => {
        throw new Error('not built yet: somethingNew (issue 99)');
      },
    });
    const failed = measureOperation(ws, 'onEdit', 'Something new', 0, () =>
      ws.runRecorded('somethingNew', []),
    );
    expect(benchExitCode([fine, failed])).toBe(1);
  });

  it('is FAILED when no execution ran at all', () => {
    const ws = newBenchSchool();
    const result = measureOperation(ws, 'onEdit', 'Nothing ran', 0, () => undefined);
    expect(result).toMatchObject({ status: 'failed', error: 'no execution ran' });
    expect(benchExitCode([result])).toBe(1);
  });
});
