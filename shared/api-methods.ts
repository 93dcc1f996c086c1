/**
 * The names of the API methods, without their schemas, so the Electron preload can expose one
 * named function each without bundling the validation library.
 */
export const API_METHODS = [
  'deskInfo',
  'setLanguage',
  'createEvent',
  'signIn',
  'signOut',
  'unlockOrganizer',
  'lockOrganizer',
  'search',
  'participant',
  'checkIn',
  'voidCheckIn',
  'registerWalkIn',
  'previewImport',
  'commitImport',
  'importProblems',
  'status',
  'badge',
  'printBadge',
  'printTestPage',
  'deskSettings',
  'setDeskSettings',
  'batchBadges',
  'certificates',
  'addCertificate',
  'previewCertificateImport',
  'commitCertificateImport',
  'handOver',
  'voidHandover',
  'conflicts',
  'resolveConflict',
  'stock',
  'closeDesk',
  'printReceipt',
  'syncStatus',
  'invite',
  'joinEvent',
] as const;

export type ApiMethod = (typeof API_METHODS)[number];
