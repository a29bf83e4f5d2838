/**
 * The platform behaviours the product's self-test checks (src/selftest), each one a switch. Defaults are
 * the emulator's model of Google (the same one every other test runs against); a test flips one switch to
 * make the emulator behave the other way and shows that the matching self-test check then reports a
 * difference — so no check can pass whatever the platform does. Each switch names the emulator comment that
 * holds the assumption (several are marked unconfirmed there).
 */
export interface PlatformBehaviour {
  /** `'=1+1` written by a script reads back as the text `=1+1` (sheets/cells.ts). false: the apostrophe stays in the value. */
  quotePrefixHidden: boolean;
  /** A cell formatted as plain text ('@') keeps `=1+1` as text (sheets/cells.ts). false: it becomes a formula. */
  plainTextFormatKeepsText: boolean;
  /** Changing the spreadsheet's time zone keeps each date cell's wall clock (sheets/cells.ts SerialDate). false: the instant is kept. */
  zoneChangeKeepsWallClock: boolean;
  /** A new protection mirrors the file's editors until its list is changed (sheets/protection.ts). false: it is restricted at once. */
  newProtectionMirrorsFile: boolean;
  /** removeEditors([]) leaves a new protection mirroring the file (sheets/protection.ts). false: it restricts it. */
  emptyRemovalKeepsMirroring: boolean;
  /** A form made with FormApp.create(title) starts unpublished (forms/form.ts). false: it starts published. */
  formsStartUnpublished: boolean;
  /** A script's own FormResponse.submit() fires no form-submit trigger (forms/responses.ts). false: it fires them. */
  scriptSubmissionFiresNoTrigger: boolean;
  /** Form.setEmailCollectionType(VERIFIED) works where the enum exists (forms/form.ts). false: it throws. */
  verifiedEmailCollection: boolean;
  /** Utilities.computeDigest encodes text in the charset given (utilities.ts). false: the charset is ignored (Latin-1). */
  digestHonoursCharset: boolean;
  /** Intl.DateTimeFormat honours its timeZone option in the script's runtime (load-bundle.ts). false: every zone formats as UTC. */
  intlTimeZones: boolean;
  /** Session.getActiveUser() shows the runner's own email in a menu run (workspace.ts). false: blank. */
  activeUserShownToRunner: boolean;
  /** A share the admin's policy forbids throws (drive.ts). false: it returns and adds nobody. */
  refusedShareThrows: boolean;
  /** addDeveloperMetadata(key) defaults to DOCUMENT visibility (sheets/metadata.ts). false: PROJECT. */
  metadataDefaultDocument: boolean;
}

/** The emulator's model of Google, as every other test assumes it. */
export const MODELLED_PLATFORM: Readonly<PlatformBehaviour> = Object.freeze({
  quotePrefixHidden: true,
  plainTextFormatKeepsText: true,
  zoneChangeKeepsWallClock: true,
  newProtectionMirrorsFile: true,
  emptyRemovalKeepsMirroring: true,
  formsStartUnpublished: true,
  scriptSubmissionFiresNoTrigger: true,
  verifiedEmailCollection: true,
  digestHonoursCharset: true,
  intlTimeZones: true,
  activeUserShownToRunner: true,
  refusedShareThrows: true,
  metadataDefaultDocument: true,
});

export type PlatformSwitch = keyof PlatformBehaviour;
