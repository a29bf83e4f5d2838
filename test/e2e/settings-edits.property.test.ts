/**
 * Property, through the built bundle with the school's people emulated: whatever random editors of the
 * register type into the routing settings (and whoever then runs Set up / repair), an allegation about the
 * Headteacher never reaches an address the Headteacher controls nor lands in a file the Headteacher can open,
 * and every routing change that takes effect is on the audit trail and notified to the DSL and the Chair.
 *
 * The Headteacher is an editor of the register here (the DSL's mistake, which Set up names), so they can
 * try to change Settings themselves; the deputy and the IT admin are editors too; the teacher is not.
 * The DSL is the runner: only their edits can take effect. The pool of values holds the Headteacher's
 * address written several ways in every routing setting, their personal address, other people and junk.
 */
import fc from 'fast-check';
import type { Workspace } from '../../emulator/workspace';
import { setUpUsualSchool } from '../../scripts/lib/scenario';
import { newSchool, SCHOOL, sheetValues, submit } from '../support/deployment';
import { headteacherConcern } from './alerts-support';

const HEAD_PERSONAL = 'head.home@gmail.example';
/** Every way the Headteacher can be written, and their own personal address: all of it is theirs. */
const HEAD_ADDRESSES = [SCHOOL.headteacher, HEAD_PERSONAL];
const isHeads = (address: string): boolean =>
  HEAD_ADDRESSES.some((h) => h.toLowerCase() === address.trim().toLowerCase());

const ROUTING = [
  'DSL email',
  'Deputy DSL emails',
  'Headteacher email',
  'Chair of Governors email',
  'Leadership emails',
] as const;
type RoutingLabel = (typeof ROUTING)[number];

const EDITORS = [SCHOOL.dsl, SCHOOL.deputy, SCHOOL.headteacher, SCHOOL.itAdmin, SCHOOL.teacher];

/** What may be typed: the DSL never types the Head's personal address (nothing could tell whose it is). */
const VALUES = [
  SCHOOL.headteacher,
  ' HEAD@School.Example ',
  SCHOOL.deputy,
  SCHOOL.dsl,
  SCHOOL.chair,
  'new.chair@governors.example',
  `${SCHOOL.chair}, ${SCHOOL.headteacher}`,
  `${SCHOOL.deputy}\n${SCHOOL.headteacher}`,
  'not an address',
  '',
];

interface Edit {
  editor: string;
  label: RoutingLabel;
  value: string;
  thenSetUp: boolean;
}

const edit: fc.Arbitrary<Edit> = fc
  .record({
    editor: fc.constantFrom(...EDITORS),
    label: fc.constantFrom(...ROUTING),
    value: fc.constantFrom(...VALUES),
    personal: fc.boolean(),
    thenSetUp: fc.boolean(),
  })
  .map(({ editor, label, value, personal, thenSetUp }) => ({
    editor,
    label,
    // Only the Headteacher would type their own personal address.
    value: editor === SCHOOL.headteacher && personal ? HEAD_PERSONAL : value,
    thenSetUp,
  }));

function settingRow(ws: Workspace, label: string): number {
  const rows = sheetValues(ws, ws.containerId, 'Settings');
  const at = rows.findIndex((r) => String(r[0]) === label);
  if (at < 0) throw new Error(`no setting ${label}`);
  return at + 1;
}

function settingValue(ws: Workspace, label: string): string {
  return String(sheetValues(ws, ws.containerId, 'Settings')[settingRow(ws, label) - 1]?.[1] ?? '');
}

/** Audit rows of Settings changes: [who, column, old, new]. */
function settingsAudit(ws: Workspace): string[][] {
  return sheetValues(ws, ws.containerId, 'Audit')
    .slice(1)
    .filter((r) => r[2] === 'Settings')
    .map((r) => [String(r[1]), String(r[3]), String(r[4]), String(r[5])]);
}

const recipients = (m: { to: string[]; cc: string[]; bcc: string[] }): string[] => [
  ...m.to,
  ...m.cc,
  ...m.bcc,
];

test('random Settings edits by random editors: the Head never learns of an allegation about them; every routing change is audited and notified', () => {
  fc.assert(
    fc.property(fc.array(edit, { minLength: 1, maxLength: 5 }), (edits) => {
      const ws = newSchool();
      setUpUsualSchool(ws, (_name, action) => {
        action();
        return true;
      });
      // The DSL's mistakes: the Headteacher and the IT admin are editors of the register.
      ws.drive.share(ws.containerId, SCHOOL.headteacher, 'editor');
      ws.drive.share(ws.containerId, SCHOOL.itAdmin, 'editor');

      for (const e of edits) {
        const before = settingValue(ws, e.label);
        const mailBefore = ws.mail.sent.length;
        const auditBefore = settingsAudit(ws).length;
        let tookEffect = true;
        try {
          ws.spreadsheets._userEdit(
            e.editor,
            ws.containerId,
            'Settings',
            `B${settingRow(ws, e.label)}`,
            e.value,
          );
        } catch {
          tookEffect = false; // refused: protected, or the person cannot edit the file
        }
        // Only the runner's edits can change Settings.
        if (e.editor !== SCHOOL.dsl) expect(tookEffect).toBe(false);
        const after = settingValue(ws, e.label);
        if (tookEffect && after !== before) {
          // On the trail, old → new, with who made it…
          const rows = settingsAudit(ws).slice(auditBefore);
          expect(rows).toContainEqual([SCHOOL.dsl, e.label, before, after]);
          // …and told, content-free, to the DSL (and the Chair when one is set), never to the Head.
          const notices = ws.mail.sent.slice(mailBefore).filter((m) => /Settings changed/.test(m.subject));
          expect(notices.length).toBeGreaterThan(0);
          const told = notices.flatMap(recipients).map((r) => r.toLowerCase());
          expect(told).toContain(SCHOOL.dsl);
          expect(told.filter(isHeads)).toEqual([]);
        }
        if (e.thenSetUp) {
          ws.openSpreadsheet(SCHOOL.dsl);
          ws.spreadsheets.ui.clickMenu(SCHOOL.dsl, 'Online Safety', 'Set up / repair');
        }
      }

      const secret = 'The Head asked a pupil for her personal phone number and messaged her.';
      submit(ws, headteacherConcern({ adultDetails: secret }));
      ws.advanceTo(ws.clock.now() + 2 * 3_600_000);

      // No email about it to any address of the Head's…
      const about = ws.mail.sent.filter((m) => /HA-\d{4}-\d{4}/.test(`${m.subject}\n${m.body}`));
      expect(about.flatMap(recipients).filter(isHeads)).toEqual([]);
      // …and no file the Head can open holds it.
      for (const file of ws.drive.openableBy(SCHOOL.headteacher)) {
        if (file.kind !== 'spreadsheet') continue;
        const book = (
          ws.spreadsheets.snapshot() as Array<{ id: string; sheets: Array<{ values: unknown }> }>
        ).find((b) => b.id === file.id);
        expect(JSON.stringify(book?.sheets ?? [])).not.toContain(secret);
        expect(JSON.stringify(book?.sheets ?? [])).not.toMatch(/HA-\d{4}-\d{4}/);
      }
    }),
    { numRuns: 12, seed: 20261206 },
  );
}, 180_000);
