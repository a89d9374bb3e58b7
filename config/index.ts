import path from 'node:path';
import { defineConfig } from '@tarojs/cli';

const root = path.resolve(__dirname, '..');

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
  plugins: [],
  copy: { patterns: [], options: {} },
  mini: {
    // types/ is the contract shared with the functions; it lives outside src.
    compile: { include: [path.join(root, 'types')] },
    postcss: { pxtransform: { enable: true, config: {} }, cssModules: { enable: false } },
    optimizeMainPackage: { enable: true },
  },
  h5: {
    publicPath: '/',
    staticDirectory: 'static',
    router: { mode: 'hash' },
    compile: { include: [path.join(root, 'types')] },
    esnextModules: [],
    postcss: { autoprefixer: { enable: true, config: {} }, cssModules: { enable: false } },
  },
}));
