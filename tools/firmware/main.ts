// `npm run firmware [-- --check]`: see build.ts.

import { firmwareMain } from './build.js';

try {
  process.exitCode = firmwareMain(process.argv.includes('--check'));
} catch (error) {
  const message = error instanceof Error ? (error as Error & { stderr?: string }).stderr || error.message : String(error);
  process.stderr.write(`firmware: ${message.trim()}\n`);
  process.exitCode = 1;
}
