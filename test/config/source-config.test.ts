/**
 * The source config keeps Node and browser globals out of src/: Apps Script has no setTimeout, fetch,
 * Buffer or TextEncoder, so code using them must fail to compile rather than fail in a school's Workspace.
 */
import * as path from 'node:path';
import * as ts from 'typescript';

const root = path.resolve(__dirname, '..', '..');

function diagnosticsFor(source: string): string[] {
  const configPath = path.join(root, 'tsconfig.json');
  const read = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, root);
  const fileName = path.join(root, 'src', '__probe__.ts');
  const host = ts.createCompilerHost(parsed.options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (f) => (path.resolve(f) === fileName ? source : readFile(f));
  host.fileExists = (f) => path.resolve(f) === fileName || fileExists(f);
  const program = ts.createProgram([fileName], parsed.options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file?.fileName !== undefined && path.resolve(d.file.fileName) === fileName)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('src/ compiles against Apps Script, not Node or the browser', () => {
  it.each([
    ['setTimeout', 'setTimeout(() => undefined, 10);'],
    ['fetch', "void fetch('https://example.org');"],
    ['Buffer', "Buffer.from('x');"],
    ['TextEncoder', 'new TextEncoder();'],
    ['require', "require('fs');"],
    ['process', 'process.exit(1);'],
  ])('%s does not compile in src/', (_name, code) => {
    expect(diagnosticsFor(`export {};\n${code}\n`).join('\n')).toMatch(/Cannot find name/);
  });

  it('the Apps Script services and ES2022 do compile', () => {
    const code = [
      'export function probe(): string {',
      "  const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Register');",
      '  const at = [1, 2, 3].at(-1) ?? 0;',
      "  return `${sheet ? sheet.getName() : ''}${Object.hasOwn({ a: 1 }, 'a')}${at}`;",
      '}',
    ].join('\n');
    expect(diagnosticsFor(code)).toEqual([]);
  });
});
