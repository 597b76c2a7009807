// `npm run voice`: makes the display board's default clip set (display-ui/voice/clips/*.opus and
// manifest.json) with Debian's espeak-ng and opus-tools. The result is committed, so `npm start`
// needs no speech engine; run this only to change the voice or the clip list.
//
//   apt-get install -y espeak-ng opus-tools       # once, on the machine that makes the clips
//   npm run voice                                  # every clip
//   npm run voice -- --only ar-ticket,en-ticket    # some clips
//   npm run voice -- --missing-only                # only clips that have no file (keeps recordings)
//
// Each clip: espeak-ng speaks the text to a WAV (22.05 kHz mono) at 190 words a minute (brisk but
// clear, so a burst of calls is said quickly), the silence before and after is cut to 5 ms / 15 ms
// (the gaps between words are set at play time, clips.ts), the level is normalised and the ends are
// faded, then opusenc packs it as Ogg Opus at 16 kbit/s (speech). The chime is synthesised here (two sine tones, "ding-dong") and packed at
// 32 kbit/s. ffmpeg (with libopus) is used when opusenc is missing.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { clipCatalogue, type ClipSpec } from './clips.ts';
import { kioskCatalogue } from './kiosk-clips.ts';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const { values: args } = parseArgs({
  options: {
    out: { type: 'string', default: join(HERE, 'clips') },
    only: { type: 'string' },
    'missing-only': { type: 'boolean', default: false },
    'voice-ar': { type: 'string', default: 'ar' },
    'voice-en': { type: 'string', default: 'en' },
    'speed-ar': { type: 'string', default: '190' },
    'speed-en': { type: 'string', default: '190' },
    bitrate: { type: 'string', default: '16' },
  },
});
const OUT = args.out!;
const EXT = 'opus';

function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

const encoder = has('opusenc') ? 'opusenc' : has('ffmpeg') ? 'ffmpeg' : null;
if (!has('espeak-ng') || !encoder) {
  console.error('npm run voice needs espeak-ng and opusenc (or ffmpeg). On Debian/Ubuntu:\n  apt-get install -y espeak-ng opus-tools');
  process.exit(1);
}

// --- WAV in and out (16-bit PCM mono)
interface Pcm {
  rate: number;
  samples: Float32Array;
}

function readWav(buf: Buffer): Pcm {
  if (buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE') throw new Error('not a WAV file');
  let off = 12;
  let rate = 0;
  let channels = 1;
  let bits = 16;
  while (off + 8 <= buf.length) {
    const id = buf.toString('ascii', off, off + 4);
    let size = buf.readUInt32LE(off + 4);
    const body = off + 8;
    if (id === 'fmt ') {
      channels = buf.readUInt16LE(body + 2);
      rate = buf.readUInt32LE(body + 4);
      bits = buf.readUInt16LE(body + 14);
    } else if (id === 'data') {
      if (bits !== 16) throw new Error(`expected 16-bit PCM, got ${bits}-bit`);
      // espeak-ng may leave the size open when it streams: take what is there.
      if (size === 0 || body + size > buf.length) size = buf.length - body;
      const frames = Math.floor(size / 2 / channels);
      const samples = new Float32Array(frames);
      for (let i = 0; i < frames; i++) samples[i] = buf.readInt16LE(body + i * 2 * channels) / 32768;
      return { rate, samples };
    }
    off = body + size + (size % 2);
  }
  throw new Error('WAV without a data chunk');
}

function writeWav(pcm: Pcm): Buffer {
  const n = pcm.samples.length;
  const buf = Buffer.alloc(44 + n * 2);
  buf.write('RIFF', 0, 'ascii');
  buf.writeUInt32LE(36 + n * 2, 4);
  buf.write('WAVE', 8, 'ascii');
  buf.write('fmt ', 12, 'ascii');
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20); // PCM
  buf.writeUInt16LE(1, 22); // mono
  buf.writeUInt32LE(pcm.rate, 24);
  buf.writeUInt32LE(pcm.rate * 2, 28);
  buf.writeUInt16LE(2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write('data', 36, 'ascii');
  buf.writeUInt32LE(n * 2, 40);
  for (let i = 0; i < n; i++) buf.writeInt16LE(Math.round(Math.max(-1, Math.min(1, pcm.samples[i]!)) * 32767), 44 + i * 2);
  return buf;
}

/** Cuts the silence around the speech, normalises the peak and fades both ends. */
function tidy(pcm: Pcm, { peak = 0.89, leadMs = 5, tailMs = 15, fadeMs = 6 } = {}): Pcm {
  const s = pcm.samples;
  let max = 0;
  for (const x of s) max = Math.max(max, Math.abs(x));
  if (max === 0) return pcm;
  const thr = Math.max(max * 0.04, 0.004);
  let first = 0;
  while (first < s.length && Math.abs(s[first]!) < thr) first++;
  let last = s.length - 1;
  while (last > first && Math.abs(s[last]!) < thr) last--;
  const start = Math.max(0, first - Math.round((leadMs / 1000) * pcm.rate));
  const end = Math.min(s.length, last + 1 + Math.round((tailMs / 1000) * pcm.rate));
  const out = s.slice(start, end);
  const gain = peak / max;
  const fade = Math.round((fadeMs / 1000) * pcm.rate);
  for (let i = 0; i < out.length; i++) {
    let g = gain;
    if (i < fade) g *= i / fade;
    if (i >= out.length - fade) g *= (out.length - 1 - i) / fade;
    out[i] = out[i]! * g;
  }
  return { rate: pcm.rate, samples: out };
}

/** A soft two-tone chime ("ding-dong": E5 then C5), sines with a little of the octave, bell-like decay. */
function chime(rate = 48_000): Pcm {
  const notes = [
    { f: 659.25, at: 0 },
    { f: 523.25, at: 0.45 },
  ];
  const total = 1.9;
  const s = new Float32Array(Math.round(total * rate));
  for (const { f, at } of notes) {
    const from = Math.round(at * rate);
    for (let i = from; i < s.length; i++) {
      const t = (i - from) / rate;
      const attack = Math.min(1, t / 0.006);
      const body = Math.sin(2 * Math.PI * f * t) * Math.exp(-t / 0.55);
      const octave = 0.28 * Math.sin(2 * Math.PI * 2 * f * t) * Math.exp(-t / 0.18);
      const fifth = 0.08 * Math.sin(2 * Math.PI * 3 * f * t) * Math.exp(-t / 0.09);
      s[i] = s[i]! + attack * (body + octave + fifth);
    }
  }
  let max = 0;
  for (const x of s) max = Math.max(max, Math.abs(x));
  const fade = Math.round(0.15 * rate);
  for (let i = 0; i < s.length; i++) {
    let g = 0.8 / max;
    if (i >= s.length - fade) g *= (s.length - 1 - i) / fade;
    s[i] = s[i]! * g;
  }
  return { rate, samples: s };
}

function speak(spec: ClipSpec, wavPath: string): Pcm {
  const voice = spec.lang === 'ar' ? args['voice-ar']! : args['voice-en']!;
  const speed = spec.wpm !== undefined ? String(spec.wpm) : spec.lang === 'ar' ? args['speed-ar']! : args['speed-en']!;
  execFileSync('espeak-ng', ['-v', voice, '-s', speed, '-w', wavPath, spec.text], { stdio: ['ignore', 'ignore', 'inherit'] });
  return tidy(readWav(readFileSync(wavPath)));
}

/** A stable Ogg serial per clip, so the same input gives the same bytes (clean diffs). */
function serialOf(name: string): number {
  return createHash('sha256').update(name).digest().readUInt32LE(0) & 0x7fffffff;
}

function encode(wav: string, out: string, name: string, kbps: number) {
  if (encoder === 'opusenc') {
    execFileSync('opusenc', [
      '--quiet',
      '--bitrate',
      String(kbps),
      name === 'chime' ? '--music' : '--speech',
      '--comp',
      '10',
      '--padding',
      '0',
      '--serial',
      String(serialOf(name)),
      wav,
      out,
    ]);
  } else {
    execFileSync('ffmpeg', [
      '-loglevel',
      'error',
      '-y',
      '-i',
      wav,
      '-c:a',
      'libopus',
      '-b:a',
      `${kbps}k`,
      '-application',
      name === 'chime' ? 'audio' : 'voip',
      '-map_metadata',
      '-1',
      out,
    ]);
  }
}

interface ManifestEntry {
  file: string;
  lang: string | null;
  text: string;
  ms: number;
  bytes: number;
}

const catalogue = [...clipCatalogue(), ...kioskCatalogue()];
const only = args.only ? new Set(args.only.split(',').map((s) => s.trim())) : null;
if (only) for (const n of only) if (!catalogue.some((c) => c.name === n)) console.warn(`unknown clip: ${n}`);
mkdirSync(OUT, { recursive: true });
const tmp = mkdtempSync(join(tmpdir(), 'dor-voice-'));
const manifestPath = join(OUT, '..', 'manifest.json');
const previous: Record<string, ManifestEntry> = existsSync(manifestPath)
  ? (JSON.parse(readFileSync(manifestPath, 'utf8')) as { clips: Record<string, ManifestEntry> }).clips
  : {};
const clips: Record<string, ManifestEntry> = {};
let made = 0;
try {
  for (const spec of catalogue) {
    const file = `${spec.name}.${EXT}`;
    const out = join(OUT, file);
    const skip = (only && !only.has(spec.name)) || (args['missing-only'] && existsSync(out));
    if (skip && existsSync(out)) {
      clips[spec.name] = { ...(previous[spec.name] ?? { file, lang: spec.lang, text: spec.text, ms: 0 }), bytes: statSync(out).size };
      continue;
    }
    const wav = join(tmp, `${spec.name}.wav`);
    const pcm = spec.name === 'chime' ? chime() : speak(spec, join(tmp, `${spec.name}.raw.wav`));
    writeFileSync(wav, writeWav(pcm));
    encode(wav, out, spec.name, spec.name === 'chime' ? 32 : Number(args.bitrate));
    const ms = Math.round((pcm.samples.length / pcm.rate) * 1000);
    clips[spec.name] = { file, lang: spec.lang, text: spec.text, ms, bytes: statSync(out).size };
    made++;
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

// Files in clips/ that the catalogue does not name are reported, never deleted (they may be a
// hall's own recordings of a clip we no longer use).
const known = new Set(Object.values(clips).map((c) => c.file));
const strays = readdirSync(OUT).filter((f) => !known.has(f));
const total = Object.values(clips).reduce((a, c) => a + c.bytes, 0);
const manifest = {
  about:
    "The display board's voice clips (display-ui/voice/README.md). Made by `npm run voice`; a hall may replace any file with a recording under the same name.",
  format: 'audio/ogg; codecs=opus',
  voices: { ar: `espeak-ng ${args['voice-ar']} @${args['speed-ar']} wpm`, en: `espeak-ng ${args['voice-en']} @${args['speed-en']} wpm` },
  totalBytes: total,
  clips,
};
writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`${made} clip(s) made, ${Object.keys(clips).length} in the set, ${(total / 1024).toFixed(1)} KiB in all → ${OUT}`);
if (strays.length) console.log(`not in the catalogue (left alone): ${strays.map((f) => basename(f)).join(', ')}`);
