/**
 * The built mini-program (dist/weapp) run in a Node `vm` context shaped like WeChat's app
 * service: per-file CommonJS `require` within the package, the `wx` APIs the app touches, the
 * `App`/`Page`/`Component` constructors and `getApp`/`getCurrentPages`, and nothing of Node's
 * (no `process`, `Buffer`, `global`, `setImmediate`): reading `process` throws a ReferenceError
 * here as on a phone. (A trap on a `process` global would not do: Taro copies every global into
 * its `window` at load. A `typeof process` guard is found by boot.test.ts's source check.)
 *
 * Timers run on a virtual clock (`settle`), so launching waits for nothing real. Errors a real
 * client would report (a throwing timer callback, an unhandled rejection, `console.error`) are
 * collected in `errors`: Taro and React report render faults that way rather than throwing.
 */
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

/** A function of the app's code, or one the sandbox hands it: called with whatever each side passes. */
type Fn = (...args: unknown[]) => unknown;
/** An object of the app's code (a config, an instance, an options object): its fields read one by one. */
type Json = Record<string, unknown>;

export interface WxCall {
  api: string;
  args: unknown[];
}

/** What the app sends a cloud function (src/services/backend.ts `call`). */
export interface CallData {
  action: string;
  payload?: unknown;
}

/** Answers `wx.cloud.callFunction({ name, data })` with the function's `result`. */
export type CloudHandler = (name: string, data: CallData) => unknown;

/** The options the app gives the wx APIs whose calls the tests read (the fields the app sets, not all wx takes). */
export interface WxCallOptions {
  'cloud.callFunction': { name: string; data: CallData };
  'cloud.init': { env?: string };
  navigateTo: { url: string };
  showToast: { title: string };
  pageScrollTo: { selector?: string; scrollTop?: number };
}

/** The callbacks an async wx API answers through. */
interface WxCallbacks {
  success?: Fn;
  fail?: Fn;
  complete?: Fn;
}

/** A node of the tree Taro sends through setData: `nn` names its template, `v` is a text node's text. */
interface TaroNode {
  sid?: string;
  nn?: string;
  v?: string;
  cn?: TaroNode[];
}

/** What App() is given, as far as launching reads it. */
interface AppConfig extends Json {
  onLaunch?: Fn;
  onShow?: Fn;
}

/** What Component() is given, as far as attaching one reads it. */
interface ComponentConfig extends Json {
  properties?: Record<string, { value?: unknown } | null>;
  methods?: Json;
  data?: Json;
  lifetimes?: { created?: Fn; attached?: Fn; ready?: Fn };
  created?: Fn;
  attached?: Fn;
  ready?: Fn;
}

/** A page as WeChat instantiates it: the Page() config's methods plus data/setData/route. */
export interface PageInstance extends Json {
  route: string;
  data: Json;
  onLoad?: Fn;
  onShow?: Fn;
  onReady?: Fn;
  /** Taro's event handler, which every bound event of the page's templates calls. */
  eh: Fn;
}

interface Timer {
  id: number;
  due: number;
  fn: Fn;
  every?: number;
}

export interface Launched {
  /** What App() was given: the app instance WeChat drives. */
  app: AppConfig;
  page: PageInstance;
}

/** The page's rendered text, in document order, from the tree Taro sent through setData. */
export function renderedText(page: PageInstance): string[] {
  const out: string[] = [];
  const walk = (node: TaroNode | undefined): void => {
    if (!node || typeof node !== 'object') return;
    if (typeof node.v === 'string') out.push(node.v);
    for (const child of node.cn ?? []) walk(child);
  };
  walk(rootOf(page));
  return out;
}

function rootOf(page: PageInstance): TaroNode | undefined {
  return page.data.root as TaroNode | undefined;
}

/**
 * Applies one setData key as WeChat does: `a.b[2].c` or Taro's `root.cn.[0].v`. A number in
 * brackets indexes an array; anything else is an object key.
 */
function setPath(target: Json, key: string, value: unknown): void {
  const parts = key
    .split(/\.|(?=\[)/)
    .filter(Boolean)
    .map((p) => (/^\[\d+\]$/.test(p) ? Number(p.slice(1, -1)) : p));
  let node = target;
  parts.forEach((part, i) => {
    if (i === parts.length - 1) {
      node[part] = value;
      return;
    }
    if (node[part] == null || typeof node[part] !== 'object') node[part] = typeof parts[i + 1] === 'number' ? [] : {};
    // Made an object or array above if it was not one.
    node = node[part] as Json;
  });
}

/**
 * WeChat on iOS runs the system's JavaScriptCore: builtins newer than the oldest iOS the app
 * supports, 12.2 (Object.fromEntries, globalThis), are missing there, and code calling them
 * throws on such phones. Babel lowers syntax, not these: the sandbox removes them so a path
 * that needs one fails here too.
 */
const WITHOUT_NEWER_BUILTINS = `
  delete Object.hasOwn; delete Object.groupBy; delete Map.groupBy;
  delete Promise.allSettled; delete Promise.any; delete Promise.withResolvers;
  delete String.prototype.replaceAll; delete String.prototype.matchAll; delete String.prototype.at;
  delete String.prototype.isWellFormed; delete String.prototype.toWellFormed;
  ['at', 'findLast', 'findLastIndex', 'toSorted', 'toReversed', 'toSpliced', 'with'].forEach(function (k) { delete Array.prototype[k]; });
  delete Array.fromAsync; delete globalThis.AggregateError; delete globalThis.WeakRef; delete globalThis.FinalizationRegistry;
`;

export class WeappSandbox {
  readonly calls: WxCall[] = [];
  readonly errors: string[] = [];
  readonly storage = new Map<string, unknown>();
  readonly pages: PageInstance[] = [];
  private readonly context: vm.Context;
  private readonly api = this.wx();
  private readonly modules = new Map<string, { exports: unknown }>();
  private readonly pageConfigs = new Map<string, Json>();
  private readonly componentConfigs = new Map<string, ComponentConfig>();
  private appConfig: AppConfig | null = null;
  private templates?: Map<string, string>;
  private loading = '';
  private timers: Timer[] = [];
  private nextTimer = 1;
  private now = 0;
  private readonly onRejection = (reason: unknown): void => {
    this.errors.push(`unhandled rejection: ${describe(reason)}`);
  };

  constructor(
    readonly dir: string,
    private readonly cloud: CloudHandler,
  ) {
    const globals: Json = {
      console: {
        log: () => undefined,
        info: () => undefined,
        debug: () => undefined,
        warn: () => undefined,
        error: (...args: unknown[]) => this.errors.push(`console.error: ${args.map(describe).join(' ')}`),
      },
      setTimeout: (fn: Fn, ms = 0, ...args: unknown[]) => this.addTimer(() => fn(...args), ms),
      setInterval: (fn: Fn, ms = 0, ...args: unknown[]) => this.addTimer(() => fn(...args), ms, true),
      clearTimeout: (id: number) => this.clearTimer(id),
      clearInterval: (id: number) => this.clearTimer(id),
      wx: this.api,
      App: (config: AppConfig) => {
        this.appConfig = config;
      },
      Page: (config: Json) => {
        this.pageConfigs.set(this.loading, config);
      },
      Component: (config: ComponentConfig) => {
        this.componentConfigs.set(this.loading, config);
      },
      Behavior: (config: Json) => config,
      getApp: () => this.appConfig,
      getCurrentPages: () => [...this.pages],
    };
    this.context = vm.createContext(globals);
    vm.runInContext(WITHOUT_NEWER_BUILTINS, this.context);
    process.on('unhandledRejection', this.onRejection);
  }

  dispose(): void {
    process.off('unhandledRejection', this.onRejection);
    this.timers = [];
  }

  /** Launches as WeChat does: app.js, App's onLaunch/onShow, then the first page of app.json. */
  async launch(): Promise<Launched> {
    const appJson = JSON.parse(fs.readFileSync(path.join(this.dir, 'app.json'), 'utf8')) as { pages: string[] };
    const first = appJson.pages[0];
    const launchOptions = { path: first, query: {}, scene: 1001, referrerInfo: {} };
    this.require('app');
    const app = this.appConfig;
    if (!app) throw new Error('app.js did not call App()');
    this.guard('App onLaunch', () => app.onLaunch?.call(app, launchOptions));
    this.guard('App onShow', () => app.onShow?.call(app, launchOptions));
    await this.settle();
    const page = await this.openPage(first, {});
    return { app, page };
  }

  /** Loads a page (and the components its json uses) and runs onLoad, onShow, onReady. */
  async openPage(route: string, query: Json): Promise<PageInstance> {
    const json = JSON.parse(fs.readFileSync(path.join(this.dir, `${route}.json`), 'utf8')) as { usingComponents?: Record<string, string> };
    for (const ref of Object.values(json.usingComponents ?? {})) {
      const file = path.posix.join(path.posix.dirname(route), ref);
      this.require(file);
      this.attachComponent(file);
    }
    this.require(route);
    const config = this.pageConfigs.get(route);
    if (!config) throw new Error(`${route}.js did not call Page()`);
    const page = this.instance(config, { route, __route__: route, options: query }) as PageInstance;
    this.pages.push(page);
    this.guard(`${route} onLoad`, () => page.onLoad?.call(page, query));
    this.guard(`${route} onShow`, () => page.onShow?.call(page));
    this.guard(`${route} onReady`, () => page.onReady?.call(page));
    await this.settle();
    return page;
  }

  /** Runs due timers on the virtual clock (and the promise jobs between them) for up to `ms`. */
  async settle(ms = 5_000): Promise<void> {
    const until = this.now + ms;
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      const next = [...this.timers].sort((a, b) => a.due - b.due || a.id - b.id)[0];
      if (!next || next.due > until) break;
      this.now = next.due;
      if (next.every !== undefined) next.due += Math.max(next.every, 1);
      else this.clearTimer(next.id);
      this.guard('a timer callback', next.fn);
    }
    this.now = until;
  }

  /** The arguments of each call of `api`: for the APIs of WxCallOptions, the app's options object. */
  callsOf<A extends keyof WxCallOptions>(api: A): [WxCallOptions[A]][];
  callsOf(api: string): unknown[][];
  callsOf(api: string): unknown[][] {
    return this.calls.filter((c) => c.api === api).map((c) => c.args);
  }

  /**
   * A tap on the element showing `label`, delivered as WeChat does: to that element and then up
   * through its ancestors, to each whose template in base.wxml has `bindtap` (Taro's `eh`), with
   * `currentTarget` the element handling it; a `catchtap` stops it.
   */
  tap(page: PageInstance, label: string): void {
    const chain = pathTo(rootOf(page), (n) => (n.cn ?? []).some((c) => c.v === label));
    if (!chain) throw new Error(`no element showing «${label}» on ${page.route}`);
    const target = { id: chain[chain.length - 1].sid, dataset: {} };
    for (const node of chain.reverse()) {
      const binding = this.tapBinding(node.nn);
      if (!binding) continue;
      const currentTarget = { id: node.sid, dataset: {} };
      this.guard(`tap on «${label}»`, () => page.eh.call(page, { type: 'tap', timeStamp: Date.now(), target, currentTarget, detail: {}, mark: {} }));
      if (binding === 'catch') break;
    }
  }

  /** A throw from app code is the phone's error report (App onError), not the test's crash. */
  private guard(what: string, fn: () => unknown): void {
    try {
      fn();
    } catch (err) {
      this.errors.push(`${what} threw: ${describe(err)}`);
    }
  }

  private tapBinding(nn: string | undefined): 'bind' | 'catch' | undefined {
    if (!this.templates) {
      const wxml = fs.readFileSync(path.join(this.dir, 'base.wxml'), 'utf8');
      this.templates = new Map([...wxml.matchAll(/<template name="tmpl_0_(\w+)">\s*<[\w-]+([^>]*)>/g)].map((m) => [m[1], m[2]]));
    }
    const attrs = this.templates.get(String(nn)) ?? '';
    if (/\bcatchtap="eh"/.test(attrs)) return 'catch';
    return /\bbindtap="eh"/.test(attrs) ? 'bind' : undefined;
  }

  /** WeChat's module system: one function scope per file, paths relative to the requiring file. */
  private require(file: string): unknown {
    const id = path.posix.normalize(file).replace(/\.js$/, '');
    const cached = this.modules.get(id);
    if (cached) return cached.exports;
    const full = path.join(this.dir, `${id}.js`);
    if (!fs.existsSync(full)) throw new Error(`require("${id}"): no ${id}.js in the package`);
    const module = { exports: {} };
    this.modules.set(id, module);
    const source = fs.readFileSync(full, 'utf8');
    const fn = vm.runInContext(`(function (require, module, exports) {${source}\n})`, this.context, { filename: full }) as Fn;
    const previous = this.loading;
    this.loading = id;
    try {
      fn((spec: string) => this.require(path.posix.join(path.posix.dirname(id), spec)), module, module.exports);
    } finally {
      this.loading = previous;
    }
    return module.exports;
  }

  /** A component's `created`/`attached`/`ready`, in `lifetimes` or at the top level, as WeChat calls them. */
  private attachComponent(file: string): void {
    const config = this.componentConfigs.get(path.posix.normalize(file));
    if (!config) return;
    const data = Object.fromEntries(Object.entries(config.properties ?? {}).map(([k, p]) => [k, p?.value]));
    const instance = this.instance({ ...config.methods, data: { ...config.data, ...data } }, { props: data });
    for (const hook of ['created', 'attached', 'ready'] as const) this.guard(`${file} ${hook}`, () => (config.lifetimes?.[hook] ?? config[hook])?.call(instance));
  }

  private instance(config: Json, extra: Json): Json {
    const self: Json & { data: Json } = {
      ...config,
      ...extra,
      data: JSON.parse(JSON.stringify(config.data ?? {})),
      setData: (patch: Json, cb?: Fn) => {
        for (const [k, v] of Object.entries(patch)) setPath(self.data, k, v);
        if (cb) this.addTimer(cb, 0);
      },
      selectComponent: () => null,
      createSelectorQuery: () => this.api.createSelectorQuery(),
    };
    return self;
  }

  private addTimer(fn: Fn, ms: number, repeat = false): number {
    const id = this.nextTimer++;
    const delay = Math.max(Number(ms) || 0, 0);
    this.timers.push({ id, due: this.now + delay, fn, ...(repeat ? { every: delay } : {}) });
    return id;
  }

  private clearTimer(id: number): void {
    this.timers = this.timers.filter((t) => t.id !== id);
  }

  /** The wx APIs a launch touches. Async ones answer through success/complete and, like wx, a promise. */
  private wx() {
    const record = (api: string, args: unknown[]) => this.calls.push({ api, args });
    // O: the fields of the options object that `answer` reads.
    const async =
      <O extends object = object>(api: string, answer: (opts: O) => unknown = () => ({ errMsg: `${api}:ok` })) =>
      (opts: O & WxCallbacks = {} as O & WxCallbacks) => {
        record(api, [opts]);
        return new Promise((resolve, reject) => {
          this.addTimer(() => {
            let res: unknown;
            try {
              res = answer(opts);
            } catch (err) {
              const fail = { errMsg: `${api}:fail ${describe(err)}` };
              opts.fail?.(fail);
              opts.complete?.(fail);
              if (!opts.fail) reject(fail);
              return;
            }
            opts.success?.(res);
            opts.complete?.(res);
            resolve(res);
          }, 0);
        });
      };
    const sync =
      <A extends unknown[]>(api: string, answer: (...args: A) => unknown = () => undefined) =>
      (...args: A) => {
        record(api, args);
        return answer(...args);
      };
    const windowInfo = { pixelRatio: 2, screenWidth: 375, screenHeight: 667, windowWidth: 375, windowHeight: 603, statusBarHeight: 20, safeArea: { top: 20, left: 0, right: 375, bottom: 667, width: 375, height: 647 } };
    // An old client on purpose: iOS 12, the kind that cannot parse ES2020.
    const deviceInfo = { brand: 'iPhone', model: 'iPhone 8', platform: 'ios', system: 'iOS 12.5.7' };
    const baseInfo = { SDKVersion: '3.4.0', version: '8.0.50', language: 'zh_CN', theme: 'light', enableDebug: false };
    const noop = () => undefined;
    return {
      getSystemInfoSync: sync('getSystemInfoSync', () => ({ ...windowInfo, ...deviceInfo, ...baseInfo })),
      getSystemInfo: async('getSystemInfo', () => ({ ...windowInfo, ...deviceInfo, ...baseInfo })),
      getWindowInfo: sync('getWindowInfo', () => windowInfo),
      getDeviceInfo: sync('getDeviceInfo', () => deviceInfo),
      getAppBaseInfo: sync('getAppBaseInfo', () => baseInfo),
      getMenuButtonBoundingClientRect: sync('getMenuButtonBoundingClientRect', () => ({ top: 24, left: 281, right: 368, bottom: 56, width: 87, height: 32 })),
      getLaunchOptionsSync: sync('getLaunchOptionsSync', () => ({ path: 'pages/index/index', query: {}, scene: 1001 })),
      getEnterOptionsSync: sync('getEnterOptionsSync', () => ({ path: 'pages/index/index', query: {}, scene: 1001 })),
      canIUse: sync('canIUse', () => true),
      nextTick: (fn: Fn) => this.addTimer(fn, 0),
      getStorageSync: sync('getStorageSync', (key: string) => (this.storage.has(key) ? this.storage.get(key) : '')),
      setStorageSync: sync('setStorageSync', (key: string, value: unknown) => void this.storage.set(key, value)),
      removeStorageSync: sync('removeStorageSync', (key: string) => void this.storage.delete(key)),
      getStorageInfoSync: sync('getStorageInfoSync', () => ({ keys: [...this.storage.keys()], currentSize: 0, limitSize: 10240 })),
      getStorage: async('getStorage', (o: { key: string }) => {
        if (!this.storage.has(o.key)) throw new Error('data not found');
        return { data: this.storage.get(o.key) };
      }),
      setStorage: async('setStorage', (o: { key: string; data: unknown }) => void this.storage.set(o.key, o.data)),
      removeStorage: async('removeStorage', (o: { key: string }) => void this.storage.delete(o.key)),
      getNetworkType: async('getNetworkType', () => ({ networkType: 'wifi', errMsg: 'getNetworkType:ok' })),
      onNetworkStatusChange: sync('onNetworkStatusChange'),
      offNetworkStatusChange: sync('offNetworkStatusChange'),
      onAppShow: sync('onAppShow'),
      onAppHide: sync('onAppHide'),
      onError: sync('onError'),
      onUnhandledRejection: sync('onUnhandledRejection'),
      onMemoryWarning: sync('onMemoryWarning'),
      showToast: async('showToast'),
      hideToast: async('hideToast'),
      showModal: async('showModal', () => ({ confirm: false, cancel: true })),
      showLoading: async('showLoading'),
      hideLoading: async('hideLoading'),
      navigateTo: async('navigateTo'),
      redirectTo: async('redirectTo'),
      navigateBack: async('navigateBack'),
      reLaunch: async('reLaunch'),
      switchTab: async('switchTab'),
      setNavigationBarTitle: async('setNavigationBarTitle'),
      stopPullDownRefresh: async('stopPullDownRefresh'),
      pageScrollTo: async('pageScrollTo'),
      getUpdateManager: sync('getUpdateManager', () => ({ onCheckForUpdate: noop, onUpdateReady: noop, onUpdateFailed: noop, applyUpdate: noop })),
      createSelectorQuery: sync('createSelectorQuery', () => {
        const query: Json = { in: () => query, select: () => query, selectAll: () => query, selectViewport: () => query, boundingClientRect: () => query, scrollOffset: () => query, fields: () => query, exec: noop };
        return query;
      }),
      cloud: {
        init: sync('cloud.init'),
        callFunction: async('cloud.callFunction', (o: WxCallOptions['cloud.callFunction']) => ({ errMsg: 'cloud.callFunction:ok', result: this.cloud(o.name, o.data) })),
        uploadFile: async('cloud.uploadFile', () => ({ fileID: 'cloud://sandbox/file' })),
        downloadFile: async('cloud.downloadFile', () => ({ tempFilePath: 'wxfile://tmp' })),
      },
    };
  }
}

/** The nodes from the root down to the first one `match` accepts, depth first. */
function pathTo(node: TaroNode | undefined, match: (n: TaroNode) => boolean): TaroNode[] | undefined {
  if (!node || typeof node !== 'object') return undefined;
  if (node.sid && match(node)) return [node];
  for (const child of node.cn ?? []) {
    const below = pathTo(child, match);
    if (below) return node.sid ? [node, ...below] : below;
  }
  return undefined;
}

function describe(value: unknown): string {
  if (value instanceof Error || (value && typeof value === 'object' && 'stack' in value)) return String((value as Error).stack ?? value);
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
