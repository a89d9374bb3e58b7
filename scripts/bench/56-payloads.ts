/**
 * Hostile payloads (issue 13 defects 7 and 10): what 10,000 distinct `skip` values cost the
 * embedded store in memory (each was a statement of its own, cached for good: +81 MB before
 * skip and limit were bound), and what the gateway's nesting scan costs on a large body it lets
 * through (the scan runs before JSON.parse on every call's body).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Doc } from '../../cloudfunctions/core/platform/port';
import { openEmbedded } from '../../cloudfunctions/core/platform/adapters/embedded';
import { nestsDeeperThan } from '../gateway';
import { elapsedMs, type BenchSection } from './common';

const DISTINCT = 10_000;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export const section: BenchSection = {
  name: 'payloads',
  title: `memory for ${DISTINCT.toLocaleString('en')} distinct skip values; the nesting scan on a 2 MB body`,
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-bench-paging-'));
    const store = openEmbedded(dir);
    try {
      for (let n = 0; n < 200; n++) await store.set('disputes', { _id: `d${String(n).padStart(4, '0')}`, n } as Doc);
      const page = (skip: number) => store.find('disputes', {}, { sort: { n: 1 }, skip, limit: 20 });
      await page(0);
      global.gc?.();
      const before = process.memoryUsage().rss;
      const start = process.hrtime.bigint();
      for (let skip = 1; skip <= DISTINCT; skip++) await page(skip);
      const ms = elapsedMs(start);
      global.gc?.();
      const after = process.memoryUsage().rss;
      console.log(`  ${DISTINCT} pages at distinct skips: rss ${mb(before)} → ${mb(after)} (${mb(after - before)}), ${(ms / DISTINCT).toFixed(3)} ms a page`);
    } finally {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const body = JSON.stringify({ action: 'save', payload: { rows: Array.from({ length: 60_000 }, (_, i) => ({ i, text: `第${i}行 "[{" ok` })) } });
    const start = process.hrtime.bigint();
    const deep = nestsDeeperThan(body, 64);
    const scan = elapsedMs(start);
    const t1 = process.hrtime.bigint();
    JSON.parse(body);
    console.log(`  nesting scan of ${mb(body.length)} (deeper than 64: ${deep}): ${scan.toFixed(1)} ms; JSON.parse of it ${elapsedMs(t1).toFixed(1)} ms`);
    const refused = `{"payload":${'['.repeat(3_000_000)}${']'.repeat(3_000_000)}}`;
    const t2 = process.hrtime.bigint();
    nestsDeeperThan(refused, 64);
    console.log(`  a 3,000,000-deep body refused by the scan in ${elapsedMs(t2).toFixed(3)} ms (JSON.parse of it held the process 1.4 s)`);
  },
};
