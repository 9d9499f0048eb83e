import { escapeJsonText, isJsonSafeAscii } from './json-text';
import { MockPlatform } from './mock-platform';

describe('escapeJsonText', () => {
  it.each(['plain', 'café 🎉 "quoted" \\ back', '会議 도로 مرحبا שלום', 'tab\tnew\nline', ''])(
    'round-trips %j through JSON as pure ASCII',
    (text) => {
      const escaped = escapeJsonText(text);
      expect(isJsonSafeAscii(escaped.replace(/\\./g, 'x'))).toBe(true);
      expect(JSON.parse(`"${escaped}"`)).toBe(text);
    },
  );

  it('gives every mock item a wire form that decodes to its text and author name', () => {
    const platform = new MockPlatform({ type: 'mock', seed: 3, posts: 200, maxCommentsPerPost: 10 });
    for (const item of platform.listItems(4)) {
      expect(JSON.parse(`"${item.wire.text}"`)).toBe(item.text);
      expect(JSON.parse(`"${item.wire.authorName}"`)).toBe(item.author.name);
    }
  });
});
