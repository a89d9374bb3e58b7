/**
 * `npm run build:functions`: bundles each deployable function into
 * dist/functions/<name>/index.js (CommonJS, Node 16, everything inlined except the
 * CloudBase SDK, which the platform installs from the function's package.json).
 *
 * Checks, failing the build: no bundle reaches the embedded adapter (better-sqlite3,
 * mingo), and each bundle loads in Node and exports `main` as a function.
 *
 * Also writes dist/functions/cloudbaserc.json, the CloudBase CLI's deploy configuration:
 * runtime, memory and, above all, each function's time limit (the platform's default is 3 s).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { FUNCTION_NAMES, FUNCTION_TIME_LIMIT_S, type FunctionName } from '../types/api';
import { pushTemplatesOf } from '../cloudfunctions/core/platform/adapters/notify-wechat';

const root = path.resolve(__dirname, '..');
const outRoot = path.join(root, 'dist', 'functions');

/** Left to the platform: installed from each function's package.json at deploy time. */
const EXTERNAL = ['@cloudbase/node-sdk'];
const RUNTIME = 'Nodejs16.13';

/** Local-only engines: if a bundle reaches these, the embedded adapter leaked into a function. */
const FORBIDDEN = ['better-sqlite3', 'mingo'];

const rootPkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
};

/** The exact version we develop against, so the cloud installs the same one. */
function exactVersion(pkg: string): string {
  const range = rootPkg.dependencies[pkg];
  if (!range) throw new Error(`${pkg} is not in package.json dependencies`);
  const installed = JSON.parse(
    fs.readFileSync(require.resolve(`${pkg}/package.json`, { paths: [root] }), 'utf8'),
  ) as { version: string };
  if (!/^\d+\.\d+\.\d+$/.test(range)) {
    console.warn(`  warning: ${pkg} is "${range}" in package.json, not an exact version; pinning the installed ${installed.version}`);
    return installed.version;
  }
  if (installed.version !== range) {
    throw new Error(`${pkg}: package.json pins ${range} but node_modules has ${installed.version}; run npm install`);
  }
  return range;
}

/** Shortest import chain from the entry to the first input whose path mentions `needle`. */
function importChain(meta: Metafile, entry: string, needle: (p: string) => boolean): string[] | null {
  const prev = new Map<string, string | null>([[entry, null]]);
  const queue = [entry];
  while (queue.length) {
    const cur = queue.shift()!;
    if (needle(cur)) {
      const chain: string[] = [];
      for (let p: string | null = cur; p !== null; p = prev.get(p) ?? null) chain.unshift(p);
      return chain;
    }
    for (const imp of meta.inputs[cur]?.imports ?? []) {
      if (!prev.has(imp.path)) {
        prev.set(imp.path, cur);
        queue.push(imp.path);
      }
    }
  }
  return null;
}

const mentions = (pkg: string) => (p: string) =>
  p === pkg || p.startsWith(`${pkg}/`) || p.includes(`node_modules/${pkg}/`);

/**
 * Built-ins newer than Node 16 that esbuild does not polyfill: a bundle using one
 * would load here (Node 20) and fail on a Node 16 runtime.
 */
const NEWER_THAN_NODE16 = [
  /\bstructuredClone\s*\(/,
  /\.findLast(Index)?\s*\(/,
  /\.toSorted\s*\(/,
  /\.toReversed\s*\(/,
  /\.toSpliced\s*\(/,
  /\bArray\.fromAsync\b/,
  /\bObject\.groupBy\b/,
];

async function buildOne(name: string, sdkVersion: string): Promise<{ bytes: number; warnings: string[] }> {
  const entry = path.join('cloudfunctions', name, 'index.ts');
  const outDir = path.join(outRoot, name);
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  const outfile = path.join(outDir, 'index.js');

  const result = await build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node16',
    format: 'cjs',
    external: EXTERNAL,
    minify: false,
    sourcemap: false,
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
  });

  const meta = result.metafile;
  for (const pkg of FORBIDDEN) {
    const chain = importChain(meta, entry, mentions(pkg));
    const external = Object.values(meta.inputs).some((i) => i.imports.some((imp) => imp.external && mentions(pkg)(imp.path)));
    if (chain || external) {
      throw new Error(`${name}: bundle reaches ${pkg}${chain ? ` via\n    ${chain.join('\n    -> ')}` : ' (as an external import)'}`);
    }
  }
  const code = fs.readFileSync(outfile, 'utf8');
  for (const pkg of FORBIDDEN) {
    if (code.includes(`require("${pkg}")`) || code.includes(`node_modules/${pkg}/`)) {
      throw new Error(`${name}: bundle text mentions ${pkg}`);
    }
  }
  const warnings = NEWER_THAN_NODE16.filter((re) => re.test(code)).map((re) => `uses ${re.source} (newer than Node 16)`);

  const pkgJson = {
    name: `fazhi-fn-${name}`,
    version: '1.0.0',
    private: true,
    main: 'index.js',
    dependencies: Object.fromEntries(EXTERNAL.map((p) => [p, sdkVersion])),
  };
  fs.writeFileSync(path.join(outDir, 'package.json'), `${JSON.stringify(pkgJson, null, 2)}\n`);

  return { bytes: fs.statSync(outfile).size, warnings };
}

/**
 * Loads each bundle in a child Node process so a bundle's module-level side effects
 * (or a failure to load) cannot affect the build. dist/functions sits inside the repo,
 * so `@cloudbase/node-sdk` resolves from the repo's node_modules, standing in for the
 * copy the platform installs from each function's package.json.
 */
function loadCheck(names: readonly string[]): void {
  const script = `
    const path = require('node:path');
    const bad = [];
    for (const name of ${JSON.stringify(names)}) {
      try {
        const mod = require(path.join(${JSON.stringify(outRoot)}, name, 'index.js'));
        if (typeof mod.main !== 'function') bad.push(name + ': main is ' + typeof mod.main);
      } catch (err) {
        bad.push(name + ': ' + (err && err.message));
      }
    }
    if (bad.length) { console.error(bad.join('\\n')); process.exit(1); }
  `;
  const r = spawnSync(process.execPath, ['-e', script], {
    cwd: outRoot,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`load check failed:\n${r.stderr || r.stdout}`);
}

/**
 * Memory per instance (MB; the platform's default is 256). Measured in Node 16.13 by
 * test/functions/bundles.test.ts: 60–70 MB for the small functions, report export 81 MB and a
 * 1,000-row import 98 MB at peak. The long jobs grow with the district: a workbook and its parsed
 * rows (import, exports), every record of a district (the rollup check).
 */
const MEMORY_MB: Record<FunctionName, number> = {
  me: 256, dispute: 256, person: 256, training: 256, publicity: 256, settings: 256, account: 256, reporting: 256,
  rollup: 512, report: 512, import: 512,
  // A move holds one batch of records at a time.
  org: 256,
};

/**
 * The CloudBase CLI's deploy configuration, `cloudbaserc.json` in dist/functions/, in its flat
 * form (CLI ≥ 0.6.0: the function's settings beside its name, no nested `config`). `tcb fn
 * deploy` there with no name deploys every function listed.
 */
const PUSHING: readonly string[] = ['reporting', 'dispute'];

export function deployConfig(envId?: string, pushTemplates = process.env.FAZHI_PUSH_TEMPLATES) {
  // Checked here, so a typo fails the deploy rather than the first reminder.
  if (pushTemplates) pushTemplatesOf(pushTemplates);
  return {
    ...(envId ? { envId } : {}),
    functionRoot: '.',
    functions: FUNCTION_NAMES.map((name) => ({
      name,
      timeout: FUNCTION_TIME_LIMIT_S[name],
      memorySize: MEMORY_MB[name],
      runtime: RUNTIME,
      installDependency: true,
      handler: 'index.main',
      // The 订阅消息 templates, for the functions that push: 提醒报送 (reporting), a 重大/群体性 case (dispute).
      ...(PUSHING.includes(name) && pushTemplates ? { envVariables: { FAZHI_PUSH_TEMPLATES: pushTemplates } } : {}),
    })),
  };
}

export const FUNCTIONS_DIR = outRoot;

export function writeDeployConfig(envId?: string): string {
  const file = path.join(outRoot, 'cloudbaserc.json');
  fs.writeFileSync(file, `${JSON.stringify(deployConfig(envId), null, 2)}\n`);
  return file;
}

async function main(): Promise<void> {
  const sdkVersion = exactVersion('@cloudbase/node-sdk');
  fs.mkdirSync(outRoot, { recursive: true });
  console.log(`Bundling ${FUNCTION_NAMES.length} functions into ${path.relative(root, outRoot)}/ (node16, cjs, external @cloudbase/node-sdk@${sdkVersion})`);
  let total = 0;
  for (const name of FUNCTION_NAMES) {
    const { bytes, warnings } = await buildOne(name, sdkVersion);
    total += bytes;
    console.log(`  ${name.padEnd(10)} ${(bytes / 1024).toFixed(1).padStart(7)} KB  index.js`);
    for (const w of warnings) console.warn(`    warning: ${w}`);
  }
  loadCheck(FUNCTION_NAMES);
  writeDeployConfig(process.env.TARO_APP_CLOUD_ENV || undefined);
  console.log(`  ${'total'.padEnd(10)} ${(total / 1024).toFixed(1).padStart(7)} KB`);
  console.log(`OK: no bundle reaches ${FORBIDDEN.join(' or ')}; each loads in Node ${process.versions.node} and exports main()`);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
