import { readFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import { withVisibilityDoc } from '../../src/common/visibility/visibility-doc.js';
import { POLICIES } from '../../src/config/policies.js';

describe("README's table of who sees what", () => {
  it('is what the visibility policies say (npm run docs regenerates it)', async () => {
    const readme = readFileSync('README.md', 'utf8');
    const generated = withVisibilityDoc(readme, POLICIES);
    expect(generated).toBeDefined();
    const options = { ...(await resolveConfig('README.md')), parser: 'markdown' };
    expect(await format(generated!, options)).toBe(readme);
  });
});
