/** Types of parity/cli/compile-cache.js, which runs before TypeScript can be loaded. */
export function cacheBytes(dir: string): number;
export function trimCache(dir: string, maxBytes?: number): void;
export function useCompileCache(dir?: string): void;
