import { type DependencyList, useCallback, useEffect, useState } from 'react';

/** Loads something from the API when the page opens (and on reload()): its data, or the error's message. */
export function useLoad<T>(load: () => Promise<T>, deps: DependencyList) {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const run = useCallback(load, deps);
  useEffect(() => {
    let live = true;
    run()
      .then((d) => {
        if (!live) return;
        setData(d);
        setError(null);
      })
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [run, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, error, reload };
}

/** Sets the page's title (WCAG 2.4.2): "<page> – Tandem". */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} – Tandem`;
  }, [title]);
}
