/**
 * The domain's vocabulary: settings, a parsed incident, the DSL's workflow. Pure data, no Apps Script.
 */

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
  /** Incidents closed longer ago than this are listed for the DSL's retention review. */
  retentionYears: number;
  incidentIdPrefix: string;
}

export type RiskAnswer = 'Yes' | 'No' | 'Not sure';

/** Who the adult concern, if any, is about; drives allegation routing. */
export type AdultConcern = 'none' | 'staff' | 'headteacher' | 'parent' | 'other-adult';

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
  /** When the DSL's workflow columns last changed (for overdue). */
  lastUpdated: Date | null;
}

export type Incident = IncidentReport & Derived & Workflow;
