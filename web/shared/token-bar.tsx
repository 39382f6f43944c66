/**
 * Where a token is pasted and the purpose set. In the demo (`npm start`) the gateway also offers
 * its demo tokens at /demo/tokens, listed here for the page's roles; elsewhere that endpoint does
 * not exist and the list is not shown.
 */
import { useEffect, useId, useState } from 'react';
import { formatters, useStrings } from './i18n';
import { type Auth, peekClaims } from './session';

interface DemoToken {
  agency: string;
  role: string;
  unit: string | null;
  purpose: string | null;
  token: string;
}

export function TokenBar({ auth, onChange, roles, purposeNeeded = true }: { auth: Auth; onChange: (next: Partial<Auth>) => void; roles: readonly string[]; purposeNeeded?: boolean }) {
  const { t, lang } = useStrings();
  const id = useId();
  const [demo, setDemo] = useState<DemoToken[]>([]);
  useEffect(() => {
    // Only the demo's pages are marked (the gateway adds data-demo when `npm start` serves them).
    if (document.body.dataset.demo !== 'tokens') return;
    let live = true;
    fetch('/demo/tokens')
      .then(async (response) => (response.ok ? ((await response.json()) as DemoToken[]) : []))
      .catch(() => [])
      .then((tokens) => live && setDemo(tokens.filter((token) => roles.includes(token.role))));
    return () => {
      live = false;
    };
  }, [roles]);
  const claims = auth.token ? peekClaims(auth.token) : null;
  const expired = claims?.exp !== undefined && claims.exp * 1000 < Date.now();
  return (
    <section className="tokenbar" aria-label={t.token.region}>
      <div className="field token-field">
        <label htmlFor={`${id}-token`}>{t.token.label}</label>
        <input
          id={`${id}-token`}
          type="password"
          autoComplete="off"
          spellCheck={false}
          placeholder={t.token.placeholder}
          value={auth.token}
          onChange={(event) => onChange({ token: event.target.value })}
        />
      </div>
      {purposeNeeded ? (
        <div className="field purpose-field">
          <label htmlFor={`${id}-purpose`}>{t.token.purpose}</label>
          <input id={`${id}-purpose`} type="text" spellCheck={false} value={auth.purpose} onChange={(event) => onChange({ purpose: event.target.value })} />
        </div>
      ) : null}
      {demo.length > 0 ? (
        <div className="field demo-field">
          <label htmlFor={`${id}-demo`}>{t.token.demo}</label>
          <select
            id={`${id}-demo`}
            value=""
            onChange={(event) => {
              const chosen = demo[Number(event.target.value)];
              if (chosen) onChange({ token: chosen.token, ...(purposeNeeded ? { purpose: chosen.purpose ?? '' } : {}) });
            }}
          >
            <option value="">{t.token.demoChoose}</option>
            {demo.map((token, i) => (
              <option key={`${token.agency}-${token.role}`} value={i}>
                {token.agency} · {token.role}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div className="token-status" aria-live="polite">
        {claims ? (
          <span className={expired ? 'warn' : undefined}>
            {t.token.as}: <strong>{claims.agency ?? '?'}</strong> · {claims.role ?? '?'}
            {claims.unit ? ` · ${claims.unit}` : ''}
            {claims.exp ? ` · ${expired ? t.token.expired : `${t.token.expires} ${formatters(lang).dateTime(new Date(claims.exp * 1000).toISOString())}`}` : ''}
          </span>
        ) : (
          <span className="muted">{t.token.hint}</span>
        )}
        {auth.token ? (
          <button type="button" className="link" onClick={() => onChange({ token: '' })}>
            {t.token.clear}
          </button>
        ) : null}
      </div>
    </section>
  );
}
