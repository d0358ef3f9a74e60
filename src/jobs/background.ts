import { asJob } from '../store/pool.js';

/**
 * Scheduled work running beside the request handlers, as a job (its statements give way to the clicks': asJob).
 * Shutdown waits for it before closing the database: a job cut off inside a transaction would keep its connection,
 * and closing the pool would then wait forever.
 */
export class Background {
  private readonly running = new Set<Promise<unknown>>();

  run<T>(work: () => Promise<T>): Promise<T> {
    const promise = asJob(work);
    this.running.add(promise);
    const forget = () => this.running.delete(promise);
    promise.then(forget, forget);
    return promise;
  }

  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}
