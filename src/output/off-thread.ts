import type { Worker } from 'node:worker_threads';
import type { ActionMapping } from '../domain/annual-protection.js';
import type { PublishedAnnualReturn } from '../domain/annual-return.js';
import type { DigestAudience, PublishedDigest } from '../domain/digest.js';
import type { DisclosureContext, Protection } from '../domain/digest-protection.js';
import type { SheetData } from '../domain/lists-sheet.js';
import { startThread } from '../threads/start-thread.js';
import type { ReadWorkbook, WorkbookNames } from './lists-workbook.js';

/** The tasks of compute-thread.ts: what each takes and gives back (all structured-cloneable). */
export interface ComputeTasks {
  protectDigests: {
    args: [
      drafts: readonly PublishedDigest[],
      fixed: ReadonlySet<DigestAudience>,
      history: readonly PublishedDigest[],
      ctx: DisclosureContext,
    ];
    value: Protection;
  };
  protectAnnualReturn: {
    args: [
      published: PublishedAnnualReturn,
      actions: ActionMapping,
      digests: readonly PublishedDigest[],
      ctx: DisclosureContext,
    ];
    value: { published: PublishedAnnualReturn; unprotectable: string[] };
  };
  digestChartSvg: { args: [digest: PublishedDigest]; value: { svg: string; altText: string } | null };
  listsWorkbook: { args: [sheets: readonly SheetData[], names: WorkbookNames]; value: Uint8Array };
  readListsWorkbook: { args: [bytes: Uint8Array, names: WorkbookNames]; value: ReadWorkbook };
  annualFiles: {
    args: [
      published: PublishedAnnualReturn,
      titles: ReadonlyMap<string, string>,
      difficulties: ReadonlyMap<string, string>,
    ];
    value: { xlsx: Uint8Array; csv: string };
  };
}
export type ComputeTask = keyof ComputeTasks;
export type ComputeRequest = {
  [K in ComputeTask]: { id: number; task: K; args: ComputeTasks[K]['args'] };
}[ComputeTask];
export type ComputeAnswer = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };

/**
 * How long the compute thread outlives its last task. Its libraries (the solver, Vega, the workbook writer) and its
 * heap are a hundred-odd MB that a weekly job needs for seconds: the next task starts a new thread (≈ 1 s to load).
 */
const IDLE_MS = 5_000;

/**
 * The app's side of compute-thread.ts: one thread, started on first use, that runs CPU-heavy tasks one after the
 * other while the app's own thread keeps answering Slack, and ends IDLE_MS after its last task. Idle, it does not
 * hold the process open (so an app's stop, which waits for its jobs, needs nothing more); a task whose thread died
 * fails, and the next one starts a new thread.
 */
class ComputeThread {
  private worker: Worker | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private nextId = 1;
  private readonly waiting = new Map<
    number,
    { worker: Worker; resolve(value: unknown): void; reject(error: Error): void }
  >();

  run<K extends ComputeTask>(task: K, ...args: ComputeTasks[K]['args']): Promise<ComputeTasks[K]['value']> {
    const worker = this.started();
    clearTimeout(this.idleTimer);
    const id = this.nextId;
    this.nextId += 1;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { worker, resolve: resolve as (value: unknown) => void, reject });
      worker.ref();
      worker.postMessage({ id, task, args } as ComputeRequest);
    });
  }

  /** Ends the thread once it has had nothing to do for IDLE_MS (a task meanwhile keeps it). */
  private endWhenIdle(worker: Worker): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      if (this.worker !== worker || [...this.waiting.values()].some((w) => w.worker === worker)) return;
      this.worker = undefined;
      void worker.terminate();
    }, IDLE_MS);
    this.idleTimer.unref();
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = startThread(import.meta.url, 'compute-thread', undefined);
    worker.on('message', (answer: ComputeAnswer) => {
      const waiter = this.waiting.get(answer.id);
      this.waiting.delete(answer.id);
      if (![...this.waiting.values()].some((w) => w.worker === worker)) {
        worker.unref();
        this.endWhenIdle(worker);
      }
      if (!waiter) return;
      if (answer.ok) waiter.resolve(answer.value);
      else waiter.reject(new Error(answer.message));
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const [id, waiter] of this.waiting) {
        if (waiter.worker !== worker) continue;
        this.waiting.delete(id);
        waiter.reject(error);
      }
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`compute thread stopped (${code})`)));
    worker.unref();
    this.worker = worker;
    return worker;
  }
}

/** The process's compute thread. */
export const offThread = new ComputeThread();
