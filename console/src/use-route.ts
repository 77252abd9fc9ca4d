import { useCallback, useEffect, useState } from 'react';
import { BASE, parseRoute, pathOf, type Route } from './routes';

/** The route in the address bar, and `navigate` (a new history entry; back and forward move between screens). */
export function useRoute(): [Route | null, (to: Route | null, how?: 'push' | 'replace') => void] {
  const [route, setRoute] = useState(() => parseRoute(window.location.pathname));
  useEffect(() => {
    const onPop = () => setRoute(parseRoute(window.location.pathname));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = useCallback((to: Route | null, how: 'push' | 'replace' = 'push') => {
    const path = to ? pathOf(to) : `${BASE}/`;
    if (path !== window.location.pathname) {
      if (how === 'replace') window.history.replaceState(null, '', path);
      else window.history.pushState(null, '', path);
    }
    setRoute(to);
  }, []);
  return [route, navigate];
}
