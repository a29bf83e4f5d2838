/**
 * Entry points: wiring only. gas-webpack-plugin turns each `global.name = fn` into a top-level
 * function in build/Code.js, which is what Apps Script can call (menus, triggers, the editor).
 */
import { retryPendingAlerts } from './handlers/alerts';
import { onFormSubmit, reconcileMissedReports } from './handlers/intake';
import { checkForMissedReports, onOpen, showFormLink } from './handlers/menu';
import { setUp } from './handlers/setup';

declare const global: Record<string, unknown>;

global.onOpen = onOpen;
global.setUp = setUp;
global.showFormLink = showFormLink;
global.checkForMissedReports = checkForMissedReports;
global.onFormSubmit = onFormSubmit;
global.reconcileMissedReports = reconcileMissedReports;
global.retryPendingAlerts = retryPendingAlerts;
