/**
 * The domain's vocabulary: settings, a parsed incident, the DSL's workflow. Pure data, no Apps Script.
 */
import type { SchoolPeriod } from './school-calendar';

/** The 4Cs of online risk (content, contact, conduct, commerce), used to group categories. */
export type FourC = 'Content' | 'Contact' | 'Conduct' | 'Commerce';
export const FOUR_CS: readonly FourC[] = ['Content', 'Contact', 'Conduct', 'Commerce'];

export interface CategoryDef {
  /** What staff tick on the form, e.g. "Cyberbullying". */
  name: string;
  group: FourC;
  /** A report in this category is always a child-protection concern (grooming, nudes, self-harm…). */
  alwaysChildProtection: boolean;
}

export type AlertDetail = 'minimal' | 'full';
export type Weekday = 'Monday' | 'Tuesday' | 'Wednesday' | 'Thursday' | 'Friday' | 'Saturday' | 'Sunday';
export const WEEKDAYS: readonly Weekday[] = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
];

export interface Settings {
  schoolName: string;
  /** IANA time zone weeks and months are cut in (normally the script's). */
  timeZone: string;
  dslEmail: string;
  deputyDslEmails: string[];
  headteacherEmail: string;
  chairOfGovernorsEmail: string;
  leadershipEmails: string[];
  digestDay: Weekday;
  /** 0–23, school time zone. */
  digestHour: number;
  alertDetail: AlertDetail;
  categories: CategoryDef[];
  platforms: string[];
  yearGroups: string[];
  /** An open incident with no change for this many days is overdue. */
  overdueDays: number;
  /** Pupils named in at least this many incidents… */
  repeatPupilMinIncidents: number;
  /** …within this many days are listed on the summary. */
  repeatPupilWindowDays: number;
  /** Spike: this week's count ≥ spikeRatio × the average of the previous spikeBaselineWeeks weeks… */
  spikeRatio: number;
  spikeBaselineWeeks: number;
  /** …and at least this many this week (so 1 against 0 is not a spike). */
  spikeMinCount: number;
  /** Records neither child protection nor allegations are reviewed this many years after closing. */
  retentionYears: number;
  /**
   * Normal retirement age, for allegation records (kept until the person reaches it, or 10 years from the
   * allegation, whichever is longer: domain/retention.ts).
   */
  retirementAge: number;
  incidentIdPrefix: string;
  /** Terms, and holidays inside them: reminders go out on school days only (domain/school-calendar). */
  termDates: SchoolPeriod[];
  holidays: SchoolPeriod[];
  /** An incident Awaiting external agency is reviewed this many days after its last update. */
  agencyReviewDays: number;
  /**
   * Counts from 1 to this minus one leave the safeguarding team as "fewer than N" (weekly email, governors'
   * report, trust export: domain/suppression). 0 turns it off; otherwise at least 3.
   */
  suppressionThreshold: number;
  /** Get the governors' termly report (domain/governors-report) at the end of each term. */
  governorsReportEmails: string[];
  /** The trust's spreadsheet (its ID) this school exports its weekly counts to; '' = not opted in. */
  trustSpreadsheetId: string;
  /** Or the trust's BigQuery dataset, 'project.dataset' (table `weekly`); '' = not this store. */
  trustBigQueryDataset: string;
  /** This school's code in the trust's rollup (domain/trust-export). */
  schoolCode: string;
}

export type RiskAnswer = 'Yes' | 'No' | 'Not sure';

/**
 * Who the adult concern, if any, is about; drives allegation routing. 'other-adult' is another adult who
 * works or volunteers in school (supply staff, volunteers, contractors: KCSIE Part Four), routed as staff.
 */
export type AdultConcern = 'none' | 'staff' | 'dsl' | 'deputy-dsl' | 'headteacher' | 'parent' | 'other-adult';

export const STATUSES = ['New', 'Triaged', 'In progress', 'Awaiting external agency', 'Closed'] as const;
export type Status = (typeof STATUSES)[number];

export const SEVERITIES = ['Low', 'Medium', 'High', 'Critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const REFERRALS = [
  'None',
  'Police',
  'CEOP',
  'IWF',
  'LADO',
  "Children's social care",
  'Platform report',
] as const;
export type Referral = (typeof REFERRALS)[number];

/** Where content removal stands (the platform's report, IWF Report Remove…): the DSL's dropdown. */
export const CONTENT_REMOVAL = [
  'Not needed',
  'Not yet requested',
  'Requested',
  'Removed',
  'Refused or no reply',
] as const;
export type ContentRemoval = (typeof CONTENT_REMOVAL)[number];

/** KCSIE Part Four's outcome definitions for an allegation about an adult. */
export const ALLEGATION_OUTCOMES = [
  'Substantiated',
  'False',
  'Malicious',
  'Unfounded',
  'Unsubstantiated',
] as const;
export type AllegationOutcome = (typeof ALLEGATION_OUTCOMES)[number];

/** What the reporter told us, parsed from one form response. */
export interface IncidentReport {
  /** The Forms response id: the key that makes the register exactly-once. */
  responseId: string;
  submittedAt: Date;
  /** Verified Workspace email of the member of staff who reported. */
  reporterEmail: string;
  occurredAt: Date | null;
  categories: string[];
  platform: string;
  location: string;
  description: string;
  /** One pupil per entry, as typed (trimmed, blank lines dropped). */
  pupilsHarmed: string[];
  pupilsCausedHarm: string[];
  pupilsOther: string[];
  yearGroups: string[];
  adultConcern: AdultConcern;
  /** Name/role of the adult and what they are alleged to have done (only when adultConcern ≠ none). */
  adultDetails: string;
  /** Was the adult the instigator or the target? */
  adultRole: string;
  childAtRisk: RiskAnswer | '';
  toldDslInPerson: string;
  evidenceKept: string;
  evidenceWhere: string;
  actionsTaken: string;
  parentsInformed: string;
}

/** What the system works out from the report. */
export interface Derived {
  incidentId: string;
  fourCs: FourC[];
  childProtection: boolean;
  /** Plain-words reasons the flag was raised, e.g. "Reporter: child at risk (Yes)", "Category: Grooming". */
  childProtectionReasons: string[];
}

/** The DSL's columns in the register. */
export interface Workflow {
  status: Status;
  severity: Severity | '';
  assignedTo: string;
  actions: string;
  parentsContacted: string;
  referral: Referral | '';
  referralDate: Date | null;
  outcome: string;
  rationale: string;
  lessonsLearnt: string;
  closedOn: Date | null;
  /** When the DSL (or a deputy) was first told, in person or by the alert. */
  dslToldAt: Date | null;
  nextReview: Date | null;
  supportOffered: string;
  /** Sanctions under the behaviour policy, for the pupils who caused harm. */
  sanctions: string;
  contentRemoval: ContentRemoval | '';
  /** Allegations about adults: the LADO's advice, when it was given, and the outcome category. */
  ladoAdvice: string;
  ladoAdviceDate: Date | null;
  allegationOutcome: AllegationOutcome | '';
  /** When the DSL's workflow columns last changed (for overdue). */
  lastUpdated: Date | null;
}

export type Incident = IncidentReport & Derived & Workflow;
