import { cloudbaseMain } from '../core/cloudbase-main';
import { rollup } from './handler';

export const main = cloudbaseMain(rollup);
