/** District-wide settings (C.settings): one document, absent until an admin first saves them. */
import type { Settings } from '../../../../types/settings';
import { C, type Store } from '../../platform/port';

export async function readSettings(store: Store): Promise<Settings> {
  return (await store.get<Settings>(C.settings, 'district')) ?? { _id: 'district' };
}
