import { useCallback, useEffect, useState } from 'react';

/** Loads something from the back end with loading and error states; `reload` to refresh. */
export function useRemote<T>(load: () => Promise<T>, deps: unknown[] = []) {
  const [state, setState] = useState<{ data?: T; loading: boolean; error?: string }>({ loading: true });
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const run = useCallback(load, deps);
  const reload = useCallback(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true, error: undefined }));
    run().then(
      (data) => live && setState({ data, loading: false }),
      (err: Error) => live && setState({ loading: false, error: err.message }),
    );
    return () => {
      live = false;
    };
  }, [run]);
  useEffect(reload, [reload]);
  return { ...state, reload };
}
