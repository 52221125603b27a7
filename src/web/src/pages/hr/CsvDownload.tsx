import { type MouseEvent, useState } from 'react';
import { session } from '../../api/client';

const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);

/** The file name the service gives in Content-Disposition, or a fallback. */
function fileName(disposition: string | null, fallback: string): string {
  const m = disposition && /filename="?([^";]+)"?/i.exec(disposition);
  return m?.[1] ?? fallback;
}

/**
 * A download link to one of the service's CSV endpoints (GET /reports/<name>.csv). The endpoints take the bearer
 * token in the Authorization header, which a plain link cannot send, so following the link fetches the file with
 * the session's token and saves it under the service's file name. The saved file always starts with the UTF-8
 * byte-order mark, so Excel reads "–" and "£" correctly (it is added when the service's response lacks it).
 */
export function CsvDownload({
  report,
  params,
  section,
  children,
}: {
  report: string;
  params: Record<string, string | number | undefined>;
  section?: string;
  children: string;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') query.set(k, String(v));
  if (section) query.set('section', section);
  const href = `/reports/${report}.csv?${query.toString()}`;

  const download = async (e: MouseEvent<HTMLAnchorElement>) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const token = session.token();
      const response = await fetch(href, {
        headers: { accept: 'text/csv', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      });
      if (!response.ok) {
        let message = `The service answered ${response.status}`;
        try {
          const body = (await response.json()) as { message?: string };
          if (body.message) message = body.message;
        } catch {
          // not JSON
        }
        throw new Error(message);
      }
      const bytes = new Uint8Array(await response.arrayBuffer());
      const hasBom = bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2];
      const blob = new Blob(hasBom ? [bytes] : [BOM, bytes], { type: 'text/csv;charset=utf-8' });
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = fileName(response.headers.get('content-disposition'), `${report}.csv`);
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (err) {
      setError(`The download failed: ${(err as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <a
        className="nhsuk-link"
        href={href}
        download
        onClick={(e) => void download(e)}
        aria-busy={busy || undefined}
      >
        {children}
      </a>
      {error && (
        <span className="nhsuk-error-message nhsuk-u-margin-top-2" role="alert">
          <span className="nhsuk-u-visually-hidden">Error:</span> {error}
        </span>
      )}
    </>
  );
}
