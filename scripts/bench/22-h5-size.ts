/**
 * The browser build's JavaScript (dist/h5, no *.map): how many files, how much in all, and how
 * many files carry their own copy of code every page uses (valibot, dayjs, types/), found by a
 * string each copy contains. One copy each is the aim: shared code in one shared chunk.
 */
import fs from 'node:fs';
import path from 'node:path';
import { kb, root, type BenchSection } from './common';

const H5 = path.join(root, 'dist', 'h5');

/** A string only that code's copy holds, as it survives minification. */
const MARKERS: [string, string][] = [
  ['valibot', '~standard'],
  ['dayjs', 'YYYY-MM-DDTHH:mm:ssZ'],
  ['types/dates', '(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])'],
];

function jsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return jsFiles(p);
    return e.name.endsWith('.js') ? [p] : [];
  });
}

export const section: BenchSection = {
  name: 'h5',
  title: 'H5 JavaScript (dist/h5, no *.map): files, total, copies of shared code',
  async run() {
    if (!fs.existsSync(path.join(H5, 'index.html'))) {
      console.log('  dist/h5 not built: run `npm run build:h5` first (the bench does not build it)');
      return;
    }
    const files = jsFiles(H5).map((f) => ({ rel: path.relative(H5, f), text: fs.readFileSync(f, 'utf8'), bytes: fs.statSync(f).size }));
    const total = files.reduce((a, f) => a + f.bytes, 0);
    console.log(`  build of ${fs.statSync(path.join(H5, 'index.html')).mtime.toISOString()}`);
    console.log(`  ${files.length} JS files, ${kb(total)} in all`);
    const largest = [...files].sort((a, b) => b.bytes - a.bytes).slice(0, 3);
    console.log(`  largest: ${largest.map((f) => `${f.rel} ${kb(f.bytes)}`).join(', ')}`);
    for (const [what, marker] of MARKERS) {
      const copies = files.filter((f) => f.text.includes(marker)).length;
      console.log(`  ${what.padEnd(12)} in ${copies} file${copies === 1 ? '' : 's'}`);
    }
  },
};
