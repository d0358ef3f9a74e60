// The connection pool under Prisma, for both databases: pg's Pool with two behaviours it lacks, built on its public
// API only (a subclass overriding the documented connect()), nothing of its private state.
// - close() turns away the checkouts still waiting for a connection: pg-pool's end() neither serves nor rejects
//   them, so a job waiting then (a digest's queries queue behind PGlite's one connection) would wait forever, and a
//   shutdown with it (upstream: brianc/node-postgres#1980, closed without an option for it).
// - A client checked out for a transaction whose connection dies is released, with its error (which drops it), a
//   moment after its holder had a chance to: when the ROLLBACK that Prisma sends on the dead connection fails,
//   @prisma/adapter-pg 6.19 does not release the client (three such clients exhaust a pool of three, and the app
//   never recovers: the database-outage test). Releasing twice becomes harmless.
// What this relies on, checked by tests/store/store.test.ts ("closing the database") and the outage tests: pg-pool's
// query() checks its client out through this.connect(callback), and the adapter's transactions through connect().
import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';

type Done = (release?: Error | boolean) => void;
type Checkout = (error: Error | undefined, client: pg.PoolClient | undefined, done: Done) => void;

/** How long a dead connection's holder has to release its client before the pool does. */
const GRACE_MS = 1000;

const jobs = new AsyncLocalStorage<true>();

/**
 * Runs a job (a digest, the bilan annuel, reminders, retention): its statements give way to the clicks' when the
 * pool's connections are all taken (PGlite has one) — to a click waiting for a connection, and to a click between
 * two of its statements (one ended less than CLICK_GAP_MS ago: the click is drawing what it read, its next statement
 * comes) — so that a click waits behind at most one of the job's statements, not behind one at each of its own.
 * A job never waits more than GIVE_WAY_MS for one statement: under clicks without end, it still goes on.
 */
export function asJob<T>(work: () => Promise<T>): Promise<T> {
  return jobs.run(true, work);
}

/** Runs outside any job (work a job only woke, such as the outbox's round). */
export function outsideJobs<T>(work: () => T): T {
  return jobs.exit(work);
}

/** The longest a job's statement gives way to clicks' before it queues as theirs do. */
const GIVE_WAY_MS = 250;
/** A click's statement ended less than this ago: its next one is likely on its way (a click's own work between). */
const CLICK_GAP_MS = 15;

export class AppPool extends pg.Pool {
  private closing: Error | undefined;
  private readonly waiting = new Set<(error: Error) => void>();
  /** Clicks' checkouts not served yet, and jobs' checkouts giving way to them. */
  private clicksWaiting = 0;
  /** When a click's statement last ended. */
  private lastClickEnded = 0;
  private readonly jobsGivingWay: (() => void)[] = [];
  private gapTimer: NodeJS.Timeout | undefined;

  constructor(config?: pg.PoolConfig) {
    super(config);
    // A connection back: a job that gave way may go, if no click is waiting for it or between two statements.
    this.on('release', () => this.letJobGo());
  }

  /** Every connection taken. */
  private full(): boolean {
    return this.totalCount >= (this.options.max ?? 10) && this.idleCount === 0;
  }

  /** How long a click that just ended a statement still has for its next one (0: none is between two). */
  private clickGapLeft(): number {
    return Math.max(0, CLICK_GAP_MS - (performance.now() - this.lastClickEnded));
  }

  private letJobGo(): void {
    if (this.jobsGivingWay.length === 0 || this.clicksWaiting > 0) return;
    const gap = this.clickGapLeft();
    if (gap === 0) {
      this.jobsGivingWay.shift()?.();
      return;
    }
    // A click just ended a statement: its next one has this long to come before a job goes.
    if (!this.gapTimer) {
      this.gapTimer = setTimeout(() => {
        this.gapTimer = undefined;
        if (!this.full()) this.letJobGo();
      }, gap + 1);
      this.gapTimer.unref();
    }
  }

  override connect(): Promise<pg.PoolClient>;
  override connect(callback: Checkout): void;
  override connect(callback?: Checkout): Promise<pg.PoolClient> | undefined {
    if (!callback) return this.checkout().then(releasedWhenLost);
    this.checkout().then(
      (client) => callback(undefined, client, (error) => client.release(error)),
      (error: Error) => callback(error, undefined, () => {}),
    );
    return undefined;
  }

  /** Ends the pool; the checkouts still waiting fail at once with "the database is closing". */
  async close(): Promise<void> {
    this.closing = new Error('the database is closing');
    for (const abort of [...this.waiting]) abort(this.closing);
    await this.end();
  }

  private async checkout(): Promise<pg.PoolClient> {
    if (jobs.getStore()) {
      await this.giveWay();
      return this.take();
    }
    this.clicksWaiting += 1;
    let client: pg.PoolClient;
    try {
      client = await this.take();
    } finally {
      this.clicksWaiting -= 1;
    }
    const release = client.release.bind(client);
    let ended = false;
    client.release = (error?: Error | boolean) => {
      if (!ended) {
        ended = true;
        this.lastClickEnded = performance.now();
      }
      return release(error);
    };
    return client;
  }

  /**
   * A job's turn: now if a connection is free and no click needs it — none waits for one and, on a pool of one
   * connection (PGlite's session, which the job's statement would hold as long as it runs), none is between two
   * statements; else at a release with no click waiting, once a click's gap has passed.
   */
  private giveWay(): Promise<void> {
    const full = this.full();
    const clickNeedsIt = this.clicksWaiting > 0 || ((this.options.max ?? 10) === 1 && this.clickGapLeft() > 0);
    if (!full && !clickNeedsIt) return Promise.resolve();
    return new Promise((resolve) => {
      const go = () => {
        clearTimeout(timer);
        const i = this.jobsGivingWay.indexOf(go);
        if (i >= 0) this.jobsGivingWay.splice(i, 1);
        resolve();
      };
      const timer = setTimeout(go, GIVE_WAY_MS);
      timer.unref();
      this.jobsGivingWay.push(go);
      // A free connection: the job goes once the click's gap has passed with no statement of it.
      if (!full) this.letJobGo();
    });
  }

  private take(): Promise<pg.PoolClient> {
    if (this.closing) return Promise.reject(this.closing);
    return new Promise((resolve, reject) => {
      let settled = false;
      const abort = (error: Error) => {
        if (settled) return;
        settled = true;
        this.waiting.delete(abort);
        reject(error);
      };
      this.waiting.add(abort);
      super.connect().then(
        (client) => {
          this.waiting.delete(abort);
          // Turned away meanwhile: the connection goes back (and, the pool ending, is closed).
          if (settled) return client.release();
          settled = true;
          resolve(client);
        },
        (error: Error) => abort(error),
      );
    });
  }
}

/** Releases, with its error, a checked-out client whose connection ends, if its holder has not a moment later. */
function releasedWhenLost(client: pg.PoolClient): pg.PoolClient {
  const release = client.release.bind(client);
  let released = false;
  const onLost = (error?: Error) => {
    setTimeout(() => client.release(error ?? new Error('connection ended')), GRACE_MS).unref();
  };
  client.release = (error?: Error | boolean) => {
    if (released) return;
    released = true;
    client.removeListener('error', onLost);
    client.removeListener('end', onLost);
    release(error);
  };
  client.on('error', onLost);
  client.on('end', onLost);
  return client;
}
