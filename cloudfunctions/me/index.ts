import { cloudbaseMain } from '../core/cloudbase-main';
import { me } from './handler';

export const main = cloudbaseMain(me);
