/**
 * Entry points: wiring only. gas-webpack-plugin turns each `global.name = fn` into a top-level
 * function in build/Code.js, which is what Apps Script can call (menus, triggers, the editor).
 */
import { retryPendingAlerts } from './handlers/alerts';
import { onRegisterEdit, verifyAuditTrail } from './handlers/audit';
import { showPupilChronology } from './handlers/chronology';
import { sendDigestPreview, sendWeeklyDigest } from './handlers/digest';
import { onFormSubmit, reconcileMissedReports } from './handlers/intake';
import { checkForMissedReports, onOpen, showFormLink } from './handlers/menu';
import { sendOverdueReminders } from './handlers/reminders';
import { showRetentionReview } from './handlers/retention';
import { setUp } from './handlers/setup';
import { rebuildSummary } from './handlers/summary';

declare const global: Record<string, unknown>;

// Simple trigger and menu items.
global.onOpen = onOpen;
global.setUp = setUp;
global.showFormLink = showFormLink;
global.checkForMissedReports = checkForMissedReports;
global.sendDigestPreview = sendDigestPreview;
global.showPupilChronology = showPupilChronology;
global.verifyAuditTrail = verifyAuditTrail;
global.showRetentionReview = showRetentionReview;

// Installable triggers (Set up installs one per handler).
global.onFormSubmit = onFormSubmit;
global.onRegisterEdit = onRegisterEdit;
global.reconcileMissedReports = reconcileMissedReports;
global.retryPendingAlerts = retryPendingAlerts;
global.sendOverdueReminders = sendOverdueReminders;
global.rebuildSummary = rebuildSummary;
global.sendWeeklyDigest = sendWeeklyDigest;
