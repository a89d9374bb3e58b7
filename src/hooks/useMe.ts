import { whoami } from '../services/ledger';
import { useRemote } from './useRemote';

/** Who I am, the units I reach and my form defaults (`me.whoami`, cached by `whoami`), with loading and error states. */
export function useMe() {
  return useRemote(whoami);
}
