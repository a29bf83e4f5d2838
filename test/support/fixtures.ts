/**
 * Settings and incidents shared by the domain tests. Each factory takes overrides, so a test states the
 * values its expectations depend on and leaves the rest here.
 */
import { NO_DSL_RECORDS } from '../../src/domain/register';
import type { Incident, Settings } from '../../src/domain/types';

/**
 * A school's Settings with its safeguarding people and nothing else configured (no categories, platforms
 * or year groups): overdue after 7 days, a pupil is "repeat" at 3 incidents in 90 days, a spike is 2× the
 * 4-week baseline and at least 3, digest on Monday at 07:00. The routing and alert tests use it as it is.
 */
export function baseSettings(overrides: Partial<Settings> = {}): Settings {
  return {
    schoolName: 'Test School',
    timeZone: 'Europe/London',
    dslEmail: 'dsl@school.example',
    deputyDslEmails: [],
    headteacherEmail: 'head@school.example',
    chairOfGovernorsEmail: 'chair@governors.example',
    leadershipEmails: [],
    digestDay: 'Monday',
    digestHour: 7,
    alertDetail: 'minimal',
    categories: [],
    platforms: [],
    yearGroups: [],
    overdueDays: 7,
    repeatPupilMinIncidents: 3,
    repeatPupilWindowDays: 90,
    spikeRatio: 2,
    spikeBaselineWeeks: 4,
    spikeMinCount: 3,
    retentionYears: 6,
    retirementAge: 67,
    incidentIdPrefix: 'OSI',
    termDates: [],
    holidays: [],
    agencyReviewDays: 14,
    // Off here, so the domain tests of counting see exact numbers; the suppression tests turn it on.
    suppressionThreshold: 0,
    governorsReportEmails: [],
    trustSpreadsheetId: '',
    trustBigQueryDataset: '',
    schoolCode: '',
    ...overrides,
  };
}

/**
 * Hillside Academy, for the summary and digest tests: `baseSettings` with Hillside's people, four
 * categories (Grooming always child protection), four platforms, Years 7–9, a 30-day repeat-pupil
 * window, and the digest on Friday at 08:00.
 */
export function hillsideSettings(overrides: Partial<Settings> = {}): Settings {
  return baseSettings({
    schoolName: 'Hillside Academy',
    dslEmail: 'dsl@hillside.example',
    headteacherEmail: 'head@hillside.example',
    chairOfGovernorsEmail: 'chair@hillside.example',
    digestDay: 'Friday',
    digestHour: 8,
    categories: [
      { name: 'Cyberbullying', group: 'Conduct', alwaysChildProtection: false },
      { name: 'Grooming', group: 'Contact', alwaysChildProtection: true },
      { name: 'Inappropriate content', group: 'Content', alwaysChildProtection: false },
      { name: 'Scams', group: 'Commerce', alwaysChildProtection: false },
    ],
    platforms: ['Snapchat', 'TikTok', 'WhatsApp', 'Roblox'],
    yearGroups: ['Year 7', 'Year 8', 'Year 9'],
    repeatPupilWindowDays: 30,
    ...overrides,
  });
}

/**
 * A closed Cyberbullying incident on Snapchat, outside school, Year 8, with nobody named and nothing
 * typed: incident ID `id`, response `response-<id>`, submitted at the ISO time `submitted`.
 */
export function closedIncident(id: string, submitted: string, overrides: Partial<Incident> = {}): Incident {
  return {
    responseId: `response-${id}`,
    submittedAt: new Date(submitted),
    reporterEmail: 'teacher@hillside.example',
    occurredAt: null,
    categories: ['Cyberbullying'],
    platform: 'Snapchat',
    location: 'Outside school',
    description: '',
    pupilsHarmed: [],
    pupilsCausedHarm: [],
    pupilsOther: [],
    yearGroups: ['Year 8'],
    adultConcern: 'none',
    adultDetails: '',
    adultRole: '',
    childAtRisk: 'No',
    toldDslInPerson: 'No',
    evidenceKept: 'No',
    evidenceWhere: '',
    actionsTaken: '',
    parentsInformed: 'No',
    incidentId: id,
    fourCs: ['Conduct'],
    childProtection: false,
    childProtectionReasons: [],
    status: 'Closed',
    severity: '',
    assignedTo: '',
    actions: '',
    parentsContacted: '',
    referral: '',
    referralDate: null,
    outcome: '',
    rationale: '',
    lessonsLearnt: '',
    closedOn: null,
    ...NO_DSL_RECORDS,
    lastUpdated: null,
    ...overrides,
  };
}
