import { cloudbaseMain } from '../core/cloudbase-main';
import { dispute } from './handler';

export const main = cloudbaseMain(dispute);
