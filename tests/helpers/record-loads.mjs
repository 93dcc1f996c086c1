// Module hooks (node --import tests/helpers/record-loads.mjs): every module a process loads through
// import is appended to the file named by LOKET_LOAD_LOG, for tests of what a command loads.
import { appendFileSync } from 'node:fs';
import { register } from 'node:module';

if (process.env.LOKET_LOAD_LOG && !process.env.LOKET_LOAD_HOOKED) {
  process.env.LOKET_LOAD_HOOKED = '1';
  register(import.meta.url);
}

export async function load(url, context, next) {
  appendFileSync(process.env.LOKET_LOAD_LOG, `${url}\n`);
  return next(url, context);
}
