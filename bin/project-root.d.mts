/** Types of bin/project-root.mjs for the TypeScript that imports it. */
/** The project's root directory (where its package.json, policy/, migrations/ and web/ are). */
export declare const PROJECT_ROOT: string;
