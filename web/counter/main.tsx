/**
 * The one-stop counter's page: the citizen in front of the officer, the procedure being filed and
 * its case reference; the still-valid earlier results that procedure may reuse, with their files.
 * Keyboard flow: the personal ID has focus, Tab goes procedure → case reference → Look up, Enter
 * in any field submits, and the answer's heading takes focus so the next Tab reaches it.
 */
import '../shared/base.css';
import './counter.css';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ErrorMessage } from '../shared/error-message';
import { graphqlRequest } from '../shared/graphql';
import { formatters, useStrings } from '../shared/i18n';
import { Layout } from '../shared/layout';
import { mount } from '../shared/mount';
import { useAuth } from '../shared/session';
import { TokenBar } from '../shared/token-bar';
import { personalIdFrom } from './personal-id';
import PRIOR_RESULTS from './prior-results.graphql';
import PROCEDURES from './procedures.graphql';
import { ResultCard } from './result-card';
import type { PriorResult, Procedure } from './types';

const ROLES = ['counter'] as const;

type Answer = { kind: 'idle' } | { kind: 'loading' } | { kind: 'error'; error: unknown } | { kind: 'done'; results: PriorResult[]; procedure: string };

function CounterPage() {
  const { t, lang } = useStrings();
  const [auth, setAuth] = useAuth('counter', 'ONE_STOP_FILING');
  const [procedures, setProcedures] = useState<Procedure[]>([]);
  const [catalogueError, setCatalogueError] = useState<unknown>(null);
  const [personalId, setPersonalId] = useState('');
  const [procedureCode, setProcedureCode] = useState('');
  const [caseRef, setCaseRef] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [answer, setAnswer] = useState<Answer>({ kind: 'idle' });
  const answerHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (!auth.token) return;
    let live = true;
    setCatalogueError(null);
    graphqlRequest<{ procedures: Procedure[] | null }>(auth, PROCEDURES)
      .then((data) => live && setProcedures([...(data.procedures ?? [])].sort((a, b) => a.code.localeCompare(b.code))))
      .catch((error: unknown) => live && setCatalogueError(error));
    return () => {
      live = false;
    };
  }, [auth]);

  useEffect(() => {
    if (answer.kind === 'done' || answer.kind === 'error') answerHeading.current?.focus();
  }, [answer]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const id = personalIdFrom(personalId);
    if (!id) return setProblem(t.counter.badId);
    if (!procedureCode) return setProblem(t.counter.needProcedure);
    if (!caseRef.trim()) return setProblem(t.counter.needCaseRef);
    setProblem(null);
    setPersonalId(id);
    setAnswer({ kind: 'loading' });
    try {
      const data = await graphqlRequest<{ priorResults: PriorResult[] }>(auth, PRIOR_RESULTS, { personalId: id, procedureCode, caseRef: caseRef.trim() });
      setAnswer({ kind: 'done', results: data.priorResults, procedure: procedureCode });
    } catch (error) {
      setAnswer({ kind: 'error', error });
    }
  }

  const subject = answer.kind === 'done' ? answer.results.find((r) => r.subject)?.subject : null;
  return (
    <Layout page="counter" title={t.counter.title}>
      <TokenBar auth={auth} onChange={setAuth} roles={ROLES} />
      {catalogueError ? <ErrorMessage error={catalogueError} /> : null}
      <form className="panel lookup" onSubmit={submit} noValidate>
        <p className="muted intro">{t.counter.intro}</p>
        <div className="lookup-fields">
          <div className="field">
            <label htmlFor="personal-id">{t.counter.personalId}</label>
            <input
              id="personal-id"
              name="personalId"
              inputMode="numeric"
              autoComplete="off"
              autoFocus
              className="mono big"
              value={personalId}
              onChange={(event) => setPersonalId(event.target.value)}
              aria-describedby="personal-id-hint"
            />
            <span id="personal-id-hint" className="hint">
              {t.counter.personalIdHint}
            </span>
          </div>
          <div className="field grow">
            <label htmlFor="procedure">{t.counter.procedure}</label>
            <select id="procedure" name="procedureCode" value={procedureCode} onChange={(event) => setProcedureCode(event.target.value)}>
              <option value="">{t.counter.chooseProcedure}</option>
              {procedures.map((p) => (
                <option key={p.code} value={p.code}>
                  {p.code} · {(lang === 'en' ? p.nameEn : p.name) ?? p.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="case-ref">{t.counter.caseRef}</label>
            <input id="case-ref" name="caseRef" autoComplete="off" className="mono" value={caseRef} onChange={(event) => setCaseRef(event.target.value)} aria-describedby="case-ref-hint" />
            <span id="case-ref-hint" className="hint">
              {t.counter.caseRefHint}
            </span>
          </div>
          <button type="submit" className="button" disabled={answer.kind === 'loading' || !auth.token}>
            {answer.kind === 'loading' ? t.counter.searching : t.counter.search}
          </button>
        </div>
        {problem ? (
          <p className="error" role="alert">
            {problem}
          </p>
        ) : null}
        {!auth.token ? <p className="muted">{t.token.needed}</p> : null}
      </form>
      <section aria-live="polite" className="answer">
        {answer.kind === 'error' ? (
          <>
            <h2 tabIndex={-1} ref={answerHeading} className="visually-hidden">
              {t.errors.other}
            </h2>
            <ErrorMessage error={answer.error} />
          </>
        ) : null}
        {answer.kind === 'done' ? (
          <>
            <h2 tabIndex={-1} ref={answerHeading} data-testid="answer-heading">
              {answer.results.length > 0 ? t.counter.found(answer.results.length) : t.counter.none}
            </h2>
            {subject ? (
              <p className="subject">
                {t.counter.subject}: <strong>{subject.fullName}</strong>
                {subject.dateOfBirth ? ` · ${t.counter.born} ${formatters(lang).date(subject.dateOfBirth)}` : ''} · <span className="mono">{personalIdFrom(personalId)}</span>
              </p>
            ) : null}
            {answer.results.length === 0 ? (
              <div className="panel empty" data-testid="nothing-reusable">
                <p>
                  <strong>{t.counter.none}</strong>
                </p>
                <p className="muted">{t.counter.noneHint}</p>
              </div>
            ) : (
              <ol className="results">
                {answer.results.map((result) => (
                  <ResultCard key={result.id} result={result} />
                ))}
              </ol>
            )}
          </>
        ) : null}
      </section>
    </Layout>
  );
}

mount(<CounterPage />);
