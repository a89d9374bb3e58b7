/**
 * Crash safety (`npm run bench -- crash`): `npm start`'s own process (scripts/start.ts) over a
 * temporary DATA_DIR, under write load from several clients, killed with SIGKILL at a random
 * moment and restarted, 5 times. Each client creates and edits its own cases through /fn; a write
 * that got no answer is sent again, same record id, same content, until it is answered, as the
 * app's outbox does. After each kill, before the restart: `npm run recount -- --check` on the
 * store as the crash left it, and every acknowledged write in the store as acknowledged. Last, a
 * restart lets the clients' unanswered writes through and the same checks run once more.
 * SIGKILL is a process crash: what the process handed the OS stays, so power loss is not tested.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { ApiResult } from '../../types/api';
import type { Dispute, DisputeInput } from '../../types/dispute';
import { C } from '../../cloudfunctions/core/platform/port';
import { openLocal } from '../local';
import { benchCase } from './case';
import { root, type BenchSection } from './common';

const CYCLES = 5;
const CLIENTS = 4;
/** How long the load runs before the kill: a random moment in this range (ms). */
const KILL_WINDOW: [number, number] = [800, 4000];
/** Of a client's writes, this share edits one of its cases (amount and outcome change: the rollups move). */
const EDIT_SHARE = 0.3;

type Write = DisputeInput & { baseVersion?: number };

/** What one client has been answered for each of its cases, and the write it is still waiting on. */
class Client {
  readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  readonly acked = new Map<string, { amountFen: number; version: number }>();
  pending: Write | undefined;
  acknowledged = 0;
  resent = 0;
  private serial = 0;

  constructor(readonly name: string) {}

  next(): Write {
    const own = [...this.acked.keys()];
    if (own.length && Math.random() < EDIT_SHARE) {
      const id = own[Math.floor(Math.random() * own.length)];
      const was = this.acked.get(id)!;
      return { ...benchCase(id, was.amountFen + 100, '压测案件(已改)'), outcome: was.version % 2 ? '调解不成' : '调解成功', baseVersion: was.version };
    }
    this.serial += 1;
    return benchCase(`crash-${this.name}-${this.serial}`, 100_000 + this.serial * 100);
  }
}

function post(port: number, agent: http.Agent, payload: Write): Promise<ApiResult<Dispute>> {
  const body = JSON.stringify({ action: 'save', payload });
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1', port, path: '/fn/dispute', method: 'POST', agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-demo-user': 'demo-mediator' },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as ApiResult<Dispute>);
          } catch (err) {
            reject(err);
          }
        });
        res.on('error', reject);
        res.on('aborted', () => reject(new Error('answer cut off')));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** One run of a script of ours under Node with tsx as a loader: one process, so its pid is the one killed. */
function script(file: string, args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', file), ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

interface Server {
  child: ChildProcess;
  port: number;
}

/** `npm start` on DATA_DIR (seeding the demo when empty), answered once it says it listens. */
async function startServer(dataDir: string): Promise<Server> {
  const port = await freePort();
  const child = script('start.ts', [], { DATA_DIR: dataDir, PORT: String(port), SKIP_H5_BUILD: '1' });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    // Kept reading to the end: a full pipe would stall the server.
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('已启动')) resolve();
    });
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code, signal) => reject(new Error(`npm start ended (${code ?? signal}) before listening:\n${out.slice(-2000)}`)));
  });
  return { child, port };
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/** `npm run recount -- --check` on DATA_DIR: the differences it names (its exit code 1 when any). */
async function recountCheck(dataDir: string): Promise<number> {
  const child = script('recount.ts', ['--check'], { DATA_DIR: dataDir });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code === 0 && out.includes('汇总与原始记录一致')) return 0;
  const n = /发现 (\d+) 处不一致/.exec(out);
  if (code === 1 && n) return Number(n[1]);
  throw new Error(`recount --check ended ${code}:\n${out.slice(-2000)}`);
}

/**
 * Every acknowledged write, looked up in the store the crash left: present, with the acknowledged
 * amount (or that of the write still unanswered on the same case, which may have landed).
 */
async function acknowledgedPresent(dataDir: string, clients: Client[]): Promise<{ acknowledged: number; present: number; lost: string[] }> {
  const { store } = openLocal(dataDir);
  const lost: string[] = [];
  let acknowledged = 0;
  try {
    for (const c of clients) {
      for (const [id, want] of c.acked) {
        acknowledged++;
        const d = await store.get<Dispute>(C.disputes, id);
        const pending = c.pending?.id === id ? c.pending.amountFen : undefined;
        if (!d || d.deleted || (d.amountFen !== want.amountFen && d.amountFen !== pending) || d.version < want.version) lost.push(id);
      }
    }
  } finally {
    await store.close();
  }
  return { acknowledged, present: acknowledged - lost.length, lost };
}

export const section: BenchSection = {
  name: 'crash',
  title: `kill -9 of npm start under write load (${CLIENTS} clients resending unanswered writes), ${CYCLES} cycles, recount --check after each`,
  byDefault: false,
  async run() {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-crash-'));
    const clients = Array.from({ length: CLIENTS }, (_, i) => new Client(`c${i}`));
    let server: Server | undefined;
    // Clients whose write found no server wait for the next start.
    let up!: () => void;
    let serverUp = new Promise<void>((r) => (up = r));
    let stopping = false;

    const load = async (c: Client) => {
      while (!stopping || c.pending) {
        const write = c.pending ?? c.next();
        if (c.pending) c.resent++;
        c.pending = write;
        const port = server?.port;
        const res = port ? await post(port, c.agent, write).catch(() => undefined) : undefined;
        if (!res) {
          await serverUp;
          continue;
        }
        if (!res.ok) throw new Error(`${write.id}: refused ${res.error.code} ${res.error.message}`);
        c.acked.set(write.id, { amountFen: res.data.amountFen, version: res.data.version });
        c.acknowledged++;
        c.pending = undefined;
      }
    };

    const failures: string[] = [];
    let totalDifferences = 0;
    // Cases whose acknowledged write was missing at any check.
    const lost = new Set<string>();
    const t0 = Date.now();
    try {
      const started = Date.now();
      server = await startServer(dataDir);
      console.log(`  DATA_DIR ${dataDir}; first start with the demo seed: ${Date.now() - started} ms`);
      up();
      // A refused write ends its client; the run fails at the end, with the reason.
      const running = clients.map((c) => load(c).catch((err: Error) => void failures.push(`${c.name}: ${err.message}`)));
      for (let cycle = 1; cycle <= CYCLES + 1; cycle++) {
        const last = cycle > CYCLES;
        if (cycle > 1) {
          const s = Date.now();
          server = await startServer(dataDir);
          up();
          console.log(`  restart ${cycle - 1}: listening after ${Date.now() - s} ms`);
        }
        const before = clients.reduce((n, c) => n + c.acknowledged, 0);
        let runMs: number;
        if (last) {
          // No more new writes: each client's unanswered one goes through, then the final kill.
          stopping = true;
          const s = Date.now();
          await Promise.all(running);
          runMs = Date.now() - s;
        } else {
          runMs = Math.round(KILL_WINDOW[0] + Math.random() * (KILL_WINDOW[1] - KILL_WINDOW[0]));
          await new Promise((r) => setTimeout(r, runMs));
        }
        serverUp = new Promise<void>((r) => (up = r));
        await kill(server.child);
        const waiting = clients.filter((c) => c.pending).length;
        const differences = await recountCheck(dataDir);
        const found = await acknowledgedPresent(dataDir, clients);
        totalDifferences += differences;
        for (const id of found.lost) lost.add(id);
        const acked = clients.reduce((n, c) => n + c.acknowledged, 0);
        console.log(
          `  ${last ? 'final' : `cycle ${cycle}`}: ${last ? 'writes left unanswered sent again' : `kill -9 after ${runMs} ms`}, ` +
            `${acked - before} writes acknowledged (${Math.round(((acked - before) * 1000) / runMs)}/s), ${waiting} unanswered at the kill; ` +
            `cases (each as last acknowledged) ${found.acknowledged}, present ${found.present}, lost ${found.lost.length}; recount differences ${differences}`,
        );
        if (found.lost.length) failures.push(`cycle ${cycle}: lost ${found.lost.slice(0, 5).join(', ')}`);
        if (differences) failures.push(`cycle ${cycle}: recount found ${differences} differences`);
      }
      const acknowledged = clients.reduce((n, c) => n + c.acknowledged, 0);
      const resent = clients.reduce((n, c) => n + c.resent, 0);
      const cases = clients.reduce((n, c) => n + c.acked.size, 0);
      console.log(
        `  total: ${CYCLES} kill -9 cycles, ${acknowledged} writes acknowledged (${cases} cases created, ${acknowledged - cases} edits), ` +
          `${resent} sent again after no answer, acknowledged writes lost ${lost.size}, ` +
          `recount differences ${totalDifferences} (${((Date.now() - t0) / 1000).toFixed(1)} s)`,
      );
      if (failures.length) throw new Error(failures.join('; '));
    } finally {
      stopping = true;
      up();
      if (server) await kill(server.child);
      for (const c of clients) c.agent.destroy();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
