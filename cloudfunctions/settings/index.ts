import { cloudbaseMain } from '../core/cloudbase-main';
import { settings } from './handler';

export const main = cloudbaseMain(settings);
