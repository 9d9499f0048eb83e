/** The detector lives in core, where the search index computes the flag kinds it stores; pages use it from here. */
export {
  findPolicyFlags,
  policyFlagKindsOf,
  policyFlagsOfRecord,
  type PolicyFlag,
  type PolicyFlagKind,
} from '@verbatim/core';
