import { cloudbaseMain } from '../core/platform/cloudbase-main';
import { org } from './handler';

export const main = cloudbaseMain(org);
