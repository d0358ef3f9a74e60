import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { policyMarkdown, tableText, withPolicy } from '../scripts/policy-table.js';
import { POLICY } from '../src/domain/policy.js';

describe('the README’s "Who can do what"', () => {
  it('is the policy itself (npm run docs:policy writes it)', () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(tableText(withPolicy(readme))).toBe(tableText(readme));
    for (const action of Object.keys(POLICY)) expect(policyMarkdown()).toContain(`| \`${action}\` |`);
  });
});
