import { cloudbaseMain } from '../core/platform/cloudbase-main';
import { reporting } from './handler';

export const main = cloudbaseMain(reporting);
