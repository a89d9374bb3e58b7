import path from 'node:path';
import { defineConfig } from '@tarojs/cli';

const root = path.resolve(__dirname, '..');

/**
 * `TARO_APP_*` from the shell, inlined into the app at build time. Taro inlines them only from
 * .env files (it has already merged those into process.env here, the shell winning), and the
 * WeChat runtime has no `process`: a reference left in the bundle throws there. The cloud env
 * is always defined, '' when unset, so the app then inits CloudBase's default environment.
 */
function appEnv(): Record<string, string> {
  const vars = { TARO_APP_CLOUD_ENV: '', ...process.env };
  return Object.fromEntries(
    Object.entries(vars)
      .filter(([k]) => k.startsWith('TARO_APP_'))
      .map(([k, v]) => [k, JSON.stringify(v ?? '')]),
  );
}

/** Taro build config (webpack5 runner, React). Output: dist/weapp and dist/h5. */
export default defineConfig(() => ({
  projectName: 'fazhi-ledger',
  date: '2026-11-28',
  designWidth: 750,
  deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
  sourceRoot: 'src',
  outputRoot: `dist/${process.env.TARO_ENV}`,
  framework: 'react',
  compiler: 'webpack5',
  cache: { enable: false },
  env: appEnv(),
  plugins: [path.join(__dirname, 'weapp-project.ts')],
  copy: { patterns: [], options: {} },
  mini: {
    // types/ is the contract shared with the functions; it lives outside src. valibot and nanoid
    // ship ES2020 (`?.`, `??`, `let`), which older WeChat clients cannot parse (es6 is off in
    // project.config.json): they go through Babel to the ES5 the rest of the bundle is.
    // test/weapp/boot.test.ts parses every built file as ES5 and names any other package.
    // (A predicate, not a RegExp: Taro's config check accepts only strings and functions.)
    compile: { include: [path.join(root, 'types'), (file: string) => /node_modules[\\/](valibot|nanoid)[\\/]/.test(file)] },
    postcss: { pxtransform: { enable: true, config: {} }, cssModules: { enable: false }, [path.join(__dirname, 'rem-sizes.js')]: { enable: true } },
    optimizeMainPackage: { enable: true },
  },
  h5: {
    publicPath: '/',
    staticDirectory: 'static',
    router: { mode: 'hash' },
    compile: { include: [path.join(root, 'types')] },
    esnextModules: [],
    postcss: { autoprefixer: { enable: true, config: {} }, cssModules: { enable: false } },
    // Taro splits only the chunks loaded at start, but each page is a chunk loaded on demand:
    // every page carried its own copy of valibot, types/ and the services. What two or more
    // pages use goes into one `shared` chunk instead (`npm run bench -- h5` counts the copies).
    webpackChain(chain) {
      const split = chain.optimization.get('splitChunks');
      chain.optimization.splitChunks({
        ...split,
        cacheGroups: { ...split.cacheGroups, shared: { name: 'shared', chunks: 'async', minChunks: 2, priority: 5, reuseExistingChunk: true } },
      });
    },
  },
}));
