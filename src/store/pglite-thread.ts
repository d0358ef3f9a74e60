// PGlite on its own thread, speaking PostgreSQL's wire protocol to the app's `pg` pool over a MessagePort: the
// database's CPU (its WebAssembly) runs beside the app's thread instead of inside it, and the app reaches PGlite
// and a PostgreSQL server through the same driver (`pg`) and Prisma adapter.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import type { FromThread, ToThread } from './pglite-link.js';

const port = parentPort;
if (!port) throw new Error('pglite-thread: not started as a worker thread');
const post = (message: FromThread, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

/**
 * PostgreSQL's shared buffers live in PGlite's WebAssembly memory: its default 128 MB, filled as pages are read,
 * was most of the app's resident memory. A programme's database is tens of MB; 32 MB of buffers holds its hot part
 * (measured: 287 → 179 MB resident at open), and a page not in them is a read of the data directory's file.
 */
const START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'];

let db: PGlite;
try {
  db = await PGlite.create({ dataDir: (workerData as { dataDir: string }).dataDir, startParams: START_PARAMS });
} catch (error) {
  post({ kind: 'failed', message: describeFailure(error) });
  throw error;
}

/** PGlite's file system throws plain objects (an errno), not Errors: say what they hold. */
function describeFailure(error: unknown): string {
  if (error instanceof Error) return error.message;
  const errno = (error as { errno?: unknown } | null)?.errno;
  return typeof errno === 'number'
    ? `PGlite could not open its files in ${(workerData as { dataDir: string }).dataDir} (file system error ${errno})`
    : String(error);
}

/** What each connection sent that is not yet a whole message. */
const pending = new Map<number, Buffer>();
/** PGlite is one session: messages run one batch at a time, in the order they came. */
let queue: Promise<void> = Promise.resolve();
const enqueue = (work: () => Promise<void>) => {
  queue = queue.then(work).catch((error: unknown) => {
    post({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
  });
};

/** The Terminate message's type byte ('X'). */
const TERMINATE = 0x58;

/** The length of the first whole message in `buffer` (a startup message has no type byte), or 0. */
function firstMessageLength(buffer: Buffer): number {
  if (buffer.length < 5) return 0;
  // A startup message begins with its length, whose high byte is 0; a typed message with a letter.
  const length = buffer[0] === 0 ? buffer.readInt32BE(0) : 1 + buffer.readInt32BE(1);
  return buffer.length >= length ? length : 0;
}

port.on('message', (message: ToThread) => {
  switch (message.kind) {
    case 'open':
      pending.set(message.id, Buffer.alloc(0));
      // A connection that went away inside a transaction must not leave it open for the next one.
      enqueue(async () => {
        if (db.isInTransaction()) await db.exec('ROLLBACK');
      });
      return;
    case 'data': {
      const buffer = Buffer.concat([pending.get(message.id) ?? Buffer.alloc(0), Buffer.from(message.bytes)]);
      // Whole messages go to PGlite in batches (it runs a batch in turn, as a server would); a startup message goes
      // alone (PGlite answers it apart); Terminate never goes (PGlite's session outlives connections).
      const batches: Uint8Array[] = [];
      let typed: Buffer[] = [];
      let at = 0;
      for (let length = firstMessageLength(buffer); length > 0; length = firstMessageLength(buffer.subarray(at))) {
        const one = buffer.subarray(at, at + length);
        at += length;
        if (one[0] === TERMINATE) continue;
        if (one[0] === 0) {
          if (typed.length > 0) batches.push(new Uint8Array(Buffer.concat(typed)));
          typed = [];
          batches.push(new Uint8Array(one));
        } else typed.push(one);
      }
      if (typed.length > 0) batches.push(new Uint8Array(Buffer.concat(typed)));
      pending.set(message.id, Buffer.from(buffer.subarray(at)));
      const id = message.id;
      for (const input of batches)
        enqueue(async () => {
          if (!pending.has(id)) return;
          const output = await db.execProtocolRaw(input);
          if (output.length === 0) return;
          const copy = output.slice();
          post({ kind: 'data', id, bytes: copy }, [copy.buffer as ArrayBuffer]);
        });
      return;
    }
    case 'end':
      pending.delete(message.id);
      return;
    case 'close':
      enqueue(async () => {
        await db.close();
        port.close();
      });
      return;
  }
});
post({ kind: 'ready' });
