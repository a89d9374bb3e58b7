/**
 * Other users while an in-app import runs (issue 13, defect 2): the local gateway over the
 * embedded store, an admin's `import.run` of a 20k-row workbook (IMPORT_WHOAMI_ROWS to change;
 * 199900 with the 单位 sheet's rows is the largest an import accepts, files/limits.ts),
 * and meanwhile a `me.whoami` from another user every 50 ms, each timed from request to answer.
 * Prints p50/p95 idle and during the import, and the import's own time. Target: p95 < 200 ms.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { uploadPath } from '../../types/files';
import { latencyLine, percentile, startGateway, type BenchSection } from './common';
import { writeLedgerFiles } from './40-import';

const ROWS = Number(process.env.IMPORT_WHOAMI_ROWS ?? 20_000);
const EVERY_MS = 50;
const TARGET_P95_MS = 200;

export const section: BenchSection = {
  name: 'import-whoami',
  title: `me.whoami every ${EVERY_MS} ms while the app imports ${ROWS / 1000}k rows (embedded store, in-process gateway)`,
  byDefault: false,
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-bench-whoami-'));
    const gw = await startGateway(0);
    try {
      await writeLedgerFiles(dir, ROWS);
      const bytes = fs.readFileSync(path.join(dir, '台账.xlsx'));
      const { fileId } = await gw.deps.files.put(uploadPath('台账.xlsx'), bytes);
      // whoami on its own connection (gw.call's single socket would queue it behind the import's request).
      const base = await gw.call('me', 'whoami', {});
      if (!base.ok) throw new Error(`whoami: ${base.error.message}`);
      const whoami = async (): Promise<number> => {
        const t0 = performance.now();
        const res = await fetch(`http://127.0.0.1:${gw.port}/fn/me`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-demo-user': 'demo-mediator' },
          body: JSON.stringify({ action: 'whoami', payload: {} }),
        });
        const body = (await res.json()) as { ok: boolean };
        if (!body.ok) throw new Error('whoami refused');
        return performance.now() - t0;
      };
      const sample = async (until: () => boolean): Promise<number[]> => {
        const out: Promise<number>[] = [];
        while (!until()) {
          out.push(whoami());
          await new Promise((resolve) => setTimeout(resolve, EVERY_MS));
        }
        return Promise.all(out);
      };

      const idleEnd = Date.now() + 2000;
      const idle = await sample(() => Date.now() > idleEnd);
      let finished = false;
      const t0 = Date.now();
      const run = gw.call<{ sheets: { sheet: string; created: number }[] }>('import', 'run', { fileId, name: '台账.xlsx' }, 'demo-admin').finally(() => (finished = true));
      const during = await sample(() => finished);
      const result = await run;
      const importS = (Date.now() - t0) / 1000;
      if (!result.ok) throw new Error(`import: ${result.error.message}`);
      const created = result.data.sheets.find((s) => s.sheet === '矛盾纠纷')?.created;
      console.log(`  import of ${ROWS} rows: ${importS.toFixed(1)} s (${created} created), ${os.cpus().length} CPUs`);
      console.log(`  whoami idle           ${latencyLine(idle, [50, 95])}`);
      console.log(`  whoami during import  ${latencyLine(during, [50, 95])}`);
      // By quarter of the import: whether the wait grows as the import goes on.
      const q = Math.ceil(during.length / 4);
      for (let i = 0; i < 4; i++) console.log(`    quarter ${i + 1}            ${latencyLine(during.slice(i * q, (i + 1) * q), [50, 95])}`);
      // Idle again, over the imported rows: what the store's size alone costs a whoami.
      const afterEnd = Date.now() + 2000;
      console.log(`  whoami after import   ${latencyLine(await sample(() => Date.now() > afterEnd), [50, 95])}`);
      const p95 = percentile([...during].sort((a, b) => a - b), 95);
      console.log(`  p95 during import ${p95.toFixed(0)} ms: ${p95 < TARGET_P95_MS ? 'under' : 'OVER'} the ${TARGET_P95_MS} ms target`);
    } finally {
      await gw.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
