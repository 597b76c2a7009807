// `npm run bench` prints each screen's page weight beside its floor (issue 13): the pages benchmark
// builds the screens into a temp folder and reports every page of ui-kit/pages.ts in the JSON.
import { execFileSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { PAGES } from '../../ui-kit/pages.ts';
import { REPO_ROOT } from '../helpers/child.ts';

it('bench --only pages --json gives every screen its gzip weight, floor and ratio', () => {
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--only', 'pages', '--json'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const figures = JSON.parse(out) as Record<string, { value: number; unit: string; floor: number; ratio: number }>;
  expect(Object.keys(figures).sort()).toEqual(PAGES.map((p) => `page.${p.name}.gzip_kb`).sort());
  for (const f of Object.values(figures)) {
    expect(f.unit).toBe('KB gzip');
    // The floor (Preact + a Socket.IO client) is part of every live screen: no screen weighs less.
    expect(f.floor).toBeGreaterThan(5);
    expect(f.value).toBeGreaterThan(f.floor);
    expect(f.ratio).toBeCloseTo(f.value / f.floor, 3);
  }
});
