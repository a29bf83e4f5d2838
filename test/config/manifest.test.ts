/** What a school's admin approves on first run: the manifest asks for the least it needs. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(path.join(root, 'appsscript.json'), 'utf8')) as {
  timeZone: string;
  runtimeVersion: string;
  exceptionLogging: string;
  oauthScopes: string[];
  dependencies?: { enabledAdvancedServices?: Array<Record<string, string>> };
};

describe('appsscript.json', () => {
  it('runs on V8 in a named time zone and logs exceptions', () => {
    expect(manifest.runtimeVersion).toBe('V8');
    expect(Intl.DateTimeFormat(undefined, { timeZone: manifest.timeZone }).resolvedOptions().timeZone).toBe(
      manifest.timeZone,
    );
    expect(manifest.exceptionLogging).toBe('STACKDRIVER');
  });

  it('asks for forms, spreadsheets, sending mail, triggers, the sheet UI and the user email only', () => {
    expect([...manifest.oauthScopes].sort()).toEqual(
      [
        'https://www.googleapis.com/auth/forms',
        'https://www.googleapis.com/auth/script.container.ui',
        'https://www.googleapis.com/auth/script.scriptapp',
        'https://www.googleapis.com/auth/script.send_mail',
        'https://www.googleapis.com/auth/spreadsheets',
        'https://www.googleapis.com/auth/userinfo.email',
      ].sort(),
    );
    // No Gmail (reading mail) and no full Drive access.
    expect(manifest.oauthScopes.some((s) => /gmail|mail\.google|auth\/drive$/.test(s))).toBe(false);
  });

  it('enables only the Sheets advanced service (v4), which needs no scope beyond spreadsheets', () => {
    expect(manifest.dependencies).toEqual({
      enabledAdvancedServices: [{ userSymbol: 'Sheets', serviceId: 'sheets', version: 'v4' }],
    });
  });

  it('is copied into the build next to Code.js', () => {
    const built = JSON.parse(readFileSync(path.join(root, 'build', 'appsscript.json'), 'utf8')) as unknown;
    expect(built).toEqual(manifest);
  });
});

describe('appsscript.bigquery.json (npm run deploy -- --bigquery)', () => {
  const second = JSON.parse(readFileSync(path.join(root, 'appsscript.bigquery.json'), 'utf8')) as Record<
    string,
    unknown
  > & { oauthScopes: string[] };

  it('is the default manifest plus the BigQuery advanced service and its one scope, nothing else', () => {
    const { dependencies, oauthScopes, ...rest } = second;
    const { oauthScopes: defaultScopes, dependencies: defaultDependencies, ...defaultRest } = manifest;
    expect(rest).toEqual(defaultRest);
    expect(oauthScopes.filter((s) => !defaultScopes.includes(s))).toEqual([
      'https://www.googleapis.com/auth/bigquery',
    ]);
    expect(defaultScopes.every((s) => oauthScopes.includes(s))).toBe(true);
    // The default manifest's advanced services (Sheets), then BigQuery.
    expect(dependencies).toEqual({
      enabledAdvancedServices: [
        ...(defaultDependencies?.enabledAdvancedServices ?? []),
        { userSymbol: 'BigQuery', serviceId: 'bigquery', version: 'v2' },
      ],
    });
  });
});

describe('.clasp.json', () => {
  it('pushes the build folder and commits no script id', () => {
    const clasp = JSON.parse(readFileSync(path.join(root, '.clasp.json'), 'utf8')) as Record<string, unknown>;
    expect(clasp.rootDir).toBe('build');
    expect(clasp.scriptId ?? '').toBe('');
  });
});
