/**
 * What an instance reads again and again (the settings, the lists): a read asked for while one runs makes one more
 * read after it, not one each; and a read every `periodMs` anyway (a notification lost while a connection was down).
 */
export class Rereader {
  private timer: NodeJS.Timeout | undefined;
  private reading: Promise<void> | undefined;
  private readAgain = false;

  constructor(
    private readonly readOnce: () => Promise<void>,
    private readonly periodMs: number,
  ) {}

  /** First read, then every period. */
  async start(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.periodMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

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
