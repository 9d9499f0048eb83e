import { z } from 'zod';
import { findPii } from '../pii-finder';

/** What a flag points out. Suggestions for moderators, never actions: nothing is hidden or removed for a flag. */
export const PolicyFlagKindSchema = z.enum([
  'personal-information',
  'spam',
  'commercial',
  'crowdfunding',
  'profanity',
  'threat',
]);
export type PolicyFlagKind = z.infer<typeof PolicyFlagKindSchema>;
/** Every flag kind, in a fixed order (the search index stores a record's kinds as bits in this order). */
export const POLICY_FLAG_KINDS: readonly PolicyFlagKind[] = PolicyFlagKindSchema.options;

export interface PolicyFlag {
  flag: PolicyFlagKind;
  /** The Exhibit A category (seed id) the flag suggests. */
  category: string;
  /** Why, in plain words. */
  reason: string;
  /** The words that raised it, as found. */
  evidence: string[];
}

const CATEGORY: Record<PolicyFlagKind, string> = {
  'personal-information': 'personal-information',
  spam: 'spam',
  commercial: 'commercial',
  crowdfunding: 'crowdfunding',
  profanity: 'obscene-threatening-defamatory',
  threat: 'obscene-threatening-defamatory',
};

const CROWDFUNDING =
  /\b(?:https?:\/\/)?(?:www\.)?(gofundme\.com|kickstarter\.com|indiegogo\.com|patreon\.com|fundly\.com|givebutter\.com|gofund\.me)\S*/gi;
const COMMERCIAL =
  /\b(buy now|for sale|discount|% off|promo code|coupon|limited time offer|free shipping|order now|call now|dm (?:me )?for (?:prices?|rates)|best prices?|cheap(?:est)?|earn \$\d+|make money|work from home|visit my (?:shop|store)|check out my (?:shop|store|page|business))\b/gi;
const PROFANITY =
  /\b(fuck\w*|shit\w*|bitch\w*|bastard\w*|asshole\w*|dickhead\w*|motherfuck\w*|cunt\w*|piss off|goddamn\w*|douche\w*)\b/gi;
const THREAT =
  /\b(i(?:'m| am)? (?:going to|gonna|will) (?:kill|hurt|shoot|stab|beat|find) (?:you|him|her|them|everyone)|you(?:'ll| will) (?:die|pay for this|regret)|(?:kill|shoot) (?:you|them|him|her) all|watch your back|burn (?:it|your \w+|the \w+) down|bomb (?:the|your) \w+|i know where you live)\b/gi;
const LINK = /\bhttps?:\/\/\S+/gi;

/** The distinct matches of `pattern` in `text`, as written, at most five. */
function matches(text: string, pattern: RegExp): string[] {
  return [...new Set([...text.matchAll(pattern)].map((match) => match[0]))].slice(0, 5);
}

/** Repeated text: a sentence said three times or more, a long run of one character, or many links. */
function repetition(text: string, others: readonly string[]): string[] {
  const evidence: string[] = [];
  const sentences = text
    .split(/[.!?\n]+/)
    .map((sentence) => sentence.trim().toLowerCase())
    .filter((sentence) => sentence.length >= 8);
  const counts = new Map<string, number>();
  for (const sentence of sentences) counts.set(sentence, (counts.get(sentence) ?? 0) + 1);
  for (const [sentence, count] of counts) if (count >= 3) evidence.push(`"${sentence}" ${count} times`);
  const run = /(.)\1{9,}/u.exec(text);
  if (run) evidence.push(`${run[0].slice(0, 12)}… (a run of one character)`);
  if ((text.match(LINK) ?? []).length >= 4) evidence.push(`${(text.match(LINK) ?? []).length} links`);
  const same = text.trim().toLowerCase();
  const copies = same.length >= 12 ? others.filter((other) => other.trim().toLowerCase() === same).length : 0;
  if (copies > 0) evidence.push(`the same text posted ${copies + 1} times by its author in this thread`);
  return evidence;
}

/**
 * Suggests which Exhibit A categories a comment may fall under: personal information (the FOIA PII finder's
 * phone numbers, emails and street addresses), repeated text and spam, commercial offers, crowdfunding links,
 * profanity and threats. `others` are the same author's other texts in the thread, for repeated posting.
 * Deliberately conservative word lists: a flag asks a moderator to look; it never decides.
 */
export function findPolicyFlags(text: string, others: readonly string[] = []): PolicyFlag[] {
  const flags: PolicyFlag[] = [];
  const add = (flag: PolicyFlagKind, reason: string, evidence: string[]) => {
    if (evidence.length > 0) flags.push({ flag, category: CATEGORY[flag], reason, evidence });
  };
  const pii = findPii(text);
  add(
    'personal-information',
    'contains what looks like a phone number, email or street address',
    [...new Set(pii.map((found) => found.text))].slice(0, 5),
  );
  add('spam', 'repeated text or many links', repetition(text, others));
  add('commercial', 'reads as a commercial offer or advertisement', matches(text, COMMERCIAL));
  add('crowdfunding', 'links to a crowdfunding campaign', matches(text, CROWDFUNDING));
  add('profanity', 'contains profanity', matches(text, PROFANITY));
  add('threat', 'contains words that read as a threat', matches(text, THREAT));
  return flags;
}

/**
 * The flag kinds the search index stores for a record: those its own text raises. Repeated posting across the
 * thread (the same text by its author in other comments) needs the thread, which indexing does not read, so
 * only the record page shows that one; repetition inside the text itself (a sentence three times, many links)
 * is found here too.
 */
export function policyFlagKindsOf(text: string): PolicyFlagKind[] {
  return findPolicyFlags(text).map((flag) => flag.flag);
}

/** The flags of a record as its page shows them: its text, against its author's other texts in the thread. */
export function policyFlagsOfRecord(detail: {
  text: string;
  id: string;
  author: { id?: string; name: string };
  thread: {
    ancestors: Array<{ id: string; text: string; author: { id?: string; name: string } }>;
    replies: Array<{ id: string; text: string; author: { id?: string; name: string } }>;
  };
}): PolicyFlag[] {
  const sameAuthor = (other: { id: string; author: { id?: string; name: string } }) =>
    other.id !== detail.id &&
    (detail.author.id ? other.author.id === detail.author.id : other.author.name === detail.author.name);
  const others = [...detail.thread.ancestors, ...detail.thread.replies].filter(sameAuthor).map((other) => other.text);
  return findPolicyFlags(detail.text, others);
}
