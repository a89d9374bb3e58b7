/** The entry CloudBase calls: `exports.main = cloudbaseMain(fn)` in each function's index. */
import { cloudbaseApp, CloudbaseStore } from './adapters/cloudbase';
import { CloudbaseFileStore } from './adapters/files-cloudbase';
import { invoke, type CloudFunction, type Deps, type PlatformContext } from './runtime';

let deps: Deps | undefined;

export function cloudbaseMain(fn: CloudFunction) {
  return (event: unknown, context: PlatformContext) => {
    deps ??= {
      store: new CloudbaseStore(cloudbaseApp().database()),
      files: new CloudbaseFileStore(cloudbaseApp()),
      now: () => new Date(),
    };
    return invoke(fn, event, context, deps);
  };
}
