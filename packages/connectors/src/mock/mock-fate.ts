import { MockLayout } from './mock-layout';
import { hashInts, hashUnit } from './prng';

export const ACTION_NONE = 0;
export const ACTION_EDIT = 1;
export const ACTION_HIDE = 2;
export const ACTION_DELETE = 3;

/** What has happened to one item by some step; 0 means "never". Reused across items to avoid allocation. */
export interface Fate {
  deletedAt: number;
  hiddenAt: number;
  editCount: number;
  lastEditAt: number;
}

export function newFate(): Fate {
  return { deletedAt: 0, hiddenAt: 0, editCount: 0, lastEditAt: 0 };
}

export interface FateRates {
  editRate: number;
  hideRate: number;
  deleteRate: number;
}

interface ForcedAction {
  step: number;
  action: number;
}

const SALT_FATE = 21;
const SALT_FORCED = 22;
/** Keys items as post * stride + comment + 1; the stride exceeds any post's possible comment count. */
const KEY_STRIDE = 4096;

/**
 * Decides, for every item and every step after its creation, whether it is edited, hidden or deleted. Each
 * step is one hash roll per item, so an item's state at step N costs O(N - created).
 *
 * Rolls alone could leave a small corpus with no deletion in some pass, and tests need every pass to exercise
 * every change. So for each step ≥ 2 one still-visible item is also forced to each action whose rate is > 0.
 * Forced targets of step t depend only on steps < t, and are computed once, in order, and kept (3 per step).
 */
export class FateBook {
  private readonly forced = new Map<number, ForcedAction[]>();
  private forcedThrough = 1;
  private readonly deleteCut: number;
  private readonly hideCut: number;
  private readonly editCut: number;
  private readonly boundaries = new Int32Array(4);
  private readonly scratch = newFate();

  constructor(
    private readonly layout: MockLayout,
    private readonly rates: FateRates,
  ) {
    if (layout.maxCommentsEver >= KEY_STRIDE) throw new Error('too many comments per post for the fate key');
    this.deleteCut = rates.deleteRate;
    this.hideCut = this.deleteCut + rates.hideRate;
    this.editCut = this.hideCut + rates.editRate;
  }

  /** Makes sure forced targets are known through `step`; call before `compute` for that step. */
  ensure(step: number): void {
    for (let t = this.forcedThrough + 1; t <= step; t++) this.chooseForced(t);
    if (step > this.forcedThrough) this.forcedThrough = step;
  }

  /** Fills `out` with the fate at `step` of the item created at `createdStep` (`ensure(step)` first). */
  compute(post: number, comment: number, itemHash: number, createdStep: number, step: number, out: Fate): void {
    out.deletedAt = 0;
    out.hiddenAt = 0;
    out.editCount = 0;
    out.lastEditAt = 0;
    const forced = this.forced.size === 0 ? undefined : this.forced.get(post * KEY_STRIDE + comment + 1);
    for (let t = createdStep + 1; t <= step; t++) {
      const roll = hashUnit(itemHash, SALT_FATE, t);
      let action =
        roll < this.deleteCut
          ? ACTION_DELETE
          : roll < this.hideCut
            ? ACTION_HIDE
            : roll < this.editCut
              ? ACTION_EDIT
              : ACTION_NONE;
      if (forced !== undefined) {
        for (const entry of forced) if (entry.step === t) action = entry.action;
      }
      if (action === ACTION_DELETE) {
        out.deletedAt = t;
        return;
      }
      if (action === ACTION_HIDE && out.hiddenAt === 0) out.hiddenAt = t;
      if (action === ACTION_EDIT) {
        out.editCount++;
        out.lastEditAt = t;
      }
    }
  }

  private chooseForced(step: number): void {
    const posts = this.layout.postCount(step - 1);
    if (posts === 0) return;
    const chosen = new Set<number>();
    const wanted: Array<[number, number]> = [
      [ACTION_DELETE, this.rates.deleteRate],
      [ACTION_HIDE, this.rates.hideRate],
      [ACTION_EDIT, this.rates.editRate],
    ];
    for (const [action, rate] of wanted) {
      if (rate <= 0) continue;
      const key = this.findVisibleItem(
        step - 1,
        posts,
        hashInts(this.layout.seedHash ^ SALT_FORCED, step, action),
        chosen,
      );
      if (key === undefined) continue;
      chosen.add(key);
      const list = this.forced.get(key) ?? [];
      list.push({ step, action });
      this.forced.set(key, list);
    }
  }

  /** Scans from a hashed post for an item visible (not deleted, not hidden) at `step`; undefined if none is. */
  private findVisibleItem(step: number, posts: number, roll: number, exclude: Set<number>): number | undefined {
    const start = roll % posts;
    for (let q = 0; q < posts; q++) {
      const post = (start + q) % posts;
      const postCreated = this.layout.postCreatedStep(post);
      this.layout.commentBoundaries(post, this.boundaries);
      const candidates = MockLayout.commentCountAt(this.boundaries, postCreated, step) + 1;
      const offset = (roll >>> 7) % candidates;
      for (let r = 0; r < candidates; r++) {
        const comment = ((offset + r) % candidates) - 1;
        const key = post * KEY_STRIDE + comment + 1;
        if (exclude.has(key)) continue;
        const created =
          comment < 0 ? postCreated : MockLayout.commentCreatedStep(this.boundaries, postCreated, comment);
        this.compute(post, comment, this.layout.itemHash(post, comment), created, step, this.scratch);
        if (this.scratch.deletedAt === 0 && this.scratch.hiddenAt === 0) return key;
      }
    }
    return undefined;
  }
}
