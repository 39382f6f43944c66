/** Types of bin/build-web.mjs for the TypeScript that calls it (serve command, tests). */
export declare const DIST: string;
export declare const PAGES: Record<'graphiql' | 'counter' | 'dashboard' | 'citizen', { entry: string; title: string }>;
/** Builds every page into web/dist; resolves to its path. */
export declare function buildWeb(options?: { quiet?: boolean }): Promise<string>;
/** Builds web/dist only when missing or built from other sources; resolves to its path. */
export declare function ensureWebBuilt(options?: { quiet?: boolean }): Promise<string>;
