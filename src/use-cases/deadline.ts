/** Thrown when storage does not answer in time for Slack's 3-second window. */
export class StorageUnavailableError extends Error {
  readonly code = 'storage_unavailable';
  constructor(cause?: unknown) {
    super('storage did not answer in time', { cause });
  }
}

/**
 * Slack gives a view submission 3 s for its answer. A database that hangs must not turn into Slack's generic
 * error: past `ms` we answer the user ourselves. A late commit is harmless, since the same view submitted again
 * finds its case.
 */
export async function withDeadline<T>(ms: number, work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StorageUnavailableError()), ms);
  });
  const attempt = work();
  attempt.catch(() => {}); // a rejection after the deadline is already answered
  try {
    return await Promise.race([attempt, timeout]);
  } catch (error) {
    throw error instanceof StorageUnavailableError ? error : new StorageUnavailableError(error);
  } finally {
    clearTimeout(timer);
  }
}
