import { cloudbaseMain } from '../core/cloudbase-main';
import { training } from './handler';

export const main = cloudbaseMain(training);
