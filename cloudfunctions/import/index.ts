import { cloudbaseMain } from '../core/cloudbase-main';
import { ledgerImport } from './handler';

export const main = cloudbaseMain(ledgerImport);
