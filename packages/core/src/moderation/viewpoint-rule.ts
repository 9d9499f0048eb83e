/**
 * Public agencies may not remove a comment for its viewpoint (the First Amendment; Westport's Use Policy says so
 * in those words), so no removal category may be a viewpoint rule. This names the words in a proposed label that
 * make it one: disagreeing, criticising, opposing or complaining about the town, its officials or its decisions,
 * or an opinion, viewpoint or political stance as such. Wording such as "opposes the election of a candidate"
 * (electioneering, Exhibit A) is conduct, not a viewpoint about the town, and passes.
 */
const TARGETS = String.raw`(town|city|county|mayor|first\s+selectm[ae]n|selectm[ae]n|selectboard|board|council|commission|department|agency|government|officials?|staff|employees?|administration|policy|policies|decisions?|post|page|us|our)`;

const VIEWPOINT_PATTERNS: ReadonlyArray<{ pattern: RegExp; why: string }> = [
  { pattern: /\bdisagree(s|d|ing|ment)?\b/i, why: 'disagreement' },
  { pattern: /\b(critici[sz](es|ed|ing|m)?|critical\s+of)\b/i, why: 'criticism' },
  { pattern: /\bcomplain(s|ed|ing|ts?)?\b/i, why: 'complaints' },
  { pattern: /\bdissent(s|ing)?\b/i, why: 'dissent' },
  {
    pattern: /\b(view\s*points?|points?\s+of\s+view|opinions?|political\s+(views?|beliefs?|stances?|affiliation))\b/i,
    why: 'a viewpoint or opinion',
  },
  {
    pattern: /\b(negative|unfavou?rable|hostile)\s+(about|towards?|to|of|on|comments?|feedback|remarks?)\b/i,
    why: 'negative views',
  },
  {
    pattern: new RegExp(
      String.raw`\b(oppos(e|es|ed|ing)|against|attack(s|ing)?|questions?|questioning|challeng(e|es|ing))\s+([\w'-]+\s+){0,3}${TARGETS}\b`,
      'i',
    ),
    why: 'opposition to the town or its officials',
  },
  { pattern: /\b(supports?|supporting|favou?rs?)\s+(the\s+)?(other|opposing|wrong)\s+side\b/i, why: 'taking a side' },
];

/**
 * Why `label` is a viewpoint rule (for example "disagreement"), or null when it names conduct the policy may
 * remove. The check is deliberately broad: a refused label can be reworded to name the conduct instead.
 */
export function viewpointRuleIn(label: string): string | null {
  for (const { pattern, why } of VIEWPOINT_PATTERNS) if (pattern.test(label)) return why;
  return null;
}
