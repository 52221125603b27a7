import { readFileSync, writeFileSync } from 'node:fs';
import { withVisibilityDoc } from '../common/visibility/visibility-doc.js';
import { POLICIES } from '../config/policies.js';

/** `npm run docs`: regenerates the README's table of who sees what from the visibility policies. */
const file = 'README.md';
const updated = withVisibilityDoc(readFileSync(file, 'utf8'), POLICIES);
if (!updated) {
  process.stderr.write(`${file} has no visibility-policies markers\n`);
  process.exit(1);
}
writeFileSync(file, updated);
process.stdout.write(`updated the visibility table in ${file}\n`);
