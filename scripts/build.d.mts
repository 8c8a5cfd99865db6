export function build(options?: { quiet?: boolean }): Promise<void>;
export function buildWeb(options?: { quiet?: boolean }): Promise<void>;
