import { hashInts } from '../../mock/prng';

const TOWN_TOPICS = [
  'Leaf pickup starts Monday on',
  'Road closure this week on',
  'Water main repair scheduled for',
  'The farmers market returns to',
  'Snow parking ban in effect on',
  'Public hearing on the budget at',
  'Library story hour moves to',
  'Hydrant flushing along',
];
const PLACES = ['Elm Street', 'Main Street', 'the Town Green', 'Café Rosa on Mill Road', 'Route 7', 'Oak Hill'];
const ENDINGS = ['.', '. 🍂', '. Details: https://town.example.gov/news', ' — thank you for your patience.'];
const RESIDENT_REPLIES = [
  'Which streets?',
  'Thanks for the update!',
  'Is this still happening if it rains?',
  'My street was skipped again.',
  'Can you post the map?',
  'Great news 👏',
  'Who do I call about this?',
  'Über-helpful, thanks.',
];
const TOWN_ANSWERS = [
  'Yes, crews start at 7 a.m.',
  'Please call Public Works at 555-0100.',
  'The map is on our website.',
  'We will check and get back to you.',
];
const RESIDENT_POSTS = ['Great turnout at the library fundraiser!', 'Sunset over the reservoir tonight.'];

export const RESIDENT_NAMES = [
  'Maria Lopez',
  'James Oduya',
  'Priya Raman',
  'Tom Becker',
  'Ana Sousa',
  'Dmitri Volkov',
  'Grace Kim',
  'Liam O’Brien',
  'Fatima Zahra',
  'Chen Wei',
  'Sofia Rossi',
  'Noah Williams',
];

/** A resident's handle: their name, lower-cased and hyphenated, on bsky.social. */
export function residentHandle(index: number): string {
  const name = RESIDENT_NAMES[index]
    .normalize('NFKD')
    .replace(/[^A-Za-z ]/g, '')
    .toLowerCase();
  return `${name.replace(/ /g, '-')}.bsky.social`;
}

export type TextRole = 'town-post' | 'town-answer' | 'resident-reply' | 'resident-post';

/** The text of an item after `edits` edits: each edit appends a correction, as a person rewriting would. */
export function fakeText(hash: number, role: TextRole, edits: number): string {
  const pick = <T>(list: readonly T[], salt: number) => list[hashInts(hash, salt) % list.length];
  let text =
    role === 'town-post'
      ? `${pick(TOWN_TOPICS, 1)} ${pick(PLACES, 2)}${pick(ENDINGS, 3)}`
      : role === 'town-answer'
        ? pick(TOWN_ANSWERS, 4)
        : role === 'resident-reply'
          ? pick(RESIDENT_REPLIES, 5)
          : pick(RESIDENT_POSTS, 6);
  for (let edit = 1; edit <= edits; edit++) text += ` [Update ${edit}: times changed]`;
  return text;
}
