/**
 * Hand over to a new DSL… (menu, runner only): when the DSL who runs the system is leaving, they name the
 * new DSL, who is recorded as the one who may take over, and is let into the spreadsheet, the form, the
 * restricted files and their protections, so that their Take over as DSL (handlers/setup.ts) can repair
 * and protect everything as them. Why a step of its own: only the runner can share what the runner owns;
 * nothing is moved until the new DSL takes over.
 */
import { decideHandOver, handOverMessage } from '../domain/runner';
import { configFrom, readAllProperties } from '../workspace/config';
import { scriptTimeZone } from '../workspace/clock';
import {
  currentAccount,
  letInNewRunner,
  pendingRunnerOf,
  recordPendingRunner,
  runsAsRunner,
} from '../workspace/runner';
import { readSettings } from '../workspace/settings-sheet';
import { showMessage, ui } from '../workspace/ui';

const TITLE = 'Hand over to a new DSL';

export function handOver(): void {
  if (!runsAsRunner('handOver')) return;
  const screen = ui();
  if (!screen) return;
  const props = readAllProperties();
  const pending = pendingRunnerOf(props);
  const answer = screen.prompt(
    TITLE,
    (pending !== '' ? `${pending} is already waiting to take over. ` : '') +
      "The new DSL's school Google account (their email address). They will be able to take the system over " +
      'from you. Leave it empty to cancel a hand-over.',
    screen.ButtonSet.OK_CANCEL,
  );
  if (answer.getSelectedButton() !== screen.Button.OK) return;
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const { settings } = readSettings(ss, scriptTimeZone());
  const me = currentAccount();
  const decision = decideHandOver(answer.getResponseText(), me, pending, settings.headteacherEmail);
  switch (decision.kind) {
    case 'refuse':
      showMessage(TITLE, decision.message);
      return;
    case 'cancel':
      recordPendingRunner('');
      showMessage(
        TITLE,
        `The hand-over to ${pending} is cancelled: the system runs as you. If ${pending} should not keep the ` +
          'spreadsheet, remove them in Share; Set up / repair takes anyone Settings do not name off the restricted files.',
      );
      return;
    case 'hand over': {
      recordPendingRunner(decision.to);
      const notShared = letInNewRunner(ss, configFrom(props), decision.to);
      showMessage(TITLE, handOverMessage(decision.to, me, notShared));
      return;
    }
  }
}
