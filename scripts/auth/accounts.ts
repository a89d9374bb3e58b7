/** The gateway's way into the `account` function: joining as a newly named caller, and reset links. */
import { consumeReset } from '../../cloudfunctions/core/app/users';
import { invoke } from '../../cloudfunctions/core/platform/runtime';
import { functions } from '../../cloudfunctions/registry';
import type { Accounts } from './routes';

export const accounts: Accounts = {
  join: (deps, input, openid) => invoke(functions.account, { action: 'join', payload: input }, openid, deps),
  consumeReset,
};
