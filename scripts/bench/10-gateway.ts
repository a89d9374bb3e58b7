/**
 * Dispute save latency through the local gateway (HTTP + JSON + function + embedded
 * store with a synchronous fsync per commit), one client calling sequentially.
 */
import type { Dispute } from '../../types/dispute';
import { invoke } from '../../cloudfunctions/core/platform/runtime';
import { functions } from '../../cloudfunctions/registry';
import { benchCase } from './case';
import { dataOf, elapsedMs, latencyLine, startGateway, type BenchSection } from './common';

const SEED_CASES = 50;
const WARMUP = 50;
const CREATES = 500;
const EDITS = 200;
const DIRECT = 200;

export const section: BenchSection = {
  name: 'gateway',
  title: `dispute save through the local gateway (embedded store, ${SEED_CASES} demo cases, keep-alive, sequential)`,
  async run() {
    const t0 = Date.now();
    const gw = await startGateway(SEED_CASES);
    console.log(`  store ${gw.dataDir} seeded in ${Date.now() - t0} ms`);
    const run = `${Date.now().toString(36)}`;
    try {
      for (let i = 0; i < WARMUP; i++) {
        dataOf(await gw.call('dispute', 'save', benchCase(`warm-${run}-${i}`, 1000 + i)), 'warm-up save');
      }

      const created: Dispute[] = [];
      const createMs: number[] = [];
      const wall = Date.now();
      for (let i = 0; i < CREATES; i++) {
        const start = process.hrtime.bigint();
        const res = await gw.call<Dispute>('dispute', 'save', benchCase(`bench-${run}-${i}`, 10_000 + i));
        createMs.push(elapsedMs(start));
        created.push(dataOf(res, 'create'));
      }
      const createWall = Date.now() - wall;
      console.log(`  create  ${latencyLine(createMs)}`);
      console.log(`          ${(CREATES / (createWall / 1000)).toFixed(0)} saves/s sequential`);

      const editMs: number[] = [];
      for (let i = 0; i < EDITS; i++) {
        const d = created[i];
        const payload = { ...benchCase(d._id, d.amountFen + 1), baseVersion: d.version };
        const start = process.hrtime.bigint();
        const res = await gw.call<Dispute>('dispute', 'save', payload);
        editMs.push(elapsedMs(start));
        const edited = dataOf(res, 'edit');
        if (edited.version !== d.version + 1) throw new Error(`edit of ${d._id} gave version ${edited.version}`);
      }
      console.log(`  edit    ${latencyLine(editMs)}`);

      // The same save without HTTP, to separate the gateway's share from the function's.
      const directMs: number[] = [];
      for (let i = 0; i < DIRECT; i++) {
        const start = process.hrtime.bigint();
        const res = await invoke(functions.dispute, { action: 'save', payload: benchCase(`direct-${run}-${i}`, 20_000 + i) }, 'demo-mediator', gw.deps);
        directMs.push(elapsedMs(start));
        dataOf(res, 'direct create');
      }
      console.log(`  create, in-process invoke (no HTTP)  ${latencyLine(directMs, [50, 95])}`);
    } finally {
      await gw.close();
    }
  },
};
