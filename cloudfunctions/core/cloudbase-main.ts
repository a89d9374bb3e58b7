/** The entry CloudBase calls: `exports.main = cloudbaseMain(fn)` in each function's index. */
import { CloudbaseStore } from './adapters/cloudbase';
import type { Store } from './port';
import { invoke, type CloudFunction, type PlatformContext } from './runtime';

let store: Store | undefined;

export function cloudbaseMain(fn: CloudFunction) {
  return (event: unknown, context: PlatformContext) =>
    invoke(fn, event, context, { store: (store ??= CloudbaseStore.fromEnvironment()), now: () => new Date() });
}
