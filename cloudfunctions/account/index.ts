import { cloudbaseMain } from '../core/platform/cloudbase-main';
import { account } from './handler';

export const main = cloudbaseMain(account);
