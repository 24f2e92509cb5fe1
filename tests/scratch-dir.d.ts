/** Types of tests/scratch-dir.js, which jest.config.js loads before any TypeScript hook exists. */
export function scratchDir(env?: NodeJS.ProcessEnv): string | undefined;
export function tmpfsOptions(mounts: string, mountPoint: string): string[] | undefined;
export function openRunDir(parent?: string, pid?: number): string;
export function closeRunDir(dir: string): void;
