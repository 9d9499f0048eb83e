import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ComplianceStore } from '@verbatim/foia';

/** Two real Connecticut policies, shipped as examples: a town replaces them with its own (or marks one required). */
const EXAMPLES = [
  {
    title: 'Westport Use Policy and Social Media Policy (example)',
    file: 'westport-use-policy-and-social-media-policy.txt',
  },
  { title: 'City of Norwalk Social Media Use Policy (example)', file: 'norwalk-social-media-use-policy.txt' },
];

const SEED_DIRECTORY = path.join(__dirname, '..', '..', 'seed-policies');

/**
 * Loads the example policies when the town has no policy document yet (first start), as documents that require
 * no receipt, so no account falls out of compliance for another town's policy. Returns how many were loaded.
 */
export async function loadExamplePolicies(
  store: Pick<ComplianceStore, 'listPolicyDocuments' | 'createPolicyDocument'>,
  actor = 'system',
  now = new Date(),
): Promise<number> {
  if ((await store.listPolicyDocuments()).length > 0) return 0;
  for (const example of EXAMPLES) {
    const text = readFileSync(path.join(SEED_DIRECTORY, example.file), 'utf8');
    await store.createPolicyDocument({ title: example.title, requiresReceipt: false, text }, actor, now.toISOString());
  }
  return EXAMPLES.length;
}
