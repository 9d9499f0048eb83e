import { decodeEntities, htmlToText } from './html-to-text';

describe('htmlToText (Mastodon status HTML)', () => {
  it('turns paragraphs into blank-line breaks and <br> into line breaks', () => {
    expect(htmlToText('<p>Water main repair tonight.</p><p>Elm St closed<br>from 8 pm<br />to 6 am.</p>')).toBe(
      'Water main repair tonight.\n\nElm St closed\nfrom 8 pm\nto 6 am.',
    );
  });

  it('keeps links as their text, joining the spans Mastodon splits URLs into', () => {
    const html =
      '<p>Details: <a href="https://town.example/notices/water" rel="nofollow noopener" target="_blank">' +
      '<span class="invisible">https://</span><span class="ellipsis">town.example/notices/wa</span>' +
      '<span class="invisible">ter</span></a> cc <span class="h-card"><a href="https://gov.social/@dpw" ' +
      'class="u-url mention">@<span>dpw</span></a></span> <a href="https://gov.social/tags/water" ' +
      'class="mention hashtag" rel="tag">#<span>water</span></a></p>';
    expect(htmlToText(html)).toBe('Details: https://town.example/notices/water cc @dpw #water');
  });

  it('decodes named, decimal and hex entities, and leaves unknown names and stray ampersands alone', () => {
    expect(
      htmlToText('<p>Fish &amp; Chips &lt;3 &quot;hi&quot; &#39;x&#39; caf&#xE9; &#128512; &bogus; AT&T</p>'),
    ).toBe('Fish & Chips <3 "hi" \'x\' café 😀 &bogus; AT&T');
    expect(decodeEntities('a&nbsp;b &#0; &#xD800;')).toBe('a\u00a0b \ufffd \ufffd');
  });

  it('collapses whitespace like a browser, but not inside <pre>', () => {
    expect(htmlToText('<p>  one\n   two\t three  </p>\n<p> four </p>')).toBe('one two three\n\nfour');
    expect(htmlToText('<pre>a  b\n  c</pre>')).toBe('a  b\n  c');
  });

  it('puts list items and quotes on their own lines and drops scripts, styles and comments', () => {
    expect(
      htmlToText('<p>Agenda:</p><ul><li>Budget</li><li>Roads</li></ul><blockquote><p>Quoted</p></blockquote>'),
    ).toBe('Agenda:\n\nBudget\nRoads\n\nQuoted');
    expect(htmlToText('<p>a<!-- <p>hidden</p> --><script>alert("x>")</script><style>p{}</style>b</p>')).toBe('ab');
  });

  it('keeps a tag-like "<" that is not a tag, reads attributes holding ">", and ignores tag case', () => {
    expect(htmlToText('<P>1 < 2 and <a title="a>b" href="#">link</a><BR>end</P>')).toBe('1 < 2 and link\nend');
  });

  it('keeps consecutive <br> as blank lines and gives empty content as empty text', () => {
    expect(htmlToText('<p>a<br><br>b</p>')).toBe('a\n\nb');
    expect(htmlToText('')).toBe('');
    expect(htmlToText('<p></p>')).toBe('');
  });
});
