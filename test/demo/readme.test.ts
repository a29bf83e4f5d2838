/**
 * The README a school follows: its two commands come first, it links every guide in docs/, and the Settings
 * reference (docs/settings.md) matches the code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_CATEGORIES, SETTING_ROWS } from '../../src/domain/settings';

const ROOT = path.resolve(__dirname, '../..');
const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const settingsDoc = readFileSync(path.join(ROOT, 'docs', 'settings.md'), 'utf8');
const scripts = (
  JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
).scripts;

it('starts with the two set-up commands, and both are npm scripts', () => {
  const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  expect(readme.indexOf('```sh')).toBeLessThan(readme.indexOf('\n## '));
  expect(firstBlock).toMatch(/^npm ci && npm run demo\b/m);
  expect(firstBlock).toMatch(/^npm ci && npm test\b/m);
  for (const name of ['demo', 'test', 'deploy', 'bench']) expect(scripts[name]).toBeDefined();
});

it('is a front door: short, and it links every guide in docs/', () => {
  expect(readme.split('\n').length).toBeLessThan(150);
  for (const guide of readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md'))) {
    expect(readme).toContain(`](docs/${guide})`);
  }
});

/** The Settings reference's table rows, as trimmed cells (prettier pads them). */
const tableRows = settingsDoc
  .split('\n')
  .filter((line) => line.startsWith('|'))
  .map((line) =>
    line
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((cell) => cell.trim()),
  );

it('documents every setting the Settings sheet has, with its meaning', () => {
  for (const setting of SETTING_ROWS) {
    const row = tableRows.find((cells) => cells[0] === setting.label);
    expect(row?.[2]).toBe(setting.meaning);
  }
});

it('lists every default category with its 4Cs group and flag', () => {
  for (const c of DEFAULT_CATEGORIES) {
    expect(tableRows).toContainEqual([c.name, c.group, c.alwaysChildProtection ? 'Yes' : 'No']);
  }
});
