import { readlinkSync } from 'node:fs';
import { constants, setPriority } from 'node:os';

/**
 * Lowers the calling thread's scheduling priority (nice 10), so that on a busy machine the threads answering Slack
 * come first: the compute thread (the digests' integer programs, charts, workbooks) and the maintenance commands run
 * beside the app. Linux keeps a priority per thread (a thread started later inherits it): a thread finds its own id
 * in /proc/thread-self. Returns whether it did; elsewhere, or where it is not permitted, nothing changes.
 */
export function yieldToClicks(): boolean {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0) return false;
    setPriority(tid, constants.priority.PRIORITY_BELOW_NORMAL);
    return true;
  } catch {
    return false;
  }
}
