import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parameterTableMarkdown } from '../../src/cli/parameterTable';

describe('src/model/README.md', () => {
  it('carries the parameter table generated from the schema, unchanged', () => {
    const readme = readFileSync(join(__dirname, '../../src/model/README.md'), 'utf8');
    expect(readme).toContain(parameterTableMarkdown());
  });
});
