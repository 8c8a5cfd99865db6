import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** How the receiver answers one request: a status (with headers and body), or no answer at all. */
export type ReceiverReply = { status: number; headers?: Record<string, string>; body?: string } | 'hang';

/** One request as it arrived: the raw body byte for byte, headers lower-cased. */
export interface ReceivedWebhook {
  method: string;
  path: string;
  /** The raw body, exactly as sent (what signatures cover). */
  body: string;
  headers: Record<string, string>;
  /** Parsed body (the envelope), or undefined when it is not JSON. */
  event: { id: string; type: string; sequence: number; livemode: boolean; data: { object: Record<string, unknown> } } | undefined;
  /** Date.now() when the body was read. */
  receivedAt: number;
  /** Date.now() when the answer was sent; undefined while hanging. */
  answeredAt?: number;
  /** The status answered; undefined while hanging. */
  status?: number;
}

export interface WaitForOptions {
  /** How many matching requests to wait for (default 1). */
  count?: number;
  timeoutMs?: number;
  what?: string;
}

/**
 * A real merchant endpoint on 127.0.0.1: records every request and answers
 * from a script (`answerNext`), then with the default answer (200 unless
 * changed). A 'hang' answer keeps the request open until `releaseHung()` or
 * `close()`, as a dead endpoint would.
 */
export class WebhookReceiver {
  readonly requests: ReceivedWebhook[] = [];
  private readonly script: ReceiverReply[] = [];
  private fallback: ReceiverReply = { status: 200, body: 'ok' };
  private readonly hung = new Set<ServerResponse>();
  private readonly sockets = new Set<Socket>();
  private readonly listeners = new Set<() => void>();

  private readonly server: Server;
  private address = '';

  private constructor() {
    this.server = createServer((request, response) => {
      void this.handle(request, response);
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  /** Where the platform should POST (an endpoint URL). */
  get url(): string {
    return this.address;
  }

  /** Listens on a free port of 127.0.0.1. */
  static async start(): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver();
    await new Promise<void>((resolve, reject) => {
      receiver.server.once('error', reject);
      receiver.server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = receiver.server.address() as AddressInfo;
    receiver.address = `http://127.0.0.1:${port}/webhooks`;
    return receiver;
  }

  /** The next requests get these answers, in order; afterwards the default answer. */
  answerNext(...replies: ReceiverReply[]): this {
    this.script.push(...replies);
    return this;
  }

  /** Fails the next `times` requests with `status`, then goes back to the default answer. */
  failTimes(times: number, status = 500): this {
    return this.answerNext(...Array.from({ length: times }, () => ({ status, body: `failure ${status}` })));
  }

  /** The answer once the script is spent. */
  answerByDefault(reply: ReceiverReply): this {
    this.fallback = reply;
    return this;
  }

  /** Requests whose envelope matches. */
  received(match: (request: ReceivedWebhook) => boolean = () => true): ReceivedWebhook[] {
    return this.requests.filter(match);
  }

  /** Resolves once `count` matching requests arrived (each arrival re-checks), or fails at the deadline. */
  async waitFor(match: (request: ReceivedWebhook) => boolean, options: WaitForOptions = {}): Promise<ReceivedWebhook[]> {
    const { count = 1, timeoutMs = 15_000, what = 'webhook requests' } = options;
    const enough = () => {
      const found = this.received(match);
      return found.length >= count ? found : undefined;
    };
    const now = enough();
    if (now) return now;
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = enough();
        if (!found) return;
        cleanup();
        resolve(found);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out waiting for ${count} ${what} at ${this.url} (got ${this.received(match).length})`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
    });
  }

  /** Answers every hanging request with `status` (default 200). */
  releaseHung(status = 200): void {
    for (const response of this.hung) this.finish(response, { status, body: 'released' });
    this.hung.clear();
  }

  /** Stops listening and drops every open connection, hanging ones included. */
  async close(): Promise<void> {
    this.hung.clear();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
    let event: ReceivedWebhook['event'];
    try {
      event = JSON.parse(body) as ReceivedWebhook['event'];
    } catch {
      event = undefined;
    }
    const record: ReceivedWebhook = {
      method: request.method ?? '',
      path: request.url ?? '',
      body,
      headers,
      event,
      receivedAt: Date.now(),
    };
    const reply = this.script.shift() ?? this.fallback;
    if (reply === 'hang') {
      this.hung.add(response);
      (response as ServerResponse & { record?: ReceivedWebhook }).record = record;
    } else {
      this.finish(response, reply, record);
    }
    this.requests.push(record);
    for (const listener of [...this.listeners]) listener();
  }

  private finish(response: ServerResponse, reply: Exclude<ReceiverReply, 'hang'>, record?: ReceivedWebhook): void {
    const target = record ?? (response as ServerResponse & { record?: ReceivedWebhook }).record;
    // Stamped before the answer leaves, so the sender cannot have seen it earlier.
    if (target) {
      target.answeredAt = Date.now();
      target.status = reply.status;
    }
    response.writeHead(reply.status, { 'content-type': 'text/plain', ...(reply.headers ?? {}) });
    response.end(reply.body ?? '');
  }
}
