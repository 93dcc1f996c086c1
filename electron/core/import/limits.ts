/** The largest list the desk accepts; a real one is a few hundred kilobytes. */
export const MAX_FILE_MB = 100;

/** Sheet names travel into the event log as a participant's source, which caps them. */
export const MAX_SHEET_NAME = 120;

/** What one part of an XLSX may inflate to: below V8's longest string, as each part becomes one. */
export const MAX_PART_BYTES = 400 * 1024 * 1024;
