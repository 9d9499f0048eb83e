/**
 * Facebook's and Instagram's JSON downloads write text as the Latin-1 reading of its UTF-8 bytes: "é" is
 * stored as `\u00c3\u00a9`, an emoji as four such characters. Such a string has no character above U+00FF;
 * its characters read as bytes are then the UTF-8 of the real text. A string that is not valid UTF-8 that way
 * (real Latin-1 text, which the downloads do not write but a hand-edited file might) is left as it is.
 */
export function repairMetaText(text: string): string {
  // eslint-disable-next-line no-control-regex -- the test is "only characters up to U+00FF, some above ASCII"
  if (!/[\u0080-\u00ff]/.test(text) || /[^\u0000-\u00ff]/.test(text)) return text;
  const bytes = Buffer.from(text, 'latin1');
  const decoded = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  return decoded.includes('\ufffd') ? text : decoded;
}
