/** The desk core as a library, for the integration tests and the benchmark to drive the built code. */
export { Desk } from './desk';
export { dispatch } from './api/dispatch';
export { startServer } from './server/http-server';
export { seedDemoEvent } from './demo/seed';
export { checkIn, registerWalkIn, voidCheckIn } from './services/checkin-service';
export { commitImport, previewImport } from './services/import-service';
export { commitCertificateImport, previewCertificateImport } from './services/certificate-import-service';
export { readTable } from './import/read-table';
export { search, status } from './services/status-service';
export { batchBadges } from './services/badge-service';
