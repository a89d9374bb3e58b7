import { cloudbaseMain } from '../core/platform/cloudbase-main';
import { me } from './handler';

export const main = cloudbaseMain(me);
