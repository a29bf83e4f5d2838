/** The follow-up digest: grouped most urgent first, short, counts in the subject, nothing but IDs. */
import { describe, expect, it } from '@jest/globals';
import {
  MAX_LISTED,
  groupReminderItems,
  renderReminderDigest,
  type ReminderItem,
} from '../../src/domain/reminders';
import { baseSettings } from '../support/fixtures';

const item = (n: number, extra: Partial<ReminderItem> = {}): ReminderItem => ({
  incidentId: `OSI-2026-${String(n).padStart(4, '0')}`,
  status: 'Triaged',
  childProtection: false,
  daysOpen: 12,
  registerRowUrl: `https://docs.google.com/spreadsheets/d/abc/edit#gid=1&range=A${n + 1}`,
  kind: 'overdue',
  ...extra,
});

describe('the follow-up digest', () => {
  it('lists overdue child protection first, then other overdue, then reviews, with counts in the subject', () => {
    const items = [
      item(3),
      item(1, { kind: 'review', status: 'Awaiting external agency', reviewDay: 20_718 }),
      item(2, { childProtection: true }),
    ];
    const email = renderReminderDigest(groupReminderItems(items), baseSettings());
    expect(email.subject).toBe(
      '[Online safety] 2 incidents overdue for follow-up (1 child protection), 1 agency review due',
    );
    const order = ['Overdue — child protection (1):', 'OSI-2026-0002', 'Overdue (1):', 'OSI-2026-0003'];
    const at = order.map((text) => email.text.indexOf(text));
    expect(at.every((p, i) => p >= 0 && (i === 0 || p > at[i - 1]!))).toBe(true);
    expect(email.text).toContain('Review due — awaiting an external agency (1):');
    expect(email.text).toContain('- OSI-2026-0001 | Awaiting external agency | review due 22 Sep 2026 |');
  });

  it(`lists at most ${MAX_LISTED} IDs in all, the most urgent first, and counts the rest`, () => {
    const items = [
      ...Array.from({ length: 8 }, (_, i) => item(i + 1, { childProtection: true })),
      ...Array.from({ length: 20 }, (_, i) => item(i + 20)),
    ];
    const email = renderReminderDigest(groupReminderItems(items), baseSettings());
    const listed = email.text.split('\n').filter((l) => l.startsWith('- '));
    expect(listed).toHaveLength(MAX_LISTED);
    expect(email.text).toContain('Overdue — child protection (8):');
    expect(email.text).toContain('Overdue (20):');
    expect(email.text).toContain("…and 16 more: see the Summary sheet's overdue follow-ups.");
    expect(email.html).toContain('…and 16 more');
  });
});
