import type { PlatformContext } from '../cloudfunctions/core/runtime';

/**
 * The platform context CloudBase would hand a function called by this OPENID. Only the
 * local gateway (and tests standing in for WeChat) build one: in production WeChat does.
 */
export function contextFor(openid: string): PlatformContext {
  return {
    environment: JSON.stringify({ WX_OPENID: openid, WX_APPID: 'local', WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID' }),
  };
}
