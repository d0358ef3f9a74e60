// What each scenario of `npm run bench` spends the app's main thread on, from the V8 CPU profile the app wrote
// (BENCH_CPU_PROFILE): samples are cut by each scenario's time window (both processes read the same monotonic
// clock) and their self time summed by package (node_modules/<package>), by the app's own files, or by V8's labels
// ((idle), (garbage collector)).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Phase {
  scenario: string;
  concurrency: number;
  /** Monotonic clock, microseconds (process.hrtime), like the profile's timestamps. */
  fromUs: number;
  toUs: number;
}

export interface PhaseProfile {
  scenario: string;
  concurrency: number;
  busyMs: number;
  top: { what: string; ms: number; share: number }[];
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string } }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export const nowUs = (): number => Number(process.hrtime.bigint() / 1000n);

function groupOf(frame: { functionName: string; url: string }): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(frame.url);
  if (pkg) return pkg[1] as string;
  if (frame.url.includes('/dist/src/')) return `app: ${frame.url.split('/dist/src/')[1]?.split('/')[0]}`;
  if (frame.url.startsWith('node:')) return 'node (internals)';
  // The app's thread runs one WebAssembly module since PGlite has its own thread: Prisma's query compiler.
  if (frame.url.startsWith('wasm://')) return 'Prisma query compiler (wasm)';
  if (frame.url === '')
    return frame.functionName.startsWith('(') ? frame.functionName : `native: ${frame.functionName}`;
  return frame.url;
}

/** The main thread's profile of process `pid` in `dir` (Node names them CPU.<date>.<time>.<pid>.<thread>.<n>). */
export function mainThreadProfile(dir: string, pid: number): string | undefined {
  const name = readdirSync(dir).find((f) => f.includes(`.${pid}.0.`) && f.endsWith('.cpuprofile'));
  return name ? join(dir, name) : undefined;
}

export function splitProfile(file: string, phases: readonly Phase[], top = 6): PhaseProfile[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const group = new Map(profile.nodes.map((n) => [n.id, groupOf(n.callFrame)]));
  const sums = phases.map(() => new Map<string, number>());
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    const p = phases.findIndex((x) => at >= x.fromUs && at < x.toUs);
    if (p < 0) return;
    const sum = sums[p] as Map<string, number>;
    const g = group.get(id) ?? '?';
    sum.set(g, (sum.get(g) ?? 0) + delta);
  });
  return phases.map((phase, i) => {
    const entries = [...(sums[i] as Map<string, number>)].filter(([g]) => g !== '(idle)');
    const busy = entries.reduce((s, [, us]) => s + us, 0);
    return {
      scenario: phase.scenario,
      concurrency: phase.concurrency,
      busyMs: Math.round(busy / 1000),
      top: entries
        .sort((a, b) => b[1] - a[1])
        .slice(0, top)
        .map(([what, us]) => ({ what, ms: Math.round(us / 1000), share: Math.round((1000 * us) / busy) / 10 })),
    };
  });
}
