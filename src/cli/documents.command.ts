/**
 * `lienthong documents register|list`: the trusted documents of an agency, registered from the
 * `.graphql` files its software sends (each file's exact text is one document).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'graphql';
import type { Config } from '../config/index.js';
import { openLockedStorage } from '../db/index.js';
import { BadUserInputError } from '../errors/index.js';
import { TrustedDocuments, documentHash } from '../sources/gateway/index.js';

export async function documentsRegisterCommand(config: Config, agency: string, files: readonly string[]): Promise<void> {
  // Read and parse every file first: nothing is registered if one of them is not a document.
  const documents = await Promise.all(
    files.map(async (file) => {
      const text = await fs.readFile(file, 'utf8');
      try {
        parse(text);
      } catch (error) {
        throw new BadUserInputError(`${file}: not a GraphQL document (${(error as Error).message})`);
      }
      return { agency, hash: documentHash(text), name: path.basename(file) };
    }),
  );
  const storage = await openLockedStorage(config);
  try {
    const store = new TrustedDocuments(storage.sources.gateway);
    const added = await store.register(documents);
    for (const d of documents) process.stdout.write(`${d.hash}  ${agency}  ${d.name}\n`);
    process.stdout.write(`${added} registered, ${documents.length - added} already were\n`);
  } finally {
    await storage.close();
  }
}

export async function documentsListCommand(config: Config, agency: string | null): Promise<void> {
  const storage = await openLockedStorage(config);
  try {
    for (const d of await new TrustedDocuments(storage.sources.gateway).list(agency)) process.stdout.write(`${d.hash}  ${d.agency}  ${d.name}\n`);
  } finally {
    await storage.close();
  }
}
