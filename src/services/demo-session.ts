/**
 * Local-only: which demo user this browser is signed in as. WeChat builds never
 * read it; there the platform tells the function who is calling.
 */
import Taro from '@tarojs/taro';

const KEY = 'fazhi.demoUser';

export interface DemoUser {
  openid: string;
  name: string;
  roles: string[];
  units: string[];
}

export function demoUser(): string | undefined {
  return Taro.getStorageSync(KEY) || undefined;
}

export function signInAs(openid: string): void {
  Taro.setStorageSync(KEY, openid);
}

export function signOut(): void {
  Taro.removeStorageSync(KEY);
}

/** Whose phone-local data this is: the demo user in the browser; on weapp the phone's one WeChat user. */
export function userScope(): string {
  return process.env.TARO_ENV === 'h5' ? (demoUser() ?? '') : 'wx';
}
