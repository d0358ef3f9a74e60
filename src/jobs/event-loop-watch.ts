import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Logger } from '../log.js';

/** A click waits as long as the app's thread is blocked: over this, the operator hears of it. */
export const EVENT_LOOP_BLOCK_MS = 50;

/**
 * Watches the app's thread: each second, the longest its event loop was late (Node's `monitorEventLoopDelay`); over
 * `EVENT_LOOP_BLOCK_MS`, a warning with that figure (and nothing else), so that a job or a burst that makes clicks
 * wait shows in the logs (and in the benchmark, which reads them). Returns what stops it.
 */
export function watchEventLoop(logger: Logger, everyMs = 1000): () => void {
  const delays = monitorEventLoopDelay({ resolution: 10 });
  delays.enable();
  const timer = setInterval(() => {
    const blockedMs = Math.round(delays.max / 1e6);
    delays.reset();
    if (blockedMs > EVENT_LOOP_BLOCK_MS) logger.warn({ blockedMs }, 'event loop: the app was blocked');
  }, everyMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    delays.disable();
  };
}
