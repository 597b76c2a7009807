// Test print for installers:
//   npm run print-test -- --printer virtual|tcp://HOST:PORT|usb [--width 58|80] [--out FILE.bin] [--mode raster|text] [--dir DIR]
// Prints a sample bilingual ticket with the real layout and says what happened. Exit 0 = printed,
// 1 = the printer refused or could not be reached, 2 = bad arguments.
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { encodeTicket, encodeTicketText } from './escpos.ts';
import { renderTicket, type PaperWidth } from './render/index.ts';
import { sampleTicket } from './ticket.ts';
import { formatTarget, parsePrinterTarget, sendToPrinter, type PrinterStatus } from './transports.ts';

const USAGE =
  'usage: npm run print-test -- --printer virtual|tcp://HOST:PORT|usb [--width 58|80] [--out FILE.bin] [--mode raster|text] [--timeout MS]\n' +
  '         [--dir DIR (virtual printer folder, default data/prints)]';

function describe(s: PrinterStatus): string {
  const parts = [
    s.online ? 'online' : 'offline',
    s.paperOut ? 'PAPER OUT' : s.paperNearEnd ? 'paper near end (change the roll soon)' : 'paper OK',
    s.coverOpen ? 'COVER OPEN' : 'cover closed',
  ];
  return parts.join(', ') + (s.error ? ` (${s.error})` : '');
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: {
        printer: { type: 'string' },
        width: { type: 'string', default: '80' },
        out: { type: 'string' },
        mode: { type: 'string', default: 'raster' },
        timeout: { type: 'string', default: '5000' },
        dir: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }).values;
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (!args.printer) {
    process.stderr.write(`--printer is required\n${USAGE}\n`);
    return 2;
  }
  const width = Number(args.width);
  if (width !== 58 && width !== 80) {
    process.stderr.write(`--width must be 58 or 80, got "${args.width}"\n`);
    return 2;
  }
  if (args.mode !== 'raster' && args.mode !== 'text') {
    process.stderr.write(`--mode must be raster or text, got "${args.mode}"\n`);
    return 2;
  }
  const timeout = Number(args.timeout);
  if (!Number.isFinite(timeout) || timeout <= 0) {
    process.stderr.write(`--timeout must be a number of milliseconds\n`);
    return 2;
  }
  let target;
  try {
    target = parsePrinterTarget(args.printer);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }

  const ticket = sampleTicket({ issuedAt: Date.now() });
  const started = performance.now();
  const bytes = args.mode === 'text' ? encodeTicketText(ticket, width) : encodeTicket(renderTicket(ticket, width as PaperWidth));
  const ms = performance.now() - started;
  process.stdout.write(
    `Sample ticket ${ticket.ticketLabel} for ${width} mm paper, ${args.mode} mode: ` +
      `${bytes.length.toLocaleString('en-US')} bytes of ESC/POS (built in ${ms.toFixed(1)} ms)\n`,
  );
  if (args.out) {
    await writeFile(args.out, bytes);
    process.stdout.write(`Bytes written to ${args.out}\n`);
  }

  process.stdout.write(`Sending to ${formatTarget(target)} …\n`);
  const result = await sendToPrinter(target, bytes, {
    connectTimeoutMs: Math.min(timeout, 3_000),
    writeTimeoutMs: timeout,
    name: `test-print-${new Date().toISOString().replace(/[:.]/g, '-')}`,
    ...(args.dir ? { outDir: args.dir } : {}),
  });
  if (result.ok) {
    process.stdout.write(`PRINTED on ${result.target}. Printer status: ${describe(result.status)}\n`);
    if (result.files) process.stdout.write(`Virtual printer: bytes in ${result.files.bin}, preview in ${result.files.png}\n`);
    return 0;
  }
  process.stderr.write(`NOT PRINTED on ${result.target}: ${result.error.code} — ${result.error.message}\n`);
  if (result.status) process.stderr.write(`Printer status: ${describe(result.status)}\n`);
  return 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`print-test failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  },
);
