import { io, type Socket } from 'socket.io-client';

/** A real socket.io client that records what it receives, for assertions that wait with a deadline. */
export class LiveClient {
  readonly received: Array<{ event: string; data: unknown; at: number }> = [];
  private waiters: Array<() => void> = [];

  constructor(readonly socket: Socket) {
    socket.onAny((event: string, data: unknown) => {
      this.received.push({ event, data, at: Date.now() });
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  static async connect(url: string, auth: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<LiveClient> {
    const socket = io(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true, ...extra });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (error) => reject(error));
    });
    return new LiveClient(socket);
  }

  /** The reason a handshake is refused (the server's connect_error message). */
  static async refusal(url: string, auth: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<string> {
    const socket = io(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true, ...extra });
    try {
      return await new Promise<string>((resolve, reject) => {
        socket.once('connect', () => reject(new Error('connected, but should have been refused')));
        socket.once('connect_error', (error) => resolve(error.message));
      });
    } finally {
      socket.close();
    }
  }

  events<T>(event: string): T[] {
    return this.received.filter((r) => r.event === event).map((r) => r.data as T);
  }

  /** Waits until `predicate` holds over what was received, or fails after `timeoutMs`. */
  async until<T>(event: string, predicate: (items: T[]) => boolean, timeoutMs = 3000): Promise<T[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const items = this.events<T>(event);
      if (predicate(items)) return items;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${event}; got ${JSON.stringify(items).slice(0, 1000)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  request<T>(event: string, body: unknown): Promise<T> {
    return this.socket.timeout(5000).emitWithAck(event, body) as Promise<T>;
  }

  close(): void {
    this.socket.close();
  }
}
