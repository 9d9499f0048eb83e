import { wikitextToText } from './wikitext-to-text';

describe('wikitext to plain text', () => {
  it('keeps what a reader sees of headings, links, emphasis and lists', () => {
    const wikitext = [
      '{{Infobox town|name=Springfield|{{nested|x}}}}',
      "'''Springfield''' holds its [[Town meeting|annual meeting]] in [[May]].<ref>Charter, §3</ref>",
      '== Agenda ==',
      '* Budget for [[Fiscal year 2026]]',
      '# Roads, see [https://town.example.gov/roads the roads page] and [https://town.example.gov/x]',
      '<!-- hidden note --> Questions to the clerk.<br/>Thank you &amp; welcome.',
      '[[File:Hall.jpg|thumb|The [[town hall]] in winter]]',
      '[[Category:Meetings]]',
    ].join('\n');
    expect(wikitextToText(wikitext)).toBe(
      [
        'Springfield holds its annual meeting in May.',
        '',
        'Agenda',
        '',
        'Budget for Fiscal year 2026',
        'Roads, see the roads page and',
        'Questions to the clerk.',
        'Thank you & welcome.',
      ].join('\n'),
    );
  });

  it('reads a table as its cells, one per line', () => {
    const wikitext = ['{| class="wikitable"', '! Date !! Body', '|-', '| style="x" | May 1 || Council', '|}'].join(
      '\n',
    );
    expect(wikitextToText(wikitext)).toBe(['Date', 'Body', 'May 1', 'Council'].join('\n'));
  });

  it('survives unclosed markup without looping', () => {
    expect(wikitextToText('{{unclosed [[link|text')).toBe('{{unclosed [[link|text');
    expect(wikitextToText('')).toBe('');
  });
});
