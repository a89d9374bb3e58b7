/** Form drafts kept as the user types, restored after the app is closed; each user sees only their own. */
import { userScope } from './demo-session';
import { readLocal, removeLocal, writeLocal } from './storage';

const key = (name: string) => `fazhi.draft.${userScope()}.${name}`;

export const loadDraft = <T>(name: string) => readLocal<T>(key(name));
export const saveDraft = <T>(name: string, value: T) => writeLocal(key(name), value);
export const clearDraft = (name: string) => removeLocal(key(name));
