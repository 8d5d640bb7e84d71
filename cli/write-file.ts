// The old name of cli/output.ts's writeOutput, kept so every writer, old or new, goes through the output module.

export { writeOutput as writeFileAtomic } from './output.js';
