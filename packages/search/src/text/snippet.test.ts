import { foldForIndex, tokenizeFolded } from './fold-text';
import { buildSnippet } from './snippet';

const terms = (...words: string[]) =>
  words.map((word) => ({ tokens: tokenizeFolded(foldForIndex(word)), prefix: word.endsWith('*') }));

describe('buildSnippet', () => {
  it('marks matches and escapes the rest', () => {
    expect(buildSnippet(['<b>Budget</b> & more'], terms('budget'))).toBe(
      '&lt;b&gt;<mark>Budget</mark>&lt;/b&gt; &amp; more',
    );
  });

  it('marks a phrase as one span and a prefix by its word', () => {
    expect(buildSnippet(['the town budget vote'], [{ tokens: ['town', 'budget'], prefix: false }])).toBe(
      'the <mark>town budget</mark> vote',
    );
    expect(buildSnippet(['budgeting now'], [{ tokens: ['budg'], prefix: true }])).toBe('<mark>budgeting</mark> now');
  });

  it('cuts a window around the best cluster of matches, with ellipses', () => {
    const text = `${'filler '.repeat(40)}budget vote ${'tail '.repeat(40)}`.trim();
    const snippet = buildSnippet([text], terms('budget', 'vote'), 10)!;
    expect(snippet).toMatch(/^…filler filler filler <mark>budget<\/mark> <mark>vote<\/mark> tail/);
    expect(snippet.endsWith('…')).toBe(true);
  });

  it('prefers the column matching the most distinct terms, folds accents, rejoins CJK', () => {
    expect(buildSnippet(['budget', 'budget café'], terms('budget', 'cafe'))).toBe(
      '<mark>budget</mark> <mark>café</mark>',
    );
    expect(buildSnippet([foldForIndex('市議会の会議')], terms('会議'))).toBe('市議会の<mark>会議</mark>');
    expect(buildSnippet(['nothing here'], terms('budget'))).toBeUndefined();
  });
});
