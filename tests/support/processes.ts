import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';
import { afterAll, afterEach, inject } from 'vitest';

import { RUN_MARKER } from './run-marker.js';

const started = new Set<ChildProcess>();

/**
 * Spawns `command` in a process group of its own, marked with this run's id. The group is killed after each test
 * (npm start → sh → node all go), so a test that fails or times out leaves nothing running.
 */
export function spawnTracked(
  command: string,
  args: string[],
  options: SpawnOptions & { env: Record<string, string> },
): ChildProcess {
  const child = spawn(command, args, {
    ...options,
    detached: true,
    env: { ...options.env, [RUN_MARKER]: inject('runMarker') },
  });
  started.add(child);
  child.once('exit', () => started.delete(child));
  return child;
}

/** Kills the child's whole process group (detached: the group id is the child's pid). */
export function killGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/** Resolves with the exit code (or -1 for a signal) once the child has ended. */
export function exitOf(child: ChildProcess): Promise<number> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  if (child.signalCode !== null) return Promise.resolve(-1);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code ?? -1)));
}

/** Runs a command to its end (a maintenance command), killed with its group after `timeoutMs`. */
export async function runTracked(
  command: string,
  args: string[],
  options: { env: Record<string, string>; timeoutMs?: number },
): Promise<{ status: number; stdout: string; stderr: string }> {
  const child = spawnTracked(command, args, { env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => {
    stdout += String(d);
  });
  child.stderr?.on('data', (d) => {
    stderr += String(d);
  });
  const timer = setTimeout(() => killGroup(child), options.timeoutMs ?? 120_000);
  const status = await exitOf(child);
  clearTimeout(timer);
  return { status, stdout, stderr };
}

function killAll() {
  for (const child of started) killGroup(child);
  started.clear();
}

/** Registers the kill after each test and at the end of the file (for processes started in beforeAll). */
export function killStartedProcessesAfterEach(): void {
  afterEach(killAll);
  afterAll(killAll);
}
