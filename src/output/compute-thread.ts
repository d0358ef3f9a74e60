// The app's CPU-heavy work on a thread of its own, so that no Slack click waits behind it: the suppression across a
// week's digests (integer programs, the job that blocked the app for a minute), the digests' charts up to their SVG
// (Vega) and the annual return's workbooks (zip compression). Each task is a plain function of
// structured-cloneable data; the answer goes back by message (see off-thread.ts). Pure JavaScript only: a native
// addon (the charts' resvg) stays out of worker threads, whose teardown it could crash.
import { parentPort } from 'node:worker_threads';
import { protectAnnualReturn } from '../domain/annual-protection.js';
import { protectDigests } from '../domain/digest-protection.js';
import { yieldToClicks } from '../threads/priority.js';
import { annualCsv, annualLabel, annualWorkbook } from './annual-return-file.js';
import { digestChartSvg } from './digest-chart.js';
import { listsWorkbook, readListsWorkbook } from './lists-workbook.js';
import type { ComputeAnswer, ComputeRequest, ComputeTasks } from './off-thread.js';

const port = parentPort;
if (!port) throw new Error('compute-thread: not started as a worker thread');
// Its work is a job's: on a busy machine, the threads answering Slack come first.
yieldToClicks();

const tasks: { [K in keyof ComputeTasks]: (...args: ComputeTasks[K]['args']) => Promise<ComputeTasks[K]['value']> } = {
  protectDigests: async (drafts, fixed, history, ctx) => protectDigests(drafts, fixed, history, ctx),
  protectAnnualReturn: async (published, actions, digests, ctx) =>
    protectAnnualReturn(published, actions, digests, ctx),
  digestChartSvg: (digest) => digestChartSvg(digest),
  listsWorkbook: (sheets, names) => listsWorkbook(sheets, names),
  readListsWorkbook: (bytes, names) => readListsWorkbook(bytes, names),
  annualFiles: async (published, titles, difficulties) => {
    const label = (key: string) => annualLabel(key, titles, (id) => difficulties.get(id) ?? id);
    return { xlsx: await annualWorkbook(published, label), csv: annualCsv(published, label) };
  },
};

port.on('message', (request: ComputeRequest) => {
  const run = tasks[request.task] as (...args: unknown[]) => Promise<unknown>;
  run(...request.args).then(
    (value) => port.postMessage({ id: request.id, ok: true, value } satisfies ComputeAnswer),
    (error: unknown) =>
      port.postMessage({
        id: request.id,
        ok: false,
        message: error instanceof Error ? error.message : String(error),
      } satisfies ComputeAnswer),
  );
});
