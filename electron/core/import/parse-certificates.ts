import type { Lang } from '../../../shared/i18n';
import { normalizeCertificateSheets, type NormalizedCertificates } from '../../../shared/import/certificate-list';
import { readTable } from './read-table';

/** What reading a certificate list needs besides the file's bytes. */
export interface CertificateJob {
  fileName: string;
  lang: Lang;
}

export interface CertificateRequest extends CertificateJob {
  content: Uint8Array;
}

export async function parseCertificateBytes(bytes: Uint8Array, job: CertificateJob): Promise<NormalizedCertificates> {
  return normalizeCertificateSheets(await readTable(bytes, job.fileName), job.lang);
}
