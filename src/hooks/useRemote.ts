import { useCallback, useEffect, useRef, useState } from 'react';
import { BackendError } from '../services/backend';
import { offlineSince } from '../services/read-cache';

/**
 * Loads something from the back end with loading and error states; `reload` to refresh.
 * Only the latest request's answer is applied: reloads (on show, pull-down, the outbox
 * sending) and a changed filter can overlap, and an older answer arriving last (the
 * unfiltered list after the filtered one) must not replace a newer one.
 */
export function useRemote<T>(load: () => Promise<T>, deps: unknown[] = []) {
  const [state, setState] = useState<{ data?: T; loading: boolean; error?: string; refused?: boolean }>({ loading: true });
  const latest = useRef(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const run = useCallback(load, deps);
  const reload = useCallback(() => {
    const request = ++latest.current;
    setState((s) => ({ ...s, loading: true, error: undefined }));
    run().then(
      (data) => request === latest.current && setState({ data, loading: false }),
      (err: Error) => request === latest.current && setState({ loading: false, error: err.message, refused: err instanceof BackendError }),
    );
    return () => {
      // Unmounted, or asked again with other deps: whatever is on its way is stale.
      latest.current++;
    };
  }, [run]);
  useEffect(reload, [reload]);
  /** Data the page already has (what a save answered): shown at once, and no answer still on its way replaces it. */
  const replace = useCallback((data: T) => {
    latest.current++;
    setState({ data, loading: false });
  }, []);
  /** What a 重试 button does: nothing to offer after a refusal (not found, no right to it), where asking again answers the same. */
  const retry = state.error && !state.refused ? reload : undefined;
  /** Set when the answer shown is the one kept on the phone (no signal): when it was fetched. */
  const offlineAt = offlineSince(state.data);
  return { ...state, reload, replace, retry, offlineAt };
}
