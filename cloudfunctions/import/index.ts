import { cloudbaseMain } from '../core/platform/cloudbase-main';
import { ledgerImport } from './handler';

export const main = cloudbaseMain(ledgerImport);
