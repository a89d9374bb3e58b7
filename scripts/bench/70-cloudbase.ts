/**
 * Many CloudBase function instances saving at once (test/cloudbase/instances.ts), each request
 * 5–25 ms away on the stand-in: how often a transaction attempt meets a write conflict, and the
 * saves' latency. With one rollup document per unit × period every save of the district
 * serialises on the district's documents; the adapter's shards spread them.
 */
import { concurrentSaves, seedDistrict } from '../../test/cloudbase/instances';
import { CloudbaseStandIn, installStandIn } from '../../test/cloudbase/standin';
import { latencyLine, type BenchSection } from './common';

async function burst(saves: number, shards: number | undefined): Promise<void> {
  const standin = new CloudbaseStandIn();
  const uninstall = installStandIn(standin);
  // A save that fails is counted below; the function's own log line for each would drown the figures.
  const logError = console.error;
  console.error = () => undefined;
  try {
    await seedDistrict(standin);
    standin.latencyMs = [5, 25];
    const commitsBefore = standin.stats.commits;
    const conflictsBefore = standin.stats.conflicts;
    const { answers, ms } = await concurrentSaves(saves, `bench${saves}`, shards);
    const commits = standin.stats.commits - commitsBefore;
    const conflicts = standin.stats.conflicts - conflictsBefore;
    const acked = answers.filter((a) => a.ok).length;
    const label = shards === undefined ? 'adapter default' : `${shards} shard${shards === 1 ? '' : 's'}`;
    console.log(
      `  ${String(saves).padStart(3)} at once, ${label.padEnd(16)} acknowledged ${acked}/${saves}, ` +
        `conflicts ${conflicts} (${(conflicts / Math.max(1, commits + conflicts) * 100).toFixed(0)}% of attempts)  ${latencyLine(ms, [50, 95])}`,
    );
  } finally {
    console.error = logError;
    uninstall();
  }
}

export const section: BenchSection = {
  name: 'cloudbase',
  title: 'concurrent saves through separate function instances, stand-in at 5–25 ms per request',
  async run() {
    for (const saves of [10, 20, 50]) await burst(saves, undefined);
    await burst(50, 1);
    await burst(50, 64);
  },
};
