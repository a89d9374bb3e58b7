/** What the ledger command lines share: Chinese argument errors, the data folder, exit codes. */
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { Refusal } from '../cloudfunctions/core/domain/refusal';

/** A mistake the user can fix: printed as is, exit code 1. */
export class UsageError extends Error {}

export type ParseArgsOptions = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs, its errors said in Chinese with the usage line. */
export function parseCli<O extends ParseArgsOptions>(argv: string[], options: O, usage: string, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals });
  } catch (err) {
    const arg = /'([^'\s]+)/.exec((err as Error).message)?.[1] ?? '';
    const what: Record<string, string> = {
      ERR_PARSE_ARGS_UNKNOWN_OPTION: `不支持的参数 ${arg}`,
      ERR_PARSE_ARGS_INVALID_OPTION_VALUE: `参数 ${arg} 缺少取值`,
      ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL: `多余的参数 ${arg}`,
    };
    throw new UsageError(`${what[(err as { code?: string }).code ?? ''] ?? '参数有误'}\n${usage}`);
  }
}

/** DATA_DIR, as `npm start` reads it. */
export function dataDir(): string {
  return path.resolve(process.env.DATA_DIR ?? path.join(__dirname, '..', 'data'));
}

/** Runs a command: a refusal or usage error is one Chinese line and exit code 1; anything else its stack. */
export function runCli(main: () => Promise<void>): void {
  main().catch((err) => {
    if (err instanceof UsageError || err instanceof Refusal) console.error(err.message);
    else console.error('出错了:', err);
    process.exit(1);
  });
}
