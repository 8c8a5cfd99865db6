export interface TestServer {
  url: string;
  source: 'env' | 'local' | 'container' | 'process';
  stop(): Promise<void>;
}
export const LOCAL_POSTGRES_URL: string;
export const LOCAL_NATS_URL: string;
export function pingDocker(host?: string): Promise<boolean>;
export function dockerAvailable(): Promise<boolean>;
export function findLocalPostgres(): Promise<string | null>;
export function provideTestPostgres(): Promise<TestServer>;
export function provideTestNats(): Promise<TestServer>;
export function provideTestInfra(): Promise<{
  databaseUrl: string;
  natsUrl: string;
  sources: { postgres: TestServer['source']; nats: TestServer['source'] };
  stop(): Promise<void>;
}>;
