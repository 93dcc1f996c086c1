import type { NormalizedCertificates } from '../../../shared/import/certificate-list';
import { parseCertificateBytes, type CertificateRequest } from './parse-certificates';
import { startImportWorker, type WorkerOptions } from './worker-channel';

/**
 * Read and normalize a certificate list on an import worker of its own, as a participant list is
 * read (parse-off-thread.ts): the same heap cap and refusals, and the desk answers check-ins
 * meanwhile. Matching it to the desk's participants stays with the caller; the worker ends here.
 */
export async function readCertificatesOffThread({ content, ...job }: CertificateRequest, options: WorkerOptions = {}): Promise<NormalizedCertificates> {
  const worker = startImportWorker(options);
  if (!worker) return parseCertificateBytes(content, job);
  try {
    await worker.send(content);
    const list: NormalizedCertificates = { rows: 0, candidates: [], errors: [], warnings: [] };
    for (let reply = await worker.ask({ kind: 'start-certificates', job }); reply.kind !== 'read'; reply = await worker.ask({ kind: 'more' })) {
      if (reply.kind !== 'certificates') throw new Error(`the import worker answered ${reply.kind}`);
      list.rows = reply.rows;
      for (const c of reply.candidates) list.candidates.push(c);
      for (const e of reply.errors) list.errors.push(e);
      for (const w of reply.warnings) list.warnings.push(w);
    }
    return list;
  } finally {
    worker.close();
  }
}
