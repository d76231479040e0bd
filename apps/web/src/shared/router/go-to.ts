/**
 * Moves the console to another of its paths from anywhere inside it: the console's own path hook
 * listens for popstate, so components need no navigate callback threaded through.
 */
export function goTo(path: string): void {
  if (path === window.location.pathname) return;
  window.history.pushState(null, '', path);
  window.dispatchEvent(new PopStateEvent('popstate'));
}
