/**
 * Dumps every sheet of every spreadsheet after Set up, so two bundles can be compared byte for byte:
 * `npx tsx scripts/dump-setup.ts [bundle.js] > dump.json`. Why: Set up's formatting moved from SpreadsheetApp
 * calls to one Sheets API batchUpdate per file, and the files must come out the same.
 *
 * Steps: first Set up; Settings filled in + Set up; a report submitted + a third Set up. After each, for every
 * sheet: values, formulas, each format layer cell by cell (as runs along each row), dropdowns, conditional
 * formats, column widths, frozen rows/columns, size, and each protection with its range, description, who may
 * edit (owner included) and the domain flag.
 */
import path from 'node:path';
import { Workspace } from '../emulator/workspace';
import { loadBundle } from '../emulator/load-bundle';
import { FORMAT_LAYERS, type SheetState } from '../emulator/sheets/model';
import type { SparseGrid } from '../emulator/sheets/grid';
import { SCHOOL, configureSchool, ordinaryReport, runSetUp, submit } from '../test/support/deployment';

function rowsOf<T>(grid: SparseGrid<T>, key: (v: T) => string): string[] {
  const out: string[] = [];
  grid.rows.forEach((row, r) => {
    if (!row) return;
    let line = '';
    let last = '';
    let count = 0;
    let start = 0;
    const flush = (): void => {
      if (count > 0 && last !== '') line += `${start}+${count}=${last};`;
    };
    for (let c = 0; c < row.length; c += 1) {
      const v = row[c];
      const k = v === undefined ? '' : key(v);
      if (k === last && count > 0) count += 1;
      else {
        flush();
        last = k;
        start = c;
        count = 1;
      }
    }
    flush();
    if (line !== '') out.push(`${r}:${line}`);
  });
  return out;
}

function dumpSheet(ws: Workspace, bookId: string, sheet: SheetState): unknown {
  const store = ws.spreadsheets;
  const book = store.book(bookId);
  return {
    name: sheet.name,
    sheetId: sheet.sheetId,
    size: [sheet.maxRows, sheet.maxColumns],
    frozen: [sheet.frozenRows, sheet.frozenColumns],
    widths: [...sheet.columnWidths].sort((a, b) => a[0] - b[0]),
    values: rowsOf(sheet.values, (v) => JSON.stringify(v)),
    formats: Object.fromEntries(FORMAT_LAYERS.map((l) => [l, rowsOf(sheet.formats[l], (v) => v)])),
    validations: rowsOf(sheet.validations, (v) =>
      JSON.stringify([v.criteria, v.values, v.allowInvalid, v.helpText]),
    ),
    conditionalFormats: sheet.conditionalFormats.map((r) => ({
      ...r,
      ranges: r.ranges.map((x) => ({ sheetId: x.sheetId, rect: x.rect, bookId: x.bookId ?? bookId })),
    })),
    protections: book.protections
      .filter((p) => p.sheetId === sheet.sheetId)
      .map((p) => ({
        type: p.type,
        rect: p.rect,
        description: p.description,
        warningOnly: p.warningOnly,
        editors: store
          .protectionEditors(book, p)
          .map((e) => e.toLowerCase())
          .sort(),
        domainEdit: store.protectionDomainEdit(book, p),
        unprotected: p.unprotected,
      })),
  };
}

function dump(ws: Workspace): unknown {
  const books = ws.spreadsheets.snapshot() as Array<{ id: string; name: string }>;
  return books.map((b) => ({
    id: b.id,
    name: b.name,
    sheets: ws.spreadsheets.book(b.id).sheets.map((s) => dumpSheet(ws, b.id, s)),
  }));
}

const bundle = path.resolve(process.argv[2] ?? 'build/Code.js');
const ws = new Workspace({ owner: SCHOOL.dsl });
loadBundle(ws, bundle, path.join(path.dirname(bundle), 'appsscript.json'));
const out: Record<string, unknown> = {};
runSetUp(ws);
out.first = dump(ws);
configureSchool(ws);
runSetUp(ws);
out.configured = dump(ws);
submit(ws, ordinaryReport());
runSetUp(ws);
out.third = dump(ws);
out.failed = ws.executions.filter((e) => e.status === 'failed').map((e) => [e.functionName, e.error]);
process.stdout.write(`${JSON.stringify(out, null, 1)}\n`);
