// The connection pool under Prisma, for both databases: pg's Pool with behaviours it lacks, built on its public
// API only (a subclass overriding the documented connect()), nothing of its private state. Besides the jobs' turn
// behind the clicks (asJob below):
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
 * The jobs' statements go in one at a time, on either database, however many the jobs ask for at once: a click that
 * comes while they run finds at most one before it, not the whole batch in pg's queue; and on a server, a job's
 * statement (a year of events) holds one of its processors, not every one the clicks need (five at a time, on a
 * 2-core machine, made the clicks ×6–8 slower during the jobs; one, ×3–4).
 * A job never waits more than GIVE_WAY_MS for one statement: under clicks without end, it still goes on.
 */
export function asJob<T>(work: () => Promise<T>): Promise<T> {
  return jobs.run(true, work);
}

/** Runs outside any job (work a job only woke, such as the outbox's round). */
export function outsideJobs<T>(work: () => T): T {
  return jobs.exit(work);
}

/** The longest a job's statement gives way to clicks': then it goes at its turn among the jobs' (see jobMayGo). */
const GIVE_WAY_MS = 250;
/** A click's statement ended less than this ago: its next one is likely on its way (a click's own work between). */
const CLICK_GAP_MS = 15;
/** How many connections the jobs may hold or wait for together (see asJob). */
const JOB_SLOTS = 1;

/** A job's checkout giving way; `starved` once it has waited GIVE_WAY_MS. */
interface GivingWay {
  starved: boolean;
  go: () => void;
}

export class AppPool extends pg.Pool {
  private closing: Error | undefined;
  private readonly waiting = new Set<(error: Error) => void>();
  /** Clicks' checkouts not served yet, and jobs' checkouts giving way to them. */
  private clicksWaiting = 0;
  /** When a click's statement last ended. */
  private lastClickEnded = 0;
  /** Jobs' checkouts in order, waiting for their turn. */
  private readonly jobsGivingWay: GivingWay[] = [];
  /** Jobs' checkouts let in (waiting in pg's queue or holding a connection) and not given back yet. */
  private jobsIn = 0;
  private gapTimer: NodeJS.Timeout | undefined;

  constructor(config?: pg.PoolConfig) {
    super(config);
    // A connection back: once pg has served the clicks waiting for it (after this event), a job may go.
    this.on('release', () => queueMicrotask(() => this.letJobGo()));
  }

  private get size(): number {
    return this.options.max ?? 10;
  }

  /** Every connection taken. */
  private full(): boolean {
    return this.totalCount >= this.size && this.idleCount === 0;
  }

  /** How long a click that just ended a statement still has for its next one (0: none is between two). */
  private clickGapLeft(): number {
    return Math.max(0, CLICK_GAP_MS - (performance.now() - this.lastClickEnded));
  }

  /**
   * Whether a job's checkout may go now: while the jobs hold none, when a connection is free and no click needs
   * it — none waits for one and, on a pool of one connection (PGlite's session, which the job's statement would
   * hold as long as it runs), none is between two statements. A starved one needs only the jobs' turn.
   */
  private jobMayGo(starved: boolean): boolean {
    if (this.jobsIn >= JOB_SLOTS) return false;
    if (starved) return true;
    return !this.full() && this.clicksWaiting === 0 && !(this.size === 1 && this.clickGapLeft() > 0);
  }

  /** Lets the jobs' checkouts go, in order, while they may. */
  private letJobGo(): void {
    for (let first = this.jobsGivingWay[0]; first; first = this.jobsGivingWay[0]) {
      if (!this.jobMayGo(first.starved)) {
        this.afterClickGap();
        return;
      }
      first.go();
    }
  }

  /** A click just ended a statement on the one connection: its next one has this long to come before a job goes. */
  private afterClickGap(): void {
    const gap = this.clickGapLeft();
    if (gap === 0 || this.gapTimer || this.size !== 1 || this.clicksWaiting > 0 || this.full()) return;
    this.gapTimer = setTimeout(() => {
      this.gapTimer = undefined;
      this.letJobGo();
    }, gap + 1);
    this.gapTimer.unref();
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

  /** Ends the pool; the checkouts still waiting (jobs' too) fail at once with "the database is closing". */
  async close(): Promise<void> {
    this.closing = new Error('the database is closing');
    for (const abort of [...this.waiting]) abort(this.closing);
    // Jobs giving way go now, to be turned away at once like the rest.
    for (const job of [...this.jobsGivingWay]) job.go();
    await this.end();
  }

  private async checkout(): Promise<pg.PoolClient> {
    if (jobs.getStore()) {
      await this.giveWay();
      let client: pg.PoolClient;
      try {
        client = await this.take();
      } catch (error) {
        this.jobOut();
        throw error;
      }
      return onFirstRelease(client, () => this.jobOut());
    }
    this.clicksWaiting += 1;
    let client: pg.PoolClient;
    try {
      client = await this.take();
    } finally {
      this.clicksWaiting -= 1;
    }
    return onFirstRelease(client, () => {
      this.lastClickEnded = performance.now();
    });
  }

  /** A job's turn: now if it may go and none is before it; else in order, when it may (see jobMayGo). */
  private giveWay(): Promise<void> {
    if (this.jobsGivingWay.length === 0 && this.jobMayGo(false)) {
      this.jobsIn += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const waiting: GivingWay = {
        starved: false,
        go: () => {
          clearTimeout(timer);
          const i = this.jobsGivingWay.indexOf(waiting);
          if (i >= 0) this.jobsGivingWay.splice(i, 1);
          this.jobsIn += 1;
          resolve();
        },
      };
      const timer = setTimeout(() => {
        waiting.starved = true;
        this.letJobGo();
      }, GIVE_WAY_MS);
      timer.unref();
      this.jobsGivingWay.push(waiting);
      this.letJobGo();
    });
  }

  /** A job's checkout done with (given back, or failed): the next may go. */
  private jobOut(): void {
    this.jobsIn -= 1;
    queueMicrotask(() => this.letJobGo());
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

/** Runs `hook` when a checked-out client is first given back, before pg takes it back. */
function onFirstRelease(client: pg.PoolClient, hook: () => void): pg.PoolClient {
  const release = client.release.bind(client);
  let ended = false;
  client.release = (error?: Error | boolean) => {
    if (!ended) {
      ended = true;
      hook();
    }
    return release(error);
  };
  return client;
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
