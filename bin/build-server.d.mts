/** Types of bin/build-server.mjs for the TypeScript that calls it (the bench). */
/** The compiled form of `entry` (relative to the project root), built once per version of the sources; null if the cache cannot be written. */
export declare function builtEntry(entry: string): Promise<string | null>;
