import pg from 'pg';

/**
 * Listens to a PostgreSQL notification channel on a connection of its own (outside the pool: a LISTEN holds its
 * session), so that a change made by one instance reaches the others at once. A lost connection is opened again
 * (1 s, doubling to 30 s). `onNotify` is also called each time the LISTEN is in place, the first time included:
 * what was said before it (or while the connection was down) is not lost, the listener reads the state again.
 * Resolves, once the first attempt is over (in place or failed, retrying), with the function that stops listening.
 */
export async function listenOnServer(url: string, channel: string, onNotify: () => void): Promise<() => void> {
  let client: pg.Client | undefined;
  let stopped = false;
  let retryMs = 1000;
  let timer: NodeJS.Timeout | undefined;
  const retry = () => {
    if (stopped || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, retryMs);
    timer.unref();
    retryMs = Math.min(retryMs * 2, 30_000);
  };
  const connect = async () => {
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    client = c;
    c.on('error', () => {
      void c.end().catch(() => {});
      retry();
    });
    c.on('end', retry);
    c.on('notification', () => onNotify());
    try {
      await c.connect();
      // Channel names are identifiers: this one is the app's own constant, quoted.
      await c.query(`LISTEN "${channel.replace(/"/g, '')}"`);
      retryMs = 1000;
      if (stopped) await c.end().catch(() => {});
      else onNotify();
    } catch {
      await c.end().catch(() => {});
      retry();
    }
  };
  await connect();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    void client?.end().catch(() => {});
  };
}
