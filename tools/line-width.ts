// Biome's formatter wraps code at the configured width but never splits a string or a comment, so this
// check (part of `npm run lint`) finds the lines it leaves over that width. Generated files are skipped.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const width: number = JSON.parse(readFileSync('biome.json', 'utf8')).formatter.lineWidth;
const GENERATED = [/^docs\//, /^db\/migrations\//, /^display-ui\/voice\/manifest\.json$/, /package-lock\.json$/];

const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.ts', '*.tsx', '*.css', '*.html'], { encoding: 'utf8' })
  .split('\n')
  .filter((f) => f && !GENERATED.some((re) => re.test(f)));

const long: string[] = [];
for (const file of files) {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    continue; // listed by git but deleted in the work tree
  }
  text.split('\n').forEach((line, i) => {
    // Columns as Biome counts them: characters, not UTF-16 units or bytes, and Arabic vowel marks (combining) take none.
    const columns = [...line.replace(/\p{Mn}/gu, '')].length;
    if (columns > width) long.push(`${file}:${i + 1}: ${columns} columns`);
  });
}

if (long.length) {
  console.error(`${long.length} line(s) over ${width} columns:\n${long.join('\n')}`);
  process.exit(1);
}
console.log(`line width: ${files.length} files, no line over ${width} columns`);
