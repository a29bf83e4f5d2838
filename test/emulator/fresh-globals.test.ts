/**
 * Every execution starts with fresh globals: the emulator evaluates the bundle anew for each one (see
 * emulator/load-bundle.ts for the platform rule and its source). An emulator that kept one global scope
 * would let a module-level cache survive from one trigger firing, menu click or submission to the next,
 * and so test and measure the product more kindly than Google runs it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadBundle } from '../../emulator/load-bundle';
import { Workspace, type ScriptProgram } from '../../emulator/workspace';
import {
  SCHOOL,
  configureSchool,
  ordinaryReport,
  registerRows,
  runSetUp,
  scriptProperties,
  submit,
} from '../support/deployment';

/** A tiny project whose global counter each entry point bumps and writes to the script properties. */
const CODE = `
var runs = 0;
function bump(key) {
  runs += 1;
  PropertiesService.getScriptProperties().setProperty(key || 'runs', String(runs));
  return runs;
}
function onOpen() { bump('opened'); }
function tick() { bump('ticked'); }
function installTick() { ScriptApp.newTrigger('tick').timeBased().everyHours(1).create(); }
function fromMenu() { bump('menu'); }
function addMenu() { SpreadsheetApp.getUi().createMenu('Tiny').addItem('Bump', 'fromMenu').addToUi(); }
function stampIsDate() {
  var cell = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange('A1');
  cell.setValue(new Date());
  return cell.getValue() instanceof Date;
}
`;

function tinyBundle(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'fresh-globals-'));
  writeFileSync(path.join(dir, 'Code.js'), CODE);
  writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify({ timeZone: 'Europe/London' }));
  return path.join(dir, 'Code.js');
}

const property = (ws: Workspace, key: string): string | undefined => scriptProperties(ws)[key];

describe('each execution runs in a global scope of its own', () => {
  test('two runs of the same function both see the global counter at its initial value', () => {
    const ws = new Workspace();
    loadBundle(ws, tinyBundle());
    expect(ws.run('bump')).toBe(1);
    expect(property(ws, 'runs')).toBe('1');
    expect(ws.run('bump')).toBe(1);
    expect(property(ws, 'runs')).toBe('1');
  });

  test('so do trigger firings, simple onOpen and menu clicks', () => {
    const ws = new Workspace();
    loadBundle(ws, tinyBundle());
    ws.run('installTick');
    const ticks = ws.advanceTo(ws.clock.now() + 2 * 3_600_000 + 1);
    expect(ticks.map((r) => r.status)).toEqual(['completed', 'completed']);
    expect(property(ws, 'ticked')).toBe('1');

    ws.openSpreadsheet();
    ws.openSpreadsheet();
    expect(property(ws, 'opened')).toBe('1');

    ws.run('addMenu', [], { kind: 'menu' });
    ws.spreadsheets.ui.clickMenu(ws.owner, 'Tiny', 'Bump');
    ws.spreadsheets.ui.clickMenu(ws.owner, 'Tiny', 'Bump');
    expect(property(ws, 'menu')).toBe('1');
    expect(ws.executions.filter((e) => e.status !== 'completed')).toEqual([]);
  });

  test('an execution started inside another gets its own scope, and the outer keeps its own', () => {
    const ws = new Workspace();
    const tiny = loadBundle(ws, tinyBundle()).functions;
    const seen: unknown[] = [];
    // The outer execution bumps its own counter around a nested execution of the same function.
    ws.installScript({
      ...tiny,
      outer: () => {
        seen.push(tiny.bump!('outer'));
        seen.push(ws.run('bump', ['inner']));
        seen.push(tiny.bump!('outer'));
      },
    });
    ws.run('outer');
    expect(seen).toEqual([1, 1, 2]);
    expect(ws.executions.map((e) => [e.functionName, e.status])).toEqual([
      ['outer', 'completed'],
      ['bump', 'completed'],
    ]);
  });

  test('a Date read back from a cell is a Date of the running execution, each time', () => {
    const ws = new Workspace();
    loadBundle(ws, tinyBundle());
    expect(ws.run('stampIsDate')).toBe(true);
    expect(ws.run('stampIsDate')).toBe(true);
  });

  test('an entry point called outside any execution runs in a new scope each call', () => {
    const ws = new Workspace();
    const { functions, newContext } = loadBundle(ws, tinyBundle());
    expect(functions.bump!()).toBe(1);
    expect(functions.bump!()).toBe(1);
    const a = newContext();
    const b = newContext();
    expect(a.context).not.toBe(b.context);
    expect(Object.keys(a.functions).sort()).toEqual(Object.keys(functions).sort());
    expect(a.functions.bump!()).toBe(1);
    expect(a.functions.bump!()).toBe(2);
    expect(b.functions.bump!()).toBe(1);
  });
});

describe('the real bundle', () => {
  test('runs a school day with a new scope for every execution', () => {
    const ws = new Workspace({ owner: SCHOOL.dsl });
    // Count the scopes the loaded program makes (the first is made at load time to find the functions).
    let scopes = 0;
    const install = ws.installProgram.bind(ws);
    ws.installProgram = (program: ScriptProgram, ...rest) => {
      const newScope = program.newScope.bind(program);
      program.newScope = () => {
        scopes += 1;
        return newScope();
      };
      install(program, ...rest);
    };
    loadBundle(ws);
    runSetUp(ws);
    configureSchool(ws);
    ws.openSpreadsheet(SCHOOL.dsl);
    const sent = submit(ws, ordinaryReport());
    expect(sent.executions).toEqual([expect.objectContaining({ status: 'completed' })]);
    ws.advanceTo(ws.clock.now() + 24 * 3_600_000);

    expect(registerRows(ws)).toHaveLength(1);
    expect(ws.executions.length).toBeGreaterThan(5);
    expect(ws.executions.filter((e) => e.status !== 'completed')).toEqual([]);
    expect(scopes).toBe(ws.executions.length);
  });
});
