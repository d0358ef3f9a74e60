/** How often an instance reads its live records again anyway (a notification lost while its connection was down). */
export const REREAD_MS = 60_000;

/**
 * What an instance reads again and again (the settings, the lists): a read asked for while one runs makes one more
 * read after it, not one each; and a read every REREAD_MS anyway. Subclasses say how one read goes.
 */
export abstract class Reread {
  private timer: NodeJS.Timeout | undefined;
  private reading: Promise<void> | undefined;
  private readAgain = false;

  protected abstract readOnce(): Promise<void>;

  /** First read, then every REREAD_MS. */
  async start(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(), REREAD_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Reads again (reads asked for meanwhile make one more read, not one each). */
  refresh(): Promise<void> {
    if (this.reading) {
      this.readAgain = true;
      return this.reading;
    }
    this.reading = (async () => {
      try {
        do {
          this.readAgain = false;
          await this.readOnce();
        } while (this.readAgain);
      } finally {
        this.reading = undefined;
      }
    })();
    return this.reading;
  }
}
