import { Readable } from 'node:stream';
import { jsonArrayElements, JsonArrayNotFoundError } from './json-array-elements';

/** The text as a stream cut into chunks of `size` bytes, so every boundary case is crossed. */
function chunked(text: string, size: number): Readable {
  const bytes = Buffer.from(text, 'utf8');
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
  return Readable.from(chunks);
}

async function elementsOf(text: string, size: number, marker = ''): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const element of jsonArrayElements(chunked(text, size), marker)) out.push(JSON.parse(element.toString()));
  return out;
}

describe('jsonArrayElements', () => {
  const elements = [
    { tweet: { id: '1', full_text: 'a "quoted" word, a [bracket] and a {brace}' } },
    { tweet: { id: '2', full_text: 'back\\slash \\" and é ü 😀', nested: [[1, 2], { a: [] }] } },
    [1, 'two', { three: 3 }],
  ];
  const tweetsJs = `window.YTD.tweets.part0 = ${JSON.stringify(elements, null, 2)}\n`;

  it.each([1, 2, 3, 7, 64, 100_000])(
    'yields each element of the array after a prefix, in chunks of %i bytes',
    async (size) => {
      expect(await elementsOf(tweetsJs, size)).toEqual(elements);
    },
  );

  it('finds the array after a marker', async () => {
    const outbox = JSON.stringify({ '@context': ['x'], id: 'o', totalItems: 2, orderedItems: [{ id: 1 }, { id: 2 }] });
    for (const size of [1, 5, 1000])
      expect(await elementsOf(outbox, size, '"orderedItems"')).toEqual([{ id: 1 }, { id: 2 }]);
  });

  it('yields nothing for an empty array, and says when there is no array at all', async () => {
    expect(await elementsOf('window.YTD.tweets.part0 = []', 4)).toEqual([]);
    await expect(elementsOf('{"a":1}', 4, '"orderedItems"')).rejects.toBeInstanceOf(JsonArrayNotFoundError);
  });

  it('refuses a file that ends inside an element', async () => {
    await expect(elementsOf('[{"a":1},{"b":', 3)).rejects.toThrow(/ends inside an element/);
  });
});
