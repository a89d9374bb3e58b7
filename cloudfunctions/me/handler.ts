/** Who am I: my roles, the units I reach, and form defaults. */
import { whoami } from '../core/app/whoami';
import type { CloudFunction } from '../core/platform/runtime';

export const me: CloudFunction = {
  whoami: (_payload, call) => whoami(call),
};
