import { cloudbaseMain } from '../core/platform/cloudbase-main';
import { rollup } from './handler';

export const main = cloudbaseMain(rollup);
