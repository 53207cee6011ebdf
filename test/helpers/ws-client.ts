import WebSocket from 'ws';

export type WsMessage = Record<string, unknown> & { type: string; content: string; user_id: string; timestamp: string };

export interface WsClose {
  code: number;
  reason: string;
}

/** A test WebSocket client that keeps every message, so a test can wait for the one it expects. */
export interface WsClient {
  socket: WebSocket;
  /** Every message received so far, in order. */
  received: WsMessage[];
  /** The first message not yet taken that matches `match` (waiting for it up to `timeoutMs`); it is taken. */
  next(match?: (message: WsMessage) => boolean, timeoutMs?: number): Promise<WsMessage>;
  send(message: unknown): void;
  closed: Promise<WsClose>;
  close(): Promise<WsClose>;
}

/** `http://host:port` + path → the ws:// URL. */
export const wsUrl = (httpBase: string, path: string): string => httpBase.replace(/^http/, 'ws') + path;

export function connectWs(url: string, options: WebSocket.ClientOptions = {}): Promise<WsClient> {
  const socket = new WebSocket(url, options);
  const received: WsMessage[] = [];
  const taken = new Set<WsMessage>();
  const waiters = new Set<() => void>();
  socket.on('message', (data) => {
    received.push(JSON.parse(data.toString()) as WsMessage);
    for (const wake of [...waiters]) wake();
  });
  const closed = new Promise<WsClose>((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  closed.then(() => [...waiters].forEach((wake) => wake())).catch(() => undefined);

  const next = (match: (message: WsMessage) => boolean = () => true, timeoutMs = 5000): Promise<WsMessage> =>
    new Promise((resolve, reject) => {
      const look = (): boolean => {
        const found = received.find((message) => !taken.has(message) && match(message));
        if (!found) return false;
        taken.add(found);
        resolve(found);
        return true;
      };
      if (look()) return;
      const timer = setTimeout(() => {
        waiters.delete(wake);
        reject(new Error(`no matching message within ${timeoutMs} ms; received: ${JSON.stringify(received.slice(-5))}`));
      }, timeoutMs);
      const wake = () => {
        if (!look()) return;
        clearTimeout(timer);
        waiters.delete(wake);
      };
      waiters.add(wake);
    });

  const client: WsClient = {
    socket,
    received,
    next,
    send: (message) => socket.send(typeof message === 'string' ? message : JSON.stringify(message)),
    closed,
    close: () => {
      if (socket.readyState !== WebSocket.CLOSED) socket.close();
      return closed;
    },
  };
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(client));
    socket.once('error', reject);
  });
}
