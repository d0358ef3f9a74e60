import { Duplex } from 'node:stream';
import type { Worker } from 'node:worker_threads';
import { startThread } from '../threads/start-thread.js';

/** Messages to PGlite's thread: a connection opens, sends bytes of the wire protocol, ends; the database closes. */
export type ToThread =
  | { kind: 'open'; id: number }
  | { kind: 'data'; id: number; bytes: Uint8Array }
  | { kind: 'end'; id: number }
  | { kind: 'close' };
/** Messages from it: started (or not), a connection's answer, an error it could not give a connection. */
export type FromThread =
  | { kind: 'ready' }
  | { kind: 'failed'; message: string }
  | { kind: 'data'; id: number; bytes: Uint8Array }
  | { kind: 'error'; message: string };

/**
 * PGlite on its own thread (`pglite-thread.ts`), reached through `pg` as a server would be: `stream()` gives `pg` a
 * socket-like duplex per connection. PGlite is one session: the pool in front of it holds one connection.
 */
export class PgliteThread {
  private readonly sockets = new Map<number, ThreadSocket>();
  private nextId = 1;
  private closed: Promise<void> | undefined;
  private stopped = false;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (message: FromThread) => {
      if (message.kind === 'data') this.sockets.get(message.id)?.push(Buffer.from(message.bytes));
      if (message.kind === 'error') for (const s of this.sockets.values()) s.destroy(new Error(message.message));
    });
    // An error thrown on PGlite's thread ends it ('exit' follows): its connections fail, the process goes on.
    worker.on('error', (error) => {
      for (const s of this.sockets.values()) s.destroy(error);
    });
    worker.on('exit', () => {
      this.stopped = true;
      for (const s of this.sockets.values()) s.destroy(new Error('PGlite thread stopped'));
    });
  }

  /** Starts PGlite on `dataDir` in a worker thread; resolves once it answers. */
  static async start(dataDir: string): Promise<PgliteThread> {
    const worker = startThread(import.meta.url, 'pglite-thread', { dataDir });
    await new Promise<void>((resolve, reject) => {
      const onMessage = (message: FromThread) => {
        if (message.kind === 'ready') done(() => resolve());
        if (message.kind === 'failed') done(() => reject(new Error(message.message)));
      };
      const onError = (error: Error) => done(() => reject(error));
      const onExit = (code: number) => done(() => reject(new Error(`PGlite thread exited (${code})`)));
      const done = (then: () => void) => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        then();
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
    }).catch(async (error: unknown) => {
      await worker.terminate();
      throw error;
    });
    return new PgliteThread(worker);
  }

  /** A new connection's socket, for `pg`'s `stream` option. */
  stream(): Duplex {
    const id = this.nextId;
    this.nextId += 1;
    const socket = new ThreadSocket(
      (bytes) => this.worker.postMessage({ kind: 'data', id, bytes } satisfies ToThread),
      () => {
        this.sockets.delete(id);
        this.worker.postMessage({ kind: 'end', id } satisfies ToThread);
      },
    );
    // A thread that stopped (closed, or crashed) would never answer: the connection fails at once instead.
    if (this.stopped) setImmediate(() => socket.destroy(new Error('PGlite thread stopped')));
    else {
      this.sockets.set(id, socket);
      this.worker.postMessage({ kind: 'open', id } satisfies ToThread);
    }
    return socket;
  }

  /** Closes the database (after what is queued) and stops the thread. */
  close(): Promise<void> {
    this.closed ??= new Promise<void>((resolve) => {
      const timer = setTimeout(() => void this.worker.terminate(), 10_000);
      this.worker.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      this.worker.postMessage({ kind: 'close' } satisfies ToThread);
    });
    return this.closed;
  }
}

/** What `pg` needs of a socket: connect, write, read, end; no network under it. */
class ThreadSocket extends Duplex {
  private ended = false;

  constructor(
    private readonly send: (bytes: Uint8Array) => void,
    private readonly finish: () => void,
  ) {
    super();
  }

  connect(): this {
    setImmediate(() => this.emit('connect'));
    return this;
  }

  setNoDelay(): this {
    return this;
  }

  setKeepAlive(): this {
    return this;
  }

  ref(): this {
    return this;
  }

  unref(): this {
    return this;
  }

  override _read(): void {}

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.send(new Uint8Array(chunk));
    callback();
  }

  /** What `pg` writes at once (a query's Parse, Bind, Execute, Sync…) crosses to the thread in one message. */
  override _writev(
    chunks: { chunk: Buffer; encoding: BufferEncoding }[],
    callback: (error?: Error | null) => void,
  ): void {
    this.send(new Uint8Array(Buffer.concat(chunks.map((c) => c.chunk))));
    callback();
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.stop();
    this.push(null);
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.stop();
    callback(error);
  }

  private stop() {
    if (this.ended) return;
    this.ended = true;
    this.finish();
  }
}
