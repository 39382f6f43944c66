/**
 * The citizen's page: who accessed my data (agency, never the officer), when, why, and which
 * kinds of data, newest first, a page at a time. Signing in is a token for now (VNeID later).
 */
import '../shared/base.css';
import './citizen.css';
import { useCallback, useEffect, useState } from 'react';
import { ErrorMessage } from '../shared/error-message';
import { graphqlRequest } from '../shared/graphql';
import { formatters, useStrings } from '../shared/i18n';
import { Layout } from '../shared/layout';
import { mount } from '../shared/mount';
import { useAuth } from '../shared/session';
import { TokenBar } from '../shared/token-bar';
import MY_ACCESS_LOG from './my-access-log.graphql';

const ROLES = ['citizen'] as const;
const PAGE_SIZE = 20;

interface Entry {
  at: string;
  agencyCode: string;
  agencyName: string | null;
  purpose: string | null;
  purposeDescription: string | null;
  categories: string[];
}

interface Page {
  myAccessLog: { edges: Array<{ cursor: string; node: Entry }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } | null;
}

function CitizenPage() {
  const { t, lang } = useStrings();
  const f = formatters(lang);
  const [auth, setAuth] = useAuth('citizen', 'SELF_SERVICE');
  const [entries, setEntries] = useState<Entry[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(
    async (after: string | null) => {
      setLoading(true);
      setError(null);
      try {
        const data = await graphqlRequest<Page>(auth, MY_ACCESS_LOG, { first: PAGE_SIZE, after });
        const edges = data.myAccessLog?.edges ?? [];
        setEntries((previous) => [...(after ? previous : []), ...edges.map((edge) => edge.node)]);
        setNext(data.myAccessLog?.pageInfo.hasNextPage ? data.myAccessLog.pageInfo.endCursor : null);
        setLoaded(true);
      } catch (caught) {
        setError(caught);
      } finally {
        setLoading(false);
      }
    },
    [auth],
  );

  useEffect(() => {
    setEntries([]);
    setLoaded(false);
    if (auth.token) void load(null);
  }, [auth, load]);

  return (
    <Layout page="citizen" title={t.citizen.title}>
      <TokenBar auth={auth} onChange={setAuth} roles={ROLES} />
      <p className="muted">{t.citizen.intro}</p>
      {!auth.token ? <p className="muted">{t.token.needed}</p> : null}
      {error ? <ErrorMessage error={error} /> : null}
      {loaded ? (
        <section className="panel" aria-busy={loading}>
          <div className="log-head">
            <h2>{t.citizen.count(entries.length)}{next ? '+' : ''}</h2>
            <button type="button" className="button secondary" onClick={() => void load(null)} disabled={loading}>
              {t.citizen.refresh}
            </button>
          </div>
          {entries.length === 0 ? (
            <p data-testid="empty-log">{t.citizen.empty}</p>
          ) : (
            <table className="access-log">
              <thead>
                <tr>
                  <th scope="col">{t.citizen.at}</th>
                  <th scope="col">{t.citizen.agency}</th>
                  <th scope="col">{t.citizen.purpose}</th>
                  <th scope="col">{t.citizen.categories}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((entry, i) => (
                  <tr key={`${entry.at}-${i}`} data-testid="access-entry">
                    <td className="nowrap">{f.dateTime(entry.at)}</td>
                    <td>
                      {entry.agencyName ?? entry.agencyCode} <span className="mono muted">{entry.agencyCode}</span>
                    </td>
                    <td>{entry.purposeDescription ?? entry.purpose ?? '—'}</td>
                    <td>
                      {entry.categories.map((c) => (
                        <span key={c} className="badge neutral category">
                          {t.categories[c] ?? c}
                        </span>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {next ? (
            <button type="button" className="button secondary more" onClick={() => void load(next)} disabled={loading}>
              {t.citizen.more}
            </button>
          ) : null}
        </section>
      ) : null}
    </Layout>
  );
}

mount(<CitizenPage />);
