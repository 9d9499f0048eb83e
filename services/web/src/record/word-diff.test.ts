import { markWordChanges } from './word-diff';

describe('markWordChanges', () => {
  it('marks removed words in the earlier text and added words in the later, each announced', () => {
    const change = markWordChanges('The road is closed today', 'The road is open today');
    expect(change.before.value).toBe(
      'The road is <del><span class="visually-hidden">[removed: </span>closed<span class="visually-hidden">]</span></del> today',
    );
    expect(change.after.value).toBe(
      'The road is <ins><span class="visually-hidden">[added: </span>open<span class="visually-hidden">]</span></ins> today',
    );
    expect([change.removedWords, change.addedWords]).toEqual([1, 1]);
  });

  it('escapes the texts, so a post cannot inject markup into the page', () => {
    const change = markWordChanges('see <b>this</b>', 'see <script>alert(1)</script>');
    expect(change.before.value).not.toContain('<b>');
    expect(change.after.value).not.toContain('<script>');
    expect(change.after.value).toContain('&lt;');
  });

  it('marks nothing when the text is the same', () => {
    const change = markWordChanges('Pool opens at noon', 'Pool opens at noon');
    expect(change.before.value).toBe('Pool opens at noon');
    expect(change.after.value).toBe('Pool opens at noon');
    expect(change.removedWords + change.addedWords).toBe(0);
  });

  it("keeps each side exactly its version's text, spaces and line breaks included", () => {
    const strip = (markup: string) =>
      markup.replace(/<span class="visually-hidden">[^<]*<\/span>/g, '').replace(/<\/?(del|ins)>/g, '');
    for (const [earlier, later] of [
      ['Agreed! 🌳', 'Agreed! 🌳 (edited: corrected date)'],
      ['a\nb  c', 'a b\nc d'],
      ['Pool closed', ''],
    ]) {
      const change = markWordChanges(earlier, later);
      expect([strip(change.before.value), strip(change.after.value)]).toEqual([earlier, later]);
    }
  });

  it('counts words added to an empty version', () => {
    const change = markWordChanges('', 'Now with words');
    expect(change.addedWords).toBe(3);
    expect(change.after.value).toContain('<ins>');
  });
});
