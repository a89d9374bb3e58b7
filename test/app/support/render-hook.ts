/** Runs a hook in a real React root on jsdom, and reads what it answered last. */
import { act, createElement } from 'react';
import { createRoot } from 'react-dom/client';

// Tells React the updates below are wrapped in act().
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export function renderHook<P, R>(hook: (props: P) => R, props: P) {
  let last: R;
  const Probe = (p: { props: P }) => {
    last = hook(p.props);
    return null;
  };
  const root = createRoot(document.createElement('div'));
  act(() => root.render(createElement(Probe, { props })));
  return {
    current: () => last,
    rerender: (next: P) => act(() => root.render(createElement(Probe, { props: next }))),
    unmount: () => act(() => root.unmount()),
  };
}

/** Runs what updates the hook's state (a manual reload) as React would on a tap. */
export const run = (fn: () => unknown) => act(() => void fn());

/** Lets pending promise callbacks (and the state updates they make) run. */
export const settle = () => act(() => new Promise<void>((r) => setTimeout(r, 0)));
