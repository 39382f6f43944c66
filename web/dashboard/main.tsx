/**
 * The analyst's dashboard: digitization progress per unit and level against the yearly targets,
 * and digitized results by domain and year with the small-cell rule visible, as the statistics
 * office's analyst (no personal data, so no purpose). The CSV is the gateway's own export,
 * fetched with the token (a link cannot carry the Authorization header) and saved from a blob.
 */
import '../shared/base.css';
import './dashboard.css';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { ErrorMessage } from '../shared/error-message';
import { type GatewayError, authHeaders, errorFrom, graphqlRequest } from '../shared/graphql';
import { useStrings } from '../shared/i18n';
import { Layout } from '../shared/layout';
import { mount } from '../shared/mount';
import { type Auth, useAuth } from '../shared/session';
import { TokenBar } from '../shared/token-bar';
import PROGRESS from './digitization-progress.graphql';
import { ProgressSection } from './progress-section';
import { ResultsSection } from './results-section';
import RESULTS from './results-by-domain-year.graphql';
import { type AggregateTable, type Progress, type ResultsQuestion, resultsCsvUrl, resultsFilter } from './types';
import UNITS_QUERY from './units.graphql';

const ROLES = ['analyst'] as const;
const YEARS = [2022, 2023, 2024];
const UNITS = ['TODAYS_UNIT', 'ISSUING_UNIT', 'ISSUING_DISTRICT'];
const FROM_YEARS = ['1996', '2005', '2010', '2015', '2018'];

interface Question extends ResultsQuestion {
  year: number;
  units: string;
}

interface Unit {
  code: string;
  name: string | null;
  level: string | null;
}

type State = { kind: 'idle' } | { kind: 'loading' } | { kind: 'error'; error: unknown } | { kind: 'done'; progress: Progress; results: AggregateTable; question: Question };

function DashboardPage() {
  const { t } = useStrings();
  const [auth, setAuth] = useAuth('dashboard', '');
  const [question, setQuestion] = useState<Question>({ year: 2022, units: 'TODAYS_UNIT', fromYear: '2015', unit: '' });
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [wards, setWards] = useState<Unit[]>([]);

  // Today's wards, for the results filter (public catalogue data).
  useEffect(() => {
    if (!auth.token) return;
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' });
    graphqlRequest<{ units: Unit[] | null }>(auth, UNITS_QUERY, { inForceOn: today })
      .then((data) => setWards((data.units ?? []).filter((u) => u.level === 'WARD').sort((a, b) => (a.name ?? a.code).localeCompare(b.name ?? b.code, 'vi'))))
      .catch(() => setWards([]));
  }, [auth]);

  const load = useCallback(async (ask: Question, as: Auth) => {
    setState({ kind: 'loading' });
    try {
      const [progress, results] = await Promise.all([
        graphqlRequest<{ digitizationProgress: Progress }>(as, PROGRESS, { year: ask.year, units: ask.units }),
        graphqlRequest<{ aggregate: AggregateTable }>(as, RESULTS, { filter: resultsFilter(ask) }),
      ]);
      setState({ kind: 'done', progress: progress.digitizationProgress, results: results.aggregate, question: ask });
    } catch (error) {
      setState({ kind: 'error', error });
    }
  }, []);

  // The first question is asked as soon as there is a token; later ones when "Show" is pressed.
  useEffect(() => {
    if (auth.token) void load(question, auth);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new token re-asks by itself
  }, [auth, load]);

  function submit(event: FormEvent) {
    event.preventDefault();
    void load(question, auth);
  }

  return (
    <Layout page="dashboard" title={t.dashboard.title}>
      <TokenBar auth={auth} onChange={setAuth} roles={ROLES} purposeNeeded={false} />
      <form className="controls panel" onSubmit={submit}>
        <SelectField id="year" label={t.dashboard.year} value={String(question.year)} options={YEARS.map((year) => [String(year), String(year)])} onChange={(year) => setQuestion({ ...question, year: Number(year) })} />
        <SelectField id="units" label={t.dashboard.units} value={question.units} options={UNITS.map((units) => [units, t.dashboard.unitsOptions[units] ?? units])} onChange={(units) => setQuestion({ ...question, units })} />
        <SelectField id="from-year" label={t.dashboard.fromYear} value={question.fromYear} options={FROM_YEARS.map((year) => [year, year])} onChange={(fromYear) => setQuestion({ ...question, fromYear })} />
        <SelectField id="unit" label={t.dashboard.resultsUnit} value={question.unit} options={[['', t.dashboard.allUnits], ...wards.map((unit): [string, string] => [unit.code, unit.name ?? unit.code])]} onChange={(unit) => setQuestion({ ...question, unit })} />
        <button type="submit" className="button" disabled={!auth.token || state.kind === 'loading'}>
          {state.kind === 'loading' ? t.dashboard.loading : t.dashboard.load}
        </button>
        {!auth.token ? <span className="muted">{t.token.needed}</span> : null}
      </form>
      {state.kind === 'error' ? <ErrorMessage error={state.error} /> : null}
      {state.kind === 'done' ? (
        <div className="sections">
          <ProgressSection progress={state.progress} />
          <ResultsSection table={state.results} unitName={wards.find((w) => w.code === state.question.unit)?.name ?? null} csv={<CsvButton auth={auth} question={state.question} />} />
        </div>
      ) : null}
    </Layout>
  );
}

function CsvButton({ auth, question }: { auth: Auth; question: ResultsQuestion }) {
  const { t } = useStrings();
  const [error, setError] = useState<GatewayError | null>(null);
  async function download() {
    setError(null);
    const response = await fetch(resultsCsvUrl(question), { headers: authHeaders(auth) }).catch(() => null);
    if (!response?.ok) {
      setError(response ? await errorFrom(response) : null);
      return;
    }
    const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'aggregate.csv';
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
  return (
    <div>
      <button type="button" className="button secondary" onClick={() => void download()} data-testid="csv-download">
        {t.dashboard.csv}
      </button>
      {error ? <ErrorMessage error={error} /> : null}
    </div>
  );
}

mount(<DashboardPage />);

/** A labelled drop-down of [value, text] options. */
function SelectField(props: { id: string; label: string; value: string; options: ReadonlyArray<readonly [string, string]>; onChange: (value: string) => void }) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(event) => props.onChange(event.target.value)}>
        {props.options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}
