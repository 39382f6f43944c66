/** A gateway error as a human sentence, with its code and request id for the operators. */
import { GatewayError } from './graphql';
import { useStrings } from './i18n';

export function ErrorMessage({ error }: { error: unknown }) {
  const { t } = useStrings();
  const gatewayError = error instanceof GatewayError ? error : new GatewayError('INTERNAL_SERVER_ERROR', 'unexpected', null);
  const messages = t.errors as Record<string, string>;
  const human = messages[gatewayError.code] ?? t.errors.other;
  // BAD_USER_INPUT messages say what was wrong with what the officer typed (never the value).
  const detail = gatewayError.code === 'BAD_USER_INPUT' ? gatewayError.message : null;
  return (
    <div className="error" role="alert">
      <strong>{human}</strong>
      {detail ? <span> {detail}</span> : null}
      <div className="error-code">
        <code>{gatewayError.code}</code>
        {gatewayError.requestId ? (
          <span>
            {' '}
            · {t.errors.requestId} <code>{gatewayError.requestId}</code>
          </span>
        ) : null}
      </div>
    </div>
  );
}
