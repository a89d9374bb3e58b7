import { cloudbaseMain } from '../core/platform/cloudbase-main';
import { publicity } from './handler';

export const main = cloudbaseMain(publicity);
