import { cloudbaseMain } from '../core/platform/cloudbase-main';
import { settings } from './handler';

export const main = cloudbaseMain(settings);
