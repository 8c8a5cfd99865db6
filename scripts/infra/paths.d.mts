export const repoRoot: string;
export const stateDir: string;
