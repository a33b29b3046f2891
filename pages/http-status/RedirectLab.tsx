import { useState, type FormEvent } from 'react';
import { REDIRECT_NOTE_FIELD, STATUS_STRINGS, type Arrival } from '../../shared/http-status/strings';
import type { Locale } from '../../shared/locale';
import { REDIRECTS } from './RedirectTable';
import { endpointPath } from '../../shared/endpoints';

/**
 * A form posted through each redirect. Without JavaScript the browser navigates and the server
 * answers with a page; with it, the same POST goes through fetch and the answers fill a table.
 * Either way it is the reader's own browser that follows the redirect.
 */
export function RedirectLab({ locale }: { locale: Locale }) {
  const text = STATUS_STRINGS[locale].redirect;
  const [note, setNote] = useState(text.noteDefault);
  const [arrivals, setArrivals] = useState<Record<number, Arrival | string>>({});
  const [latest, setLatest] = useState('');
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const code = Number(submitter?.dataset.code);
    if (!code) return;
    event.preventDefault();
    try {
      const response = await fetch(`${endpointPath('redirectLab', { code })}?lang=${locale}`, {
        method: 'POST',
        body: new URLSearchParams({ [REDIRECT_NOTE_FIELD]: note }),
        headers: { Accept: 'application/json' },
        cache: 'no-store',
      });
      const arrival = response.ok
        ? ((await response.json()) as Arrival)
        : `${response.status} ${await response.text()}`;
      setArrivals((current) => ({ ...current, [code]: arrival }));
      setLatest(
        typeof arrival === 'string'
          ? `${code}: ${arrival}`
          : text.announce(code, arrival.method, arrival.bodyBytes > 0),
      );
    } catch (error) {
      setArrivals((current) => ({ ...current, [code]: (error as Error).message }));
    }
  };
  return (
    <form
      className="redirect-lab"
      method="post"
      action={`${endpointPath('redirectLab', { code: REDIRECTS[0]!.code })}?lang=${locale}`}
      onSubmit={submit}
      data-testid="redirect-lab"
    >
      <p>
        <label>
          {text.note}{' '}
          <input
            name={REDIRECT_NOTE_FIELD}
            value={note}
            maxLength={200}
            onChange={(event) => setNote(event.target.value)}
          />
        </label>
      </p>
      <p role="status" className="redirect-lab__status">
        {latest}
      </p>
      <table>
        <caption>{text.labCaption}</caption>
        <thead>
          <tr>
            <th scope="col">{text.submitHeading}</th>
            <th scope="col">{text.arrivedAs}</th>
            <th scope="col">{text.bodyArrived}</th>
          </tr>
        </thead>
        <tbody>
          {REDIRECTS.map(({ code }) => {
            const arrival = arrivals[code];
            return (
              <tr key={code} data-testid={`redirect-${code}`}>
                <th scope="row">
                  {/* The code alone shows, so the button never wraps on a phone; its name says the whole. */}
                  <button
                    type="submit"
                    className="button redirect-lab__submit"
                    data-code={code}
                    formAction={`${endpointPath('redirectLab', { code })}?lang=${locale}`}
                  >
                    <span className="visually-hidden">{text.submit.before}</span>
                    {code}
                    <span className="visually-hidden">{text.submit.after}</span>
                  </button>
                </th>
                {arrival === undefined && <td colSpan={2}>{text.pending}</td>}
                {typeof arrival === 'string' && <td colSpan={2}>{arrival}</td>}
                {typeof arrival === 'object' && (
                  <>
                    <td data-testid="arrived-method">
                      <code>{arrival.method}</code>
                    </td>
                    <td data-testid="arrived-body">
                      {arrival.bodyBytes > 0 ? text.bodyKept(arrival.bodyBytes, arrival.body) : text.bodyLost}
                    </td>
                  </>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </form>
  );
}
