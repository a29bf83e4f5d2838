/**
 * The weekly email's snapshot on its own (pure): what the rebuild keeps comes back as the same digest, and
 * the cases the end-to-end tests do not reach — a snapshot from before the week ended, one with a label
 * typed by staff, one too big to keep — send the email back to the register.
 */
import { computeSummary } from '../../src/domain/analytics';
import type { Incident } from '../../src/domain/types';
import { readSnapshot, snapshotText, weeklyDigestAt } from '../../src/domain/weekly-snapshot';
import { closedIncident, hillsideSettings } from '../support/fixtures';

const SETTINGS = hillsideSettings();
/** Monday 2 Nov 2026, 03:00 GMT: the nightly rebuild; the email goes at 07:00. */
const REBUILD = new Date('2026-11-02T03:00:00Z');
const EMAIL = new Date('2026-11-02T07:00:00Z');

function incidents(): Incident[] {
  const list: Incident[] = [];
  for (let day = 0; day < 28; day += 1) {
    const at = new Date(Date.parse('2026-10-05T10:00:00Z') + day * 86_400_000).toISOString();
    list.push(
      closedIncident(`OS-${day}`, at, {
        platform: day % 3 === 0 ? 'Snapchat' : 'Zorbl Chat (typed by staff)',
        yearGroups: ['Year 8'],
        pupilsHarmed: ['Quentin Blackwood'],
      }),
    );
  }
  return list;
}

function digestAt(at: Date): ReturnType<typeof weeklyDigestAt> {
  return weeklyDigestAt((weekOf) => computeSummary(incidents(), SETTINGS, at, { weekOf }), SETTINGS, at);
}

describe('the weekly snapshot', () => {
  it('comes back as the digest the rebuild computed, with no name typed by staff in it', () => {
    const digest = digestAt(REBUILD);
    const text = snapshotText(digest, SETTINGS, REBUILD);
    expect(text).not.toBeNull();
    expect(text).not.toContain('Quentin');
    expect(text).not.toContain('Zorbl');
    const verdict = readSnapshot(text, SETTINGS, EMAIL);
    expect(verdict).toEqual({ ok: true, digest, takenAt: REBUILD });
    expect(digest.topPlatforms.map((bar) => bar.label)).toContain('Other');
  });

  it('made on Sunday night is not used for Monday’s email, though it is under 36 hours old', () => {
    const sunday = new Date('2026-11-01T03:00:00Z');
    const text = snapshotText(digestAt(sunday), SETTINGS, sunday);
    expect(readSnapshot(text, SETTINGS, EMAIL)).toEqual({ ok: false, reason: 'otherWeek' });
  });

  it('with a platform name that is not in Settings is not used', () => {
    const text = snapshotText(digestAt(REBUILD), SETTINGS, REBUILD) ?? '';
    const typed = text.replace('"label":"Snapchat"', '"label":"Zorbl Chat (typed by staff)"');
    expect(typed).not.toBe(text);
    expect(readSnapshot(typed, SETTINGS, EMAIL)).toEqual({ ok: false, reason: 'unreadable' });
  });

  it('that would not fit in a property is not kept', () => {
    const big = hillsideSettings({
      categories: Array.from({ length: 120 }, (_, i) => ({
        name: `A category with a long name, number ${i}`,
        group: 'Content' as const,
        alwaysChildProtection: false,
      })),
    });
    const many = Array.from({ length: 120 }, (_, i) =>
      closedIncident(`OS-${i}`, '2026-10-27T10:00:00Z', {
        categories: [`A category with a long name, number ${i}`],
      }),
    );
    const digest = weeklyDigestAt((weekOf) => computeSummary(many, big, REBUILD, { weekOf }), big, REBUILD);
    expect(snapshotText(digest, big, REBUILD)).toBeNull();
  });
});
