/** Every deployable function by name: the gateway routes to these, the build bundles each. */
import type { FunctionName } from '../types/api';
import type { CloudFunction } from './core/runtime';
import { dispute } from './dispute/handler';
import { me } from './me/handler';
import { rollup } from './rollup/handler';

export const functions: Record<FunctionName, CloudFunction> = { me, dispute, rollup };
