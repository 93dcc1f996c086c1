import { langOf, UsageError } from './args';
import { report, reportError, usage, type CommandResult } from './output';

/** A command returns its result to print, or (a server that runs until stopped) its exit status. */
type Command = (argv: string[]) => Promise<CommandResult | number>;

/**
 * Every command, one line each, loaded only when it runs: `loket --help` or `loket status` never
 * loads the PDF, spreadsheet, browser or sync code the other commands need (see docs/performance.md).
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  serve: () => import('./commands/serve').then((m) => m.serve),
  init: () => import('./commands/init').then((m) => m.init),
  import: () => import('./commands/import').then((m) => m.importFile),
  checkin: () => import('./commands/checkin').then((m) => m.checkin),
  status: () => import('./commands/status').then((m) => m.statusCommand),
  'demo-workbook': () => import('./commands/demo-workbook').then((m) => m.demoWorkbook),
  badges: () => import('./commands/badges').then((m) => m.badges),
  invitations: () => import('./commands/invitations').then((m) => m.invitations),
  certificates: () => import('./commands/certificates').then((m) => m.certificatesCommand),
  handover: () => import('./commands/handover').then((m) => m.handoverCommand),
  sync: () => import('./commands/sync').then((m) => m.syncCommand),
  invite: () => import('./commands/invite').then((m) => m.invite),
  join: () => import('./commands/join').then((m) => m.join),
  bundle: () => import('./commands/bundle').then((m) => m.bundle),
  export: () => import('./commands/export').then((m) => m.exportCommand),
  backup: () => import('./commands/backup').then((m) => m.backupCommand),
  restore: () => import('./commands/restore').then((m) => m.restoreCommand),
  check: () => import('./commands/check').then((m) => m.checkCommand),
  purge: () => import('./commands/purge').then((m) => m.purgeCommand),
  uplink: () => import('./commands/uplink').then((m) => m.uplink),
};

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const json = rest.includes('--json');
  const lang = langOf(argv);
  try {
    if (!command || command === 'help' || command === '--help') {
      process.stdout.write(usage(lang));
      return command ? 0 : 2;
    }
    const load = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (!load) throw new UsageError('cli.unknownCommand', { command });
    const outcome = await (await load())(rest);
    return typeof outcome === 'number' ? outcome : report(outcome, json);
  } catch (error) {
    return reportError(error, json, lang);
  }
}

process.exitCode = await main(process.argv.slice(2));
