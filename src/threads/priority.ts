import { readlinkSync } from 'node:fs';
import { constants, getPriority, setPriority } from 'node:os';

/**
 * Lowers the calling thread's scheduling priority to nice 10 (never raises it), so that on a busy machine the threads
 * answering Slack come first: the compute thread (the digests' integer programs, charts, workbooks) and the
 * maintenance commands run beside the app. Linux keeps a priority per thread (a thread started later inherits it): a
 * thread finds its own id in /proc/thread-self. Returns whether it did; elsewhere, or where it is not permitted,
 * nothing changes.
 */
export function yieldToClicks(): boolean {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0) return false;
    setPriority(tid, Math.max(getPriority(tid), constants.priority.PRIORITY_BELOW_NORMAL));
    return true;
  } catch {
    return false;
  }
}
