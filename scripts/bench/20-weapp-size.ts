/** The WeChat package sizes as uploaded: dist/weapp without source maps, main vs subpackages. */
import fs from 'node:fs';
import path from 'node:path';
import { kb, root, type BenchSection } from './common';

const WEAPP = path.join(root, 'dist', 'weapp');
/** WeChat's limit per package (main or sub). */
const LIMIT = 2 * 1024 * 1024;
/** Devtools config Taro writes into the output; not code, left out of the figures. */
const NOT_PACKAGE = new Set(['project.config.json', 'project.private.config.json']);

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : [p];
  });
}

export const section: BenchSection = {
  name: 'weapp',
  title: 'weapp package size (dist/weapp, no *.map)',
  async run() {
    const appJson = path.join(WEAPP, 'app.json');
    if (!fs.existsSync(appJson)) {
      console.log('  dist/weapp not built: run `npm run build:weapp` first (the bench does not build it)');
      return;
    }
    const app = JSON.parse(fs.readFileSync(appJson, 'utf8')) as {
      subPackages?: { root: string }[];
      subpackages?: { root: string }[];
    };
    const roots = [...(app.subPackages ?? []), ...(app.subpackages ?? [])].map((s) => s.root.replace(/^\/+|\/+$/g, ''));
    const sub = new Map(roots.map((r) => [r, { bytes: 0, files: 0 }]));
    const main = { bytes: 0, files: 0 };
    let maps = 0;
    for (const file of files(WEAPP)) {
      const rel = path.relative(WEAPP, file).split(path.sep).join('/');
      if (rel.endsWith('.map')) {
        maps += fs.statSync(file).size;
        continue;
      }
      if (NOT_PACKAGE.has(rel)) continue;
      const owner = roots.find((r) => rel === r || rel.startsWith(`${r}/`));
      const bucket = owner ? sub.get(owner)! : main;
      bucket.bytes += fs.statSync(file).size;
      bucket.files++;
    }
    const built = fs.statSync(appJson).mtime.toISOString();
    console.log(`  build of ${built}`);
    console.log(`  main package  ${kb(main.bytes).padStart(10)}  ${String(main.files).padStart(4)} files  (${((main.bytes / LIMIT) * 100).toFixed(1)}% of 2048 KB)`);
    for (const [r, s] of sub) {
      console.log(`  sub ${r.padEnd(20)} ${kb(s.bytes).padStart(10)}  ${String(s.files).padStart(4)} files`);
    }
    const total = main.bytes + [...sub.values()].reduce((a, s) => a + s.bytes, 0);
    console.log(`  all packages  ${kb(total).padStart(10)}  (source maps, not counted: ${kb(maps)})`);
  },
};
