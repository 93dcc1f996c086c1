import { Desk } from '../../desk';
import { rendererDir } from '../../paths';
import { startServer } from '../../server/http-server';
import { parse, port, required } from '../args';

/** A desk without a window: the UI and the API on loopback until SIGINT/SIGTERM. */
export async function serve(argv: string[]): Promise<number> {
  const { values } = parse(argv, { data: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' } });
  const desk = Desk.open(required(values.data, 'data'));
  const server = await startServer({ desk, staticDir: rendererDir(), host: values.host ?? '127.0.0.1', port: port(values.port) });
  process.stdout.write(`Loket: ${server.url}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  desk.close();
  return 0;
}
