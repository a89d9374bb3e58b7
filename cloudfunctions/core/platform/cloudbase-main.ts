/** The entry CloudBase calls: `exports.main = cloudbaseMain(fn)` in each function's index. */
import tcb from '@cloudbase/node-sdk';
import { cloudbaseApp, CloudbaseStore } from './adapters/cloudbase';
import { CloudbaseFileStore } from './adapters/files-cloudbase';
import { pushTemplatesOf, WechatNotifier } from './adapters/notify-wechat';
import { invoke, type CloudFunction, type Deps } from './runtime';

/** The platform context a CloudBase function receives. */
interface PlatformContext {
  environment?: string;
  [key: string]: unknown;
}

/** The caller's OPENID, as WeChat vouches for it in the platform context (never the request body). */
export function openidOf(context: PlatformContext): string | undefined {
  try {
    return tcb.getCloudbaseContext(context as never).WX_OPENID || undefined;
  } catch {
    return undefined;
  }
}

let deps: Deps | undefined;

export function cloudbaseMain(fn: CloudFunction) {
  return (event: unknown, context: PlatformContext) => {
    deps ??= {
      store: new CloudbaseStore(cloudbaseApp().database()),
      files: new CloudbaseFileStore(cloudbaseApp()),
      now: () => new Date(),
      notifier: new WechatNotifier(cloudbaseApp(), pushTemplatesOf(process.env.FAZHI_PUSH_TEMPLATES)),
    };
    return invoke(fn, event, openidOf(context), deps);
  };
}
