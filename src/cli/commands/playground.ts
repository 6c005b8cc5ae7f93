// hasim playground: serves the web playground (playground/dist/, built by `npm run
// playground:build`) on 127.0.0.1 and prints its URL. The page computes everything itself; the
// server only hands out the static files, until interrupted.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Argv } from 'yargs';
import { UsageError } from '../../experiment/spec-error.js';
import { exitCodesHelp, handled } from '../exit-codes.js';
import { examples } from '../help-examples.js';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.json': 'application/json',
};

/** playground/dist of the package this module belongs to (from the bundle, tsc's output or the sources). */
export function playgroundDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: unknown }).name === 'hasim') return join(dir, 'playground', 'dist');
    dir = dirname(dir);
  }
  throw new UsageError('cannot find the hasim package folder holding playground/dist');
}

export const playgroundCommand = {
  command: 'playground',
  describe: 'Serve the web playground (edit, run and compare experiments in the browser) on 127.0.0.1',
  builder: (y: Argv) =>
    y
      .option('port', { type: 'string', default: '0', describe: 'Port to listen on (0: a free one)' })
      .example(examples([['$0 playground', 'Prints the URL to open; Ctrl-C stops the server']]))
      .epilogue(exitCodesHelp(false)),
  handler: handled(async (args: { port: string }) => {
    const port = /^\d{1,5}$/.test(args.port.trim()) ? Number(args.port) : NaN;
    if (!(port <= 65535)) throw new UsageError(`--port: expected a port number from 0 to 65535, got ${JSON.stringify(args.port)}`);
    const root = playgroundDir();
    if (!existsSync(join(root, 'index.html'))) throw new UsageError(`${root} has no index.html: build the playground first (npm run playground:build)`);
    const server = createServer((req, res) => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
      const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
      if ((file !== root && !file.startsWith(root + sep)) || !existsSync(file) || !statSync(file).isFile()) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', (err: NodeJS.ErrnoException) => reject(err.code === 'EADDRINUSE' ? new UsageError(`--port: port ${args.port} is in use`) : err));
      server.listen(port, '127.0.0.1', resolve);
    });
    const address = server.address();
    const actual = address !== null && typeof address === 'object' ? address.port : port;
    process.stdout.write(`hasim playground: http://127.0.0.1:${actual}/ (Ctrl-C stops it)\n`);
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        server.close();
        resolve();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  }),
};
