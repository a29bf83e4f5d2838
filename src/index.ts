/**
 * Entry points: wiring only. gas-webpack-plugin turns each `global.name = fn` into a top-level
 * function in build/Code.js, which is what Apps Script can call (menus, triggers, the editor).
 */
import {
  onHeadteacherAllegationsEdit,
  onLeadAllegationsEdit,
  onRegisterEdit,
  onStaffAllegationsEdit,
  verifyAuditTrail,
} from './handlers/audit';
import { checkAuditTrail } from './handlers/audit-checks';
import { showPupilChronology } from './handlers/chronology';
import { sendDigestPreview, sendWeeklyDigest } from './handlers/digest';
import { sendGovernorsReport } from './handlers/governors';
import { handOver } from './handlers/handover';
import { hourlyRetry, nightlyReconcile, showHealthCheck } from './handlers/health';
import { onFormSubmit } from './handlers/intake';
import { nightlyOversight } from './handlers/oversight';
import { checkForMissedReports, onOpen, showFormLink } from './handlers/menu';
import { sendOverdueReminders } from './handlers/reminders';
import { deleteRecord, showRetentionReview } from './handlers/retention';
import { setUp, takeOver } from './handlers/setup';
import { rebuildSummary } from './handlers/summary';
import { nightlyTrustSummary, rebuildTrustSummary, setUpTrust } from './handlers/trust';
import {
  finishPlatformSelfTest,
  runPlatformCheck,
  runPlatformSelfTest,
  selfTestFormSubmit,
} from './handlers/selftest';

declare const global: Record<string, unknown>;

// Simple trigger and menu items.
global.onOpen = onOpen;
global.setUp = setUp;
global.showFormLink = showFormLink;
global.checkForMissedReports = checkForMissedReports;
global.sendDigestPreview = sendDigestPreview;
global.sendGovernorsReport = sendGovernorsReport;
global.showPupilChronology = showPupilChronology;
global.verifyAuditTrail = verifyAuditTrail;
global.showRetentionReview = showRetentionReview;
global.deleteRecord = deleteRecord;
global.handOver = handOver;
global.takeOver = takeOver;
global.showHealthCheck = showHealthCheck;
global.runPlatformSelfTest = runPlatformSelfTest;
global.runPlatformCheck = runPlatformCheck;
global.setUpTrust = setUpTrust;
global.rebuildTrustSummary = rebuildTrustSummary;

// Installable triggers (Set up installs one per handler).
global.onFormSubmit = onFormSubmit;
global.onRegisterEdit = onRegisterEdit;
global.onStaffAllegationsEdit = onStaffAllegationsEdit;
global.onLeadAllegationsEdit = onLeadAllegationsEdit;
global.onHeadteacherAllegationsEdit = onHeadteacherAllegationsEdit;
global.checkAuditTrail = checkAuditTrail;
// The nightly and hourly jobs carry the health check (handlers/health.ts).
global.reconcileMissedReports = nightlyReconcile;
global.retryPendingAlerts = hourlyRetry;
global.sendOverdueReminders = sendOverdueReminders;
global.rebuildSummary = rebuildSummary;
global.sendWeeklyDigest = sendWeeklyDigest;
// The platform self-test's follow-up (installed by the self-test itself, removed when it finishes).
global.selfTestFormSubmit = selfTestFormSubmit;
global.finishPlatformSelfTest = finishPlatformSelfTest;
global.nightlyOversight = nightlyOversight;
// The trust's own deployment (handlers/trust.ts): the trust-wide Summary each night, as the trust lead.
global.nightlyTrustSummary = nightlyTrustSummary;
