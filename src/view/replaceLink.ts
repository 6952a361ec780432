/**
 * Puts `link` in the address bar in place of the current one (no history entry, no reload, no
 * hashchange). Some embedded contexts forbid it; the link is a convenience, so that is not an error.
 */
export function replaceLink(link: string): void {
  if (link === window.location.href) return;
  try {
    window.history.replaceState(window.history.state, '', link);
  } catch {
    // Forbidden here: the page works on without it.
  }
}
