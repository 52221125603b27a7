import { createHash } from 'node:crypto';
import { mkdirSync, realpathSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Who holds a data directory: told to a second process that tries to open it. */
export interface DataDirectoryHolder {
  pid: number;
  startedAt: string;
  command: string;
  dataDir: string;
}

/** A second process asked for a data directory another process holds. */
export class DataDirectoryInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: DataDirectoryHolder | undefined,
  ) {
    const who = holder
      ? `process ${holder.pid} (${holder.command}, started ${holder.startedAt})`
      : 'another process (it did not say which)';
    super(
      `The embedded database at ${dataDir} is in use by ${who}. Only one process may open it at a time: ` +
        'stop that process first, or point TANDEM_DATA_DIR at another folder.',
    );
  }
}

export interface DataDirectoryLock {
  readonly dataDir: string;
  release(): Promise<void>;
}

/**
 * The socket that stands for the lock. On Linux an abstract Unix socket (no file: the kernel frees the name the
 * moment its holder exits, even after kill -9); elsewhere a socket file in the temporary folder, checked for life
 * before a stale one is replaced.
 */
function lockAddress(dataDir: string): { path: string; abstract: boolean } {
  const key = createHash('sha256').update(dataDir).digest('hex').slice(0, 32);
  if (process.platform === 'linux') return { path: `\0tandem-data-dir-${key}`, abstract: true };
  return { path: join(tmpdir(), `tandem-data-dir-${key}.sock`), abstract: false };
}

function listen(server: Server, path: string): Promise<void> {
  return new Promise((ok, fail) => {
    const onError = (error: Error) => {
      server.off('listening', onListening);
      fail(error);
    };
    const onListening = () => {
      server.off('error', onError);
      ok();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(path);
  });
}

/** Asks the holder who it is; undefined when nobody answers (a stale socket file) within a second. */
function askHolder(path: string): Promise<DataDirectoryHolder | undefined | 'nobody'> {
  return new Promise((done) => {
    let text = '';
    const socket = createConnection(path);
    const timer = setTimeout(() => {
      socket.destroy();
      done(undefined);
    }, 1000);
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('end', () => {
      clearTimeout(timer);
      try {
        done(JSON.parse(text) as DataDirectoryHolder);
      } catch {
        done(undefined);
      }
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      done(error.code === 'ECONNREFUSED' || error.code === 'ENOENT' ? 'nobody' : undefined);
    });
  });
}

/**
 * Takes the data directory for this process, before anything in it is touched, or throws
 * DataDirectoryInUseError naming the process that has it. The operating system releases the lock when the
 * holder dies, so a crash or kill -9 never leaves the directory locked.
 */
export async function lockDataDirectory(dir: string): Promise<DataDirectoryLock> {
  mkdirSync(dir, { recursive: true });
  const dataDir = realpathSync(resolve(dir));
  const address = lockAddress(dataDir);
  const holder: DataDirectoryHolder = {
    pid: process.pid,
    startedAt: new Date().toISOString(),
    command: process.argv
      .slice(1, 3)
      .map((a) => a.replace(process.cwd() + '/', ''))
      .join(' '),
    dataDir,
  };
  const server = createServer((socket) => socket.end(JSON.stringify(holder)));
  for (let attempt = 1; ; attempt++) {
    try {
      await listen(server, address.path);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      const other = await askHolder(address.path);
      if (other === 'nobody' && !address.abstract && attempt === 1) {
        // A socket file left by a process that died: nobody listens on it any more.
        rmSync(address.path, { force: true });
        continue;
      }
      throw new DataDirectoryInUseError(dataDir, other === 'nobody' ? undefined : other);
    }
  }
  // The lock must not keep the process alive on its own.
  server.unref();
  return {
    dataDir,
    release: () =>
      new Promise<void>((done) => {
        if (!server.listening) return done();
        server.close(() => done());
      }),
  };
}
