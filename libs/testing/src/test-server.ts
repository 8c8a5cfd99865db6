/** A server the tests use, and how it was found; `stop()` undoes only what was started. */
export interface TestServer {
  url: string;
  source: 'env' | 'local' | 'container' | 'process';
  stop(): Promise<void>;
}
