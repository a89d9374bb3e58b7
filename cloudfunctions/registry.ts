/** Every deployable function by name: the gateway routes to these, the build bundles each. */
import type { FunctionName } from '../types/api';
import { account } from './account/handler';
import type { CloudFunction } from './core/platform/runtime';
import { dispute } from './dispute/handler';
import { ledgerImport } from './import/handler';
import { me } from './me/handler';
import { org } from './org/handler';
import { person } from './person/handler';
import { publicity } from './publicity/handler';
import { report } from './report/handler';
import { reporting } from './reporting/handler';
import { rollup } from './rollup/handler';
import { settings } from './settings/handler';
import { training } from './training/handler';

export const functions: Record<FunctionName, CloudFunction> = { me, dispute, rollup, person, training, publicity, report, import: ledgerImport, settings, account, org, reporting };
