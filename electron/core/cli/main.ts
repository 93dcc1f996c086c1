import type { Lang } from '../../../shared/i18n';
import { UsageError } from './args';
import { badges, invitations } from './commands/badge-commands';
import { certificatesCommand, handoverCommand } from './commands/certificate-commands';
import { checkin, importFile, init, statusCommand } from './commands/desk-commands';
import { demoWorkbook } from './commands/demo-workbook';
import { backupCommand, checkCommand, purgeCommand, restoreCommand } from './commands/backup-commands';
import { exportCommand } from './commands/export-command';
import { serve } from './commands/serve';
import { bundle, invite, join, syncCommand } from './commands/sync-commands';
import { report, reportError, USAGE, type CommandResult } from './output';

const COMMANDS: Record<string, (argv: string[]) => Promise<CommandResult>> = {
  init,
  import: importFile,
  checkin,
  status: statusCommand,
  'demo-workbook': demoWorkbook,
  badges,
  invitations,
  certificates: certificatesCommand,
  handover: handoverCommand,
  sync: syncCommand,
  invite,
  join,
  bundle,
  export: exportCommand,
  backup: backupCommand,
  restore: restoreCommand,
  check: checkCommand,
  purge: purgeCommand,
  uplink: async (argv) => (await import('./commands/uplink-command')).uplink(argv),
};

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const json = rest.includes('--json');
  const langArg = rest[rest.indexOf('--lang') + 1];
  const lang: Lang = rest.includes('--lang') && langArg === 'en' ? 'en' : 'id';
  try {
    if (!command || command === 'help' || command === '--help') {
      process.stdout.write(USAGE);
      return command ? 0 : 2;
    }
    if (command === 'serve') return await serve(rest);
    const run = COMMANDS[command];
    if (!run) throw new UsageError(`unknown command "${command}"`);
    return report(await run(rest), json);
  } catch (error) {
    return reportError(error, json, lang);
  }
}

process.exitCode = await main(process.argv.slice(2));
