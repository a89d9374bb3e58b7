import { cloudbaseMain } from '../core/platform/cloudbase-main';
import { report } from './handler';

export const main = cloudbaseMain(report);
