/**
 * GraphiQL, bundled and served by the gateway. The token and purpose from the bar above go with
 * every request, the introspection query included, so the explorer shows the schema as the
 * token's role sees it; a new token is a new fetcher, and GraphiQL re-reads the schema.
 */
import 'graphiql/style.css';
import '../shared/base.css';
import './graphiql.css';
import type { Fetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { useMemo } from 'react';
import { authHeaders } from '../shared/graphql';
import { useStrings } from '../shared/i18n';
import { Layout } from '../shared/layout';
import { mount } from '../shared/mount';
import { type Auth, useAuth } from '../shared/session';
import { TokenBar } from '../shared/token-bar';

const ROLES = ['partner', 'counter', 'analyst', 'auditor', 'citizen', 'admin'] as const;

/** The first tab of a new browser: a query every role may run (the catalogue is public data). */
const DEFAULT_QUERY = `# Liên Thông: paste a token above (and the purpose, for personal data).
# The schema on the left is what that token's role may read. Ctrl+Enter runs.
{
  procedures(level: WARD) {
    code
    name
    nameEn
  }
}
`;

function fetcherFor(auth: Auth): Fetcher {
  return async (params, options) => {
    const response = await fetch('/graphql', {
      method: 'POST',
      // The header editor's headers win over the bar's: a developer trying another purpose.
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...authHeaders(auth), ...(options?.headers as Record<string, string> | undefined) },
      body: JSON.stringify(params),
    });
    // GraphiQL shows whatever JSON comes back, errors and their codes included.
    return response.json();
  };
}

function GraphiQLPage() {
  const { t } = useStrings();
  const [auth, setAuth] = useAuth('graphiql', '');
  const fetcher = useMemo(() => fetcherFor(auth), [auth]);
  return (
    <Layout page="graphiql" title="" wide>
      <TokenBar auth={auth} onChange={setAuth} roles={ROLES} />
      <p className="visually-hidden">{t.graphiql.intro}</p>
      <div className="graphiql-host">
        <GraphiQL fetcher={fetcher} defaultQuery={DEFAULT_QUERY} defaultEditorToolsVisibility="variables" shouldPersistHeaders={false} />
      </div>
    </Layout>
  );
}

mount(<GraphiQLPage />);
