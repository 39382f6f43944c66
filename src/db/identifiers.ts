/** A name quoted as a PostgreSQL identifier (schemas, tables, columns, indexes we build statements from). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
