import { SearchQueryError } from '@verbatim/core';

/** A lexical unit of the query language, with its 1-based character position for error messages. */
export type QueryToken =
  | { kind: 'word'; text: string; prefix: boolean; position: number }
  | { kind: 'phrase'; text: string; position: number }
  | { kind: 'and' | 'or' | 'not' | 'minus' | 'open' | 'close'; position: number };

const OPERATORS: Record<string, 'and' | 'or' | 'not'> = { AND: 'and', OR: 'or', NOT: 'not' };
/** Characters that end a word: they have their own meaning in the language. */
const WORD_END = /[\s()"]/;

/** Splits query text into tokens. Throws `SearchQueryError` for an unclosed quote or a stray `-` or `*`. */
export function lexQuery(input: string): QueryToken[] {
  const tokens: QueryToken[] = [];
  let index = 0;
  while (index < input.length) {
    const char = input[index];
    const position = index + 1;
    if (/\s/.test(char)) {
      index += 1;
    } else if (char === '(' || char === ')') {
      tokens.push({ kind: char === '(' ? 'open' : 'close', position });
      index += 1;
    } else if (char === '"') {
      index = lexPhrase(input, index, tokens);
    } else if (char === '-') {
      const next = input[index + 1];
      if (next === undefined || /[\s)]/.test(next)) {
        throw new SearchQueryError(`"-" at position ${position} must be directly followed by the word to exclude`);
      }
      tokens.push({ kind: 'minus', position });
      index += 1;
    } else {
      index = lexWord(input, index, tokens);
    }
  }
  return tokens;
}

function lexPhrase(input: string, start: number, tokens: QueryToken[]): number {
  const end = input.indexOf('"', start + 1);
  if (end < 0) throw new SearchQueryError(`the quote at position ${start + 1} is never closed`);
  if (input[end + 1] === '*') {
    throw new SearchQueryError(`"*" at position ${end + 2} follows a phrase; a prefix * can only end a word`);
  }
  tokens.push({ kind: 'phrase', text: input.slice(start + 1, end), position: start + 1 });
  return end + 1;
}

function lexWord(input: string, start: number, tokens: QueryToken[]): number {
  let end = start;
  while (end < input.length && !WORD_END.test(input[end])) end += 1;
  const raw = input.slice(start, end);
  const operator = OPERATORS[raw];
  if (operator) {
    tokens.push({ kind: operator, position: start + 1 });
    return end;
  }
  const text = raw.replace(/\*+$/, '');
  if (text.length === 0) throw new SearchQueryError(`"*" at position ${start + 1} must end a word, as in budg*`);
  tokens.push({ kind: 'word', text, prefix: text.length < raw.length, position: start + 1 });
  return end;
}
