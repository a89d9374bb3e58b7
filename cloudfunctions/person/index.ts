import { cloudbaseMain } from '../core/cloudbase-main';
import { person } from './handler';

export const main = cloudbaseMain(person);
