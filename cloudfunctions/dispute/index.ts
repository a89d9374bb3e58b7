import { cloudbaseMain } from '../core/platform/cloudbase-main';
import { dispute } from './handler';

export const main = cloudbaseMain(dispute);
