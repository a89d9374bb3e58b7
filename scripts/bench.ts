/**
 * `npm run bench`: prints figures, asserts nothing about timing. Each section is a
 * module in scripts/bench/, run in file-name order (hence the numeric prefixes).
 *
 *   npm run bench                  every default section
 *   npm run bench -- gateway       only the named section(s)
 *   npm run bench -- --list        the sections and whether they run by default
 *
 * A section exports `section: BenchSection` (see scripts/bench/common.ts). Sections that
 * take long (large data sets) set `byDefault: false` and run only when named.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchSection } from './bench/common';

function loadSections(): BenchSection[] {
  const dir = path.join(__dirname, 'bench');
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d+-.+\.ts$/.test(f))
    .sort()
    .map((f) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(path.join(dir, f)) as { section?: BenchSection };
      if (!mod.section) throw new Error(`scripts/bench/${f} exports no \`section\``);
      return mod.section;
    });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const sections = loadSections();
  if (args.includes('--list')) {
    for (const s of sections) console.log(`${s.name.padEnd(12)} ${s.byDefault === false ? '(only when named)' : '(default)'}  ${s.title}`);
    return;
  }
  const unknown = args.filter((a) => !sections.some((s) => s.name === a));
  if (unknown.length) {
    console.error(`unknown section(s): ${unknown.join(', ')}; known: ${sections.map((s) => s.name).join(', ')}`);
    process.exit(2);
  }
  const chosen = args.length ? sections.filter((s) => args.includes(s.name)) : sections.filter((s) => s.byDefault !== false);
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  console.log(`法治台账 bench — Node ${process.versions.node}, ${process.platform}/${process.arch}, ${os.cpus().length} CPUs, load ${load}, ${new Date().toISOString()}`);
  const started = Date.now();
  let failed = 0;
  for (const s of chosen) {
    console.log(`\n== ${s.name}: ${s.title}`);
    const t0 = Date.now();
    try {
      await s.run();
    } catch (err) {
      failed++;
      console.log(`  section failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    }
    console.log(`  (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
  console.log(`\nbench done in ${((Date.now() - started) / 1000).toFixed(1)} s${failed ? `, ${failed} section(s) failed` : ''}`);
  if (failed) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
