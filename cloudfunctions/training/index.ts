import { cloudbaseMain } from '../core/platform/cloudbase-main';
import { training } from './handler';

export const main = cloudbaseMain(training);
