import { cloudbaseMain } from '../core/cloudbase-main';
import { publicity } from './handler';

export const main = cloudbaseMain(publicity);
