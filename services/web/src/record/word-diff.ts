import { diffWordsWithSpace } from 'diff';
import { html, type SafeHtml } from '../html';

export interface MarkedChange {
  /** The earlier text, words the later one dropped in <del>. */
  before: SafeHtml;
  /** The later text, words it brought in <ins>. */
  after: SafeHtml;
  removedWords: number;
  addedWords: number;
}

const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;

/**
 * Marks what changed between two versions, word by word, for a side-by-side view. Strikethrough and underline
 * (not only colour) show the change; visually hidden "removed:"/"added:" words announce it to screen readers,
 * which do not report <del> and <ins> by default. Whitespace counts as a token, so each side reads back exactly
 * as its version's text (plain diffWords moves spaces between sides).
 */
export function markWordChanges(beforeText: string, afterText: string): MarkedChange {
  const before: SafeHtml[] = [];
  const after: SafeHtml[] = [];
  let removedWords = 0;
  let addedWords = 0;
  for (const part of diffWordsWithSpace(beforeText, afterText)) {
    if (part.removed) {
      removedWords += wordCount(part.value);
      before.push(
        html`<del><span class="visually-hidden">[removed: </span>${part.value}<span class="visually-hidden">]</span></del>`,
      );
    } else if (part.added) {
      addedWords += wordCount(part.value);
      after.push(
        html`<ins><span class="visually-hidden">[added: </span>${part.value}<span class="visually-hidden">]</span></ins>`,
      );
    } else {
      before.push(html`${part.value}`);
      after.push(html`${part.value}`);
    }
  }
  return { before: html`${before}`, after: html`${after}`, removedWords, addedWords };
}
