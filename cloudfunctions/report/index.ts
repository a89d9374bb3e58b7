import { cloudbaseMain } from '../core/cloudbase-main';
import { report } from './handler';

export const main = cloudbaseMain(report);
