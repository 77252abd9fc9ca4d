import { useEffect, useReducer, useState, type DependencyList } from 'react';
import { problemOf, type Problem } from './problem';

export interface ApiData<T> {
  data: T | undefined;
  problem: Problem | undefined;
  loading: boolean;
  /** Fetches again (after an action changed what the screen shows). */
  reload: () => void;
}

/**
 * What a screen shows from the API: fetched when `deps` change or on reload(), with the problem if it failed. A
 * response that arrives after the screen moved on (deps changed, unmounted) is dropped.
 */
export function useApiData<T>(fetcher: () => Promise<T>, deps: DependencyList): ApiData<T> {
  const [version, reload] = useReducer((n: number) => n + 1, 0);
  const [state, setState] = useState<{ data?: T; problem?: Problem; loading: boolean }>({ loading: true });
  useEffect(() => {
    let live = true;
    // What was shown stays while it is fetched again; `loading` says a fetch is under way (spinners, "more"). Setting
    // it here is the fetch's own start (deps changed or reload), not state derived from props.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setState((s) => (s.loading ? s : { ...s, loading: true }));
    fetcher().then(
      (data) => {
        if (live) setState({ data, loading: false });
      },
      (err: unknown) => {
        if (live) setState({ problem: problemOf(err), loading: false });
      },
    );
    return () => {
      live = false;
    };
    // The caller names what the fetcher depends on, as with useEffect itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, version]);
  return { data: state.data, problem: state.problem, loading: state.loading, reload };
}
