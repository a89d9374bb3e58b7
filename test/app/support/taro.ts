/**
 * Stands in for `@tarojs/taro` in the app's unit tests (jest.config.js maps it here): phone
 * storage as a map whose values are copied in and out (as the platform stores JSON), and
 * no-op UI calls. Only what the services under test touch.
 */
const stored = new Map<string, string>();

/**
 * WeChat's side of `Taro.cloud.callFunction`, for tests that run the weapp path
 * (process.env.TARO_ENV = 'weapp'): what the call does, and what `getNetworkType` says.
 */
export const wechat = {
  callFunction: async (_: { name: string; data: unknown }): Promise<{ result: unknown }> => ({ result: undefined }),
  networkType: 'wifi',
};

const Taro = {
  getStorageSync: (key: string): unknown => (stored.has(key) ? JSON.parse(stored.get(key)!) : ''),
  setStorageSync: (key: string, value: unknown): void => void stored.set(key, JSON.stringify(value)),
  removeStorageSync: (key: string): void => void stored.delete(key),
  getStorageInfoSync: () => ({ keys: [...stored.keys()] }),
  showToast: async () => undefined,
  /** The user answers every modal with its confirm button. */
  showModal: async () => ({ confirm: true, cancel: false }),
  onNetworkStatusChange: () => undefined,
  getNetworkType: async () => ({ networkType: wechat.networkType }),
  cloud: { callFunction: (o: { name: string; data: unknown }) => wechat.callFunction(o) },
};

/** Empties the phone's storage between tests. */
export function clearStorage(): void {
  stored.clear();
}

export default Taro;
