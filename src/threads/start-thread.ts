import { Worker } from 'node:worker_threads';

/**
 * Starts a worker thread on the module `name` beside `base` (an `import.meta.url`). The build runs JavaScript;
 * sources (tests, scripts run with tsx) load the TypeScript module through tsx's loader.
 */
export function startThread(base: string, name: string, workerData: unknown): Worker {
  const source = base.endsWith('.ts');
  const entry = new URL(`./${name}${source ? '.ts' : '.js'}`, base);
  return source
    ? new Worker(
        `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });`,
        { eval: true, workerData },
      )
    : new Worker(entry, { workerData });
}
