import type { XTweet } from './x-archive-payload.schema';

/** The tweets of one edit chain seen so far, and every id the chain has. */
interface Chain {
  tweets: XTweet[];
  ids: Set<string>;
}

/**
 * Gathers the tweets of each edited tweet until its whole chain is read (the archive lists them anywhere, newest
 * first as a rule), so the chain can be applied as one record with its versions oldest first. Tweets never
 * edited pass straight through; only chains wait, and edits are rare.
 */
export class EditChains {
  private readonly chains = new Map<string, Chain>();

  /** The chain's tweets, oldest first, once the last of them arrives; [tweet] for a tweet never edited. */
  add(tweet: XTweet): XTweet[] {
    const place = chainOf(tweet);
    if (!place) return [tweet];
    let chain = this.chains.get(place.initialId);
    if (!chain) {
      chain = { tweets: [], ids: new Set() };
      this.chains.set(place.initialId, chain);
    }
    chain.tweets.push(tweet);
    for (const id of place.ids) chain.ids.add(id);
    const seen = new Set(chain.tweets.map((member) => member.id_str));
    if (chain.ids.size > 0 && [...chain.ids].every((id) => seen.has(id))) {
      this.chains.delete(place.initialId);
      return oldestFirst(chain.tweets);
    }
    return [];
  }

  /** Chains the archive holds only part of (an edit made after the export, say), each oldest first. */
  *rest(): Generator<XTweet[]> {
    for (const chain of this.chains.values()) yield oldestFirst(chain.tweets);
    this.chains.clear();
  }
}

/** The id of the chain's first tweet (the record's platform id) and the chain's ids as far as this tweet knows. */
export function chainOf(tweet: XTweet): { initialId: string; ids: string[] } | null {
  const info = tweet.edit_info;
  if (info?.edit) return { initialId: info.edit.initialTweetId, ids: info.edit.editControlInitial?.editTweetIds ?? [] };
  const ids = info?.initial?.editTweetIds ?? [];
  if (ids.length > 1) return { initialId: tweet.id_str, ids };
  return null;
}

function oldestFirst(tweets: XTweet[]): XTweet[] {
  return [...tweets].sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at) || compareIds(a, b));
}

/** Tweet ids grow with time (snowflakes): a tie-break for edits made within the same second. */
function compareIds(a: XTweet, b: XTweet): number {
  return a.id_str.length - b.id_str.length || (a.id_str < b.id_str ? -1 : a.id_str > b.id_str ? 1 : 0);
}
