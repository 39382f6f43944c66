/** Where the tests' throwaway PostgreSQL databases are made: the machine's server by default. */
export const TEST_DB_PREFIX = 'lienthong_test_';

export function adminUrl(): string {
  return process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

export function databaseUrl(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}
