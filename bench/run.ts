// `npm run bench` — runs every benchmark and prints a table; `npm run bench -- --json` prints one
// JSON object {"<name>": {value, unit, floor, ratio}} on stdout and nothing else (progress → stderr).
// `--only issue|call-next|print|call-latency|reports|issue-http|startup|pages` runs one file (call-next still measures the
// raw-transaction floor it needs).
import { benchCallLatency } from './call-latency.ts';
import { benchCallNext } from './call-next.ts';
import { benchIssue } from './issue.ts';
import { benchIssueHttp } from './issue-http.ts';
import { benchPages } from './pages.ts';
import { benchPrint } from './print.ts';
import { benchReports } from './reports.ts';
import { benchStartup } from './startup.ts';
import { log, type Result } from './timing.ts';

const args = process.argv.slice(2);
const json = args.includes('--json');
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? args[onlyAt + 1] : undefined;
const BENCHMARKS = ['issue', 'call-next', 'print', 'call-latency', 'reports', 'issue-http', 'startup', 'pages'];
if (only !== undefined && !BENCHMARKS.includes(only)) {
  process.stderr.write(`unknown benchmark "${only}" (${BENCHMARKS.join(', ')})\n`);
  process.exit(2);
}

function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const a = Math.abs(n);
  if (a >= 1000) return Math.round(n).toLocaleString('en-US');
  if (a >= 100) return n.toFixed(0);
  if (a >= 10) return n.toFixed(1);
  return n.toFixed(2);
}

function table(results: Result[]): string {
  const head = ['benchmark', 'value', 'unit', 'floor', 'floor is', 'ratio', 'ratio is'];
  const rows = results.map((r) => [r.name, fmt(r.value), r.unit, fmt(r.floor), r.floorIs, fmt(r.ratio), r.ratioIs]);
  const right = new Set([1, 3, 5]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (right.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

async function main() {
  const started = performance.now();
  const results: Result[] = [];
  log(`dor bench — node ${process.version}, ${process.platform}/${process.arch}`);
  if (only === undefined || only === 'issue' || only === 'call-next') {
    const issue = await benchIssue();
    if (only !== 'call-next') results.push(...issue.results);
    if (only !== 'issue') results.push(...(await benchCallNext(issue.rawTxPerSec)));
  }
  if (only === undefined || only === 'print') results.push(...(await benchPrint()));
  if (only === undefined || only === 'call-latency') results.push(...(await benchCallLatency()));
  if (only === undefined || only === 'reports') results.push(...(await benchReports()));
  if (only === undefined || only === 'issue-http') results.push(...(await benchIssueHttp()));
  if (only === undefined || only === 'startup') results.push(...(await benchStartup()));
  if (only === undefined || only === 'pages') results.push(...(await benchPages()));
  const seconds = (performance.now() - started) / 1000;
  log(`done in ${seconds.toFixed(1)} s`);

  if (json) {
    const out: Record<string, { value: number; unit: string; floor: number; ratio: number }> = {};
    const round = (n: number) => Number(n.toPrecision(6));
    for (const r of results) out[r.name] = { value: round(r.value), unit: r.unit, floor: round(r.floor), ratio: round(r.ratio) };
    process.stdout.write(`${JSON.stringify(out)}\n`);
  } else {
    process.stdout.write(
      `${table(results)}\n\n` +
        'floor = baseline measured in this same run. All figures are medians after warm-up: tickets/s over 5 rounds of 1,000\n' +
        '(alternating with the raw baseline), decide µs over 5 rounds, hub µs over every timed call_next, print ms over 3×7 rounds of 20\n' +
        'tickets (alternating with the blank-canvas baseline); call_to_display ms are p50/p99 over every display socket × ≥100 calls\n' +
        '(call by call alternating with a bare Socket.IO broadcast of the same delta to the same N sockets; at N=1 the call is the REST\n' +
        'request and the floor a bare HTTP request + one-row commit + broadcast); month_report_first_ms is the first report of one month\n' +
        'over a year of history, month_report_ms the median of 5 more (alternating with a bare scan of its events); issue_walkin.http is\n' +
        'the median of 2 rounds of 4 s of 20 kiosk clients (autocannon) against the hub process, alternating with a bare HTTP + one-row\n' +
        'transaction process; startup.year is the median of 3 starts of the hub process on a year of history, alternating with starts\n' +
        'on no history; page.<screen>.gzip_kb is the JS + CSS an HTML entry loads at once, gzip, beside Preact + a Socket.IO client.\n' +
        `${seconds.toFixed(1)} s in all.\n`,
    );
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
