// Every screen's URL on the hub and its HTML entry: read by vite.config.ts (build inputs, dev
// routing) and by the hub (serving dist/). Later screens add theirs here.
export interface Page { name: string; path: string; html: string }

export const PAGES: readonly Page[] = [
  { name: 'kiosk', path: '/kiosk', html: 'kiosk-ui/index.html' },
  { name: 'status', path: '/t/:token', html: 'kiosk-ui/status.html' },
];

/** Does a request URL (path plus optional query) belong to this page? `:param` matches one segment. */
export function matchesPage(page: Page, url: string): boolean {
  const path = url.split(/[?#]/)[0]!.replace(/\/$/, '') || '/';
  const pattern = new RegExp(`^${page.path.replace(/:[a-z]+/gi, '[^/]+')}$`);
  return pattern.test(path);
}
