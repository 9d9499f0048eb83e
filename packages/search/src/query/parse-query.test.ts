import { SearchQueryError } from '@verbatim/core';
import { parseQuery } from './parse-query';
import type { QueryNode } from './query-ast';

const term = (text: string, prefix = false): QueryNode => ({ type: 'term', text, prefix });
const phrase = (text: string): QueryNode => ({ type: 'phrase', text });
const and = (...children: QueryNode[]): QueryNode => ({ type: 'and', children });
const or = (...children: QueryNode[]): QueryNode => ({ type: 'or', children });
const not = (child: QueryNode): QueryNode => ({ type: 'not', child });

describe('parseQuery', () => {
  it.each<[string, QueryNode | null]>([
    ['', null],
    ['   ', null],
    ['budget', term('budget')],
    ['budget meeting', and(term('budget'), term('meeting'))],
    ['budget AND meeting', and(term('budget'), term('meeting'))],
    ['"town budget" vote', and(phrase('town budget'), term('vote'))],
    ['budg*', term('budg', true)],
    ['snow OR rain', or(term('snow'), term('rain'))],
    ['a b OR c', or(and(term('a'), term('b')), term('c'))],
    ['a OR b c', or(term('a'), and(term('b'), term('c')))],
    ['budget -draft', and(term('budget'), not(term('draft')))],
    ['budget NOT draft', and(term('budget'), not(term('draft')))],
    ['NOT NOT budget', term('budget')],
    ['-"old text"', not(phrase('old text'))],
    ['(snow OR rain) closure', and(or(term('snow'), term('rain')), term('closure'))],
    ['-(a OR b)', not(or(term('a'), term('b')))],
    ['((a))', term('a')],
    ['e-mail 2024-03-05', and(term('e-mail'), term('2024-03-05'))],
    ['clerk@town.gov #budget', and(term('clerk@town.gov'), term('#budget'))],
    ['and or not', and(term('and'), term('or'), term('not'))],
    ['a (b OR c) (d e)', and(term('a'), or(term('b'), term('c')), term('d'), term('e'))],
  ])('parses %j', (input, expected) => {
    expect(parseQuery(input)).toEqual(expected);
  });

  it.each([
    ['"budget', /quote at position 1 is never closed/],
    ['a "b', /quote at position 3/],
    ['(a b', /"\(" at position 1 is never closed/],
    ['a b)', /"\)" at position 4 has no matching "\("/],
    ['()', /parentheses at position 1 are empty/],
    ['a AND', /AND at position 3 is followed by the end of the query/],
    ['OR a', /OR at position 1 has nothing before it/],
    ['a OR OR b', /OR at position 3 is followed by OR at position 6/],
    ['a NOT', /NOT at position 3/],
    ['a - b', /"-" at position 3/],
    ['a -', /"-" at position 3/],
    ['* a', /"\*" at position 1 must end a word/],
    ['"a b"*', /"\*" at position 6/],
    ['(a AND) b', /AND at position 4 is followed by "\)" at position 7/],
  ])('refuses %j, saying what and where', (input, message) => {
    expect(() => parseQuery(input)).toThrow(SearchQueryError);
    expect(() => parseQuery(input)).toThrow(message);
  });
});
