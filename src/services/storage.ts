/** Phone-local storage (wx storage on weapp, localStorage on h5): survives closing the app. */
import Taro from '@tarojs/taro';

export function readLocal<T>(key: string): T | undefined {
  const raw = Taro.getStorageSync(key);
  return raw === '' || raw === undefined || raw === null ? undefined : (raw as T);
}

export function writeLocal<T>(key: string, value: T): void {
  Taro.setStorageSync(key, value);
}

export function removeLocal(key: string): void {
  Taro.removeStorageSync(key);
}
