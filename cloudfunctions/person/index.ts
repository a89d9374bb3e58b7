import { cloudbaseMain } from '../core/platform/cloudbase-main';
import { person } from './handler';

export const main = cloudbaseMain(person);
