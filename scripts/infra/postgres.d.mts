export interface LocalServer {
  url: string;
  /** Where the data went (see runnableDataDir: moved out of private homes when root). */
  dataDir: string;
  stop(): Promise<void>;
}
export function startEmbeddedPostgres(options: { dataDir: string; port: number; log?: (line: string) => void }): Promise<LocalServer>;
export function canQuery(url: string): Promise<boolean>;
export function ensureDatabase(adminUrl: string, name: string): Promise<string>;
export function dropDatabase(adminUrl: string, name: string): Promise<void>;
