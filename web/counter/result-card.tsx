/** One reusable result: what it is, whether it is valid, who issued it then and now, its files. */
import { formatters, useStrings } from '../shared/i18n';
import type { PriorResult } from './types';

export function ResultCard({ result }: { result: PriorResult }) {
  const { t, lang } = useStrings();
  const f = formatters(lang);
  const today = (result.issuingUnit?.todaysUnits ?? []).filter((edge) => edge.unit);
  const procedureName = (lang === 'en' ? result.procedure?.nameEn : result.procedure?.name) ?? result.procedure?.name ?? '';
  return (
    <li className="panel result" data-testid="reusable-result">
      <div className="result-head">
        <h3>
          <span className="mono">{result.procedure?.code}</span> {procedureName}
        </h3>
        <span className={`badge ${result.status === 'VALID' ? 'ok' : 'bad'}`}>{result.status ? (t.status[result.status] ?? result.status) : '—'}</span>
      </div>
      <div className="result-body">
        <dl className="facts">
          <dt>{t.counter.dossier}</dt>
          <dd className="mono">{result.dossierCode ?? '—'}</dd>
          <dt>{t.counter.decision}</dt>
          <dd className="mono">{result.decisionNumber ?? '—'}</dd>
          <dt>{t.counter.issuedOn}</dt>
          <dd>{result.issuedOn ? f.date(result.issuedOn) : '—'}</dd>
          <dt>{t.counter.validUntil}</dt>
          <dd>{result.validUntil ? f.date(result.validUntil) : t.counter.noExpiry}</dd>
          <dt>{t.counter.issuingUnit}</dt>
          <dd>
            {result.issuingUnit?.name ?? '—'} <span className="mono muted">{result.issuingUnit?.code}</span>
          </dd>
          <dt>{t.counter.todaysUnits}</dt>
          <dd>
            {today.length === 0
              ? '—'
              : today.map((edge, i) => (
                  <span key={edge.unit?.code ?? i}>
                    {i > 0 ? ', ' : ''}
                    {edge.unit?.name}
                    {edge.share !== null && edge.share < 1 ? ` (${f.number(edge.share * 100)}%)` : ''}
                  </span>
                ))}
          </dd>
        </dl>
        <div className="files">
          <table>
            <caption>{t.counter.files}</caption>
            <thead>
              <tr>
                <th scope="col">{t.counter.fileName}</th>
                <th scope="col" className="num">
                  {t.counter.pages}
                </th>
                <th scope="col">{t.counter.sha256}</th>
              </tr>
            </thead>
            <tbody>
              {(result.documents ?? []).length === 0 ? (
                <tr>
                  <td colSpan={3} className="muted">
                    {t.counter.noFiles}
                  </td>
                </tr>
              ) : (
                (result.documents ?? []).map((doc, i) => (
                  <tr key={`${doc.sha256 ?? ''}-${i}`}>
                    <td className="mono">{doc.fileName}</td>
                    <td className="num">{doc.pageCount ?? '—'}</td>
                    <td className="mono sha" title={doc.sha256 ?? undefined}>
                      {doc.sha256}
                    </td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      </div>
    </li>
  );
}
