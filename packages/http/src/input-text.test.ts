import {
  MAX_JSON_DEPTH,
  problemOfJsonValue,
  problemOfPath,
  problemOfUrlEncoded,
  problemOfUtf8Bytes,
} from './input-text';

describe('checks on text arriving over HTTP', () => {
  it('refuses path segments that do not decode or hold NUL, and keeps the rest', () => {
    expect(problemOfPath('/api/v1/records/%FF')).toContain('not valid percent-encoded UTF-8');
    expect(problemOfPath('/api/v1/records/%E0%A4%A')).toContain('not valid percent-encoded UTF-8');
    expect(problemOfPath('/api/v1/records/a%00b')).toContain('NUL');
    expect(problemOfPath('/api/v1/records/rec_1')).toBeNull();
    expect(problemOfPath('/api/v1/records/caf%C3%A9%2Fx')).toBeNull();
  });

  it('refuses query and form fields with NUL or bytes that are not UTF-8, naming the field', () => {
    expect(problemOfUrlEncoded('q=a%00b', 'the query')).toBe('the query has a field "q" that contains a NUL character');
    expect(problemOfUrlEncoded('limit=2&q=caf%E9', 'the query')).toBe(
      'the query has a field "q" that is not valid UTF-8',
    );
    expect(problemOfUrlEncoded(Buffer.from('q=caf\xe9', 'latin1').toString('latin1'), 'the form')).toContain(
      'not valid UTF-8',
    );
    expect(problemOfUrlEncoded('q=caf%C3%A9+100%&a=%2B&&b', 'the query')).toBeNull();
  });

  it('refuses bytes that are not UTF-8', () => {
    expect(problemOfUtf8Bytes(Buffer.from([0x7b, 0xff, 0x7d]), 'the body')).toBe('the body is not valid UTF-8');
    expect(problemOfUtf8Bytes(Buffer.from('{"a":"é"}'), 'the body')).toBeNull();
  });

  it('finds NUL and unpaired surrogates anywhere in a JSON value, and nesting that is too deep', () => {
    expect(problemOfJsonValue({ a: [{ b: 'x\u0000' }] }, 'the body')).toBe(
      'the body at a.0.b contains a NUL character',
    );
    expect(problemOfJsonValue({ ['k\u0000']: 1 }, 'the body')).toContain('field name that contains a NUL');
    expect(problemOfJsonValue(['\ud800'], 'the body')).toContain('unpaired surrogate');
    expect(problemOfJsonValue(['\udc00x'], 'the body')).toContain('unpaired surrogate');
    expect(problemOfJsonValue({ text: 'emoji 😀 and café' }, 'the body')).toBeNull();
    let deep: unknown = 1;
    for (let level = 0; level < 100_000; level += 1) deep = [deep];
    expect(problemOfJsonValue(deep, 'the body')).toBe(`the body nests deeper than ${MAX_JSON_DEPTH} levels`);
  });
});
