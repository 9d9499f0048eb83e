import { Rng } from './prng';
import { escapeJsonText } from './json-text';
import { render, template, type RenderedText, type Slot, type TextTemplate } from './text-template';

/**
 * Realistic town-government posts and resident comments. The mix is deliberate: archives and search must cope
 * with emoji, accents, CJK, right-to-left scripts, URLs, hashtags, @mentions, phone numbers and emails, so the
 * corpus carries all of them. Text is a pure function of the item's hash, so a test can recompute any item.
 */

const STREETS = [
  'Main St',
  'Elm Street',
  'Route 7',
  'Oak Avenue',
  'Mill Road',
  'Church Street',
  'Bridge Lane',
  'Ridgeview Drive',
  'Old Post Road',
  'Maple Court',
];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const TIMES = ['7:00 AM', '9:30 AM', '12:00 PM', '5:30 PM', '6:00 PM', '7:00 PM', '7:30 PM'];
const VENUES = [
  'Town Hall, Room 2',
  'the Memorial Library',
  'the Senior Center',
  'Café Lumière’s community room',
  'the high school auditorium',
];
const DEPARTMENTS = [
  'Public Works',
  'Parks & Recreation',
  'the Town Clerk',
  'the Fire Marshal',
  'the Highway Department',
];
const BOARDS = [
  'Board of Selectmen',
  'Planning and Zoning Commission',
  'Board of Finance',
  'Conservation Commission',
  'Inland Wetlands Agency',
];
const PARKS = [
  'Riverside Park',
  'Veterans Memorial Field',
  'Willow Pond',
  'Heritage Green',
  'the dog park on Mill Road',
];
const BUSINESSES = [
  'Müller Hardware',
  'José’s Taquería',
  'the old Grange hall',
  'Crème de la Crème Bakery',
  'Sunrise Daycare',
];
const JOBS = ['lifeguard', 'plow driver', 'camp counselor', 'crossing guard'];
const HASHTAGS = [
  '#RoadWork',
  '#SnowUpdate',
  '#BudgetHearing',
  '#ParksAndRec',
  '#Zoning',
  '#TownMeeting',
  '#Recycling',
  '#CommunityAlert',
];
const MENTIONS = ['@PublicWorksDept', '@TownClerk', '@MillbrookPD', '@ParksAndRecCrew', '@FirstSelectman'];
const EMAILS = [
  'clerk@town.example.gov',
  'publicworks@town.example.gov',
  'finance@town.example.gov',
  'planning@town.example.gov',
];
const EMOJI = ['🎉', '🚧', '❄️', '📢', '🌳', '🗳️', '🚒', '♻️', '👍', '🙏'];
const GREETINGS = ['مرحبا بالجميع', 'שלום לכולם', 'Hola a todos', 'Bonjour à tous', '안녕하세요 이웃 여러분'];
const MULTILINGUAL = [
  '会議のお知らせ',
  '도로 공사 안내',
  '公園の清掃',
  'Información en español: reunión pública',
  'إعلان اجتماع عام',
  'הודעה על ישיבה',
];
const EDIT_REASONS = ['date', 'time', 'location', 'link', 'phone number', 'spelling'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'September', 'October', 'November'];
const URL_PATHS = ['notices', 'agendas', 'budget', 'zoning/applications', 'parks', 'snow', 'minutes'];

/** Resident names as they appear on the platform, accents and scripts included. */
export const RESIDENT_NAMES = [
  'José Álvarez',
  'Anna Müller',
  'Chloé Dubois',
  '王芳',
  '김민준',
  'Fatima Al-Sayed',
  'Noa Levi',
  'Siobhán O’Brien',
  'Dmitri Ivanov',
  'Priya Natarajan',
  'Mary-Beth Johnson',
  'Zoë Clark',
  'Ngozi Okafor',
  'Luís Gonçalves',
  'Björn Andersson',
  'Hiroshi Tanaka',
  'Renée Côté',
  'Tom Kowalski',
  'Aisha Rahman',
  'Yossi Cohen',
  'Linda Park',
  'Bob Miller',
  'Carmen Ruiz',
  'Ahmed Haddad',
  'Grace Liu',
  'Sean Murphy',
  'Ingrid Søndergaard',
  'Kwame Mensah',
];

// Generated slots write plain ASCII only, so their JSON form is themselves.
const date: Slot = (rng) => `${rng.pick(MONTHS)} ${rng.between(1, 28)}`;
const url: Slot = (rng) => `https://town.example.gov/${rng.pick(URL_PATHS)}/${rng.between(100, 9999)}`;
const phone: Slot = (rng) => `203-555-0${rng.between(100, 199)}`;
const fiscalYear: Slot = (rng) => String(rng.between(26, 28));
const application: Slot = (rng) => String(rng.between(2026001, 2026480));

const POSTS: TextTemplate[] = [
  template`🚧 Road closure: ${STREETS} between ${STREETS} and ${STREETS} will be closed ${DAYS}, ${date} from ${TIMES} for water main repair. Detour via ${STREETS}. Questions: ${phone} or ${EMAILS}. ${HASHTAGS}`,
  template`❄️ Snow plowing update: ${DEPARTMENTS} crews are out on all primary routes. Please keep cars off ${STREETS} until the parking ban lifts at ${TIMES}. Plow map: ${url} #SnowUpdate`,
  template`📢 Budget hearing: the Board of Finance holds a public hearing on the FY${fiscalYear} budget ${DAYS}, ${date} at ${TIMES}, ${VENUES}. Written comments to ${EMAILS}. ${MULTILINGUAL} #BudgetHearing`,
  template`Zoning: the Planning and Zoning Commission will hear application #${application} (${BUSINESSES}, ${STREETS}) on ${date}. Full packet: ${url} #Zoning`,
  template`🎉 ${PARKS} reopens ${DAYS}! Thanks to ${MENTIONS} and volunteers like ${RESIDENT_NAMES}. 公園 ribbon cutting at ${TIMES}. #ParksAndRec`,
  template`Meeting notice: ${BOARDS} regular meeting ${DAYS}, ${date}, ${TIMES}, ${VENUES}. Agenda: ${url} — 会議 / reunión / 회의. Accessibility requests: ${phone}.`,
  template`♻️ Bulky waste pickup moves to ${DAYS} this week because of the holiday. Schedule: ${url} ${EMOJI}`,
  template`The town is hiring a seasonal ${JOBS}. Send your résumé to ${EMAILS} by ${date}. Details: ${url}`,
  template`${GREETINGS}! ${DEPARTMENTS} reminds residents: leaf collection on ${STREETS} starts ${date}. ${EMOJI} ${HASHTAGS}`,
  template`🚒 Hydrant flushing ${DAYS} ${TIMES}–${TIMES} near ${STREETS}. Water may look cloudy. Call ${phone} with concerns. ${MENTIONS}`,
];

const COMMENTS: TextTemplate[] = [
  template`When does ${STREETS} reopen? My commute goes right past the café ${EMOJI}`,
  template`Thank you ${DEPARTMENTS}! The plow came by at 5am ❄️👍`,
  template`Will the hearing be streamed? Some of us work evenings. ${MENTIONS}`,
  template`The sidewalk on ${STREETS} is still icy near the school. Called ${phone}, no answer.`,
  template`مرحبا — is there an Arabic translation of this notice? ${EMOJI}`,
  template`שלום, will there be parking at ${VENUES}?`,
  template`도로 공사 언제 끝나요? ${STREETS} has been closed for weeks.`,
  template`会議 minutes from last time are here: ${url}`,
  template`Emailed ${EMAILS} last week and I am still waiting for an answer.`,
  template`Great news 🎉 my kids love ${PARKS}.`,
  template`Can someone explain what the rezoning means for ${BUSINESSES}? ${HASHTAGS}`,
  template`Why is the mill rate going up again? Compare ${url} with last year.`,
];

const REPLIES: TextTemplate[] = [
  template`${MENTIONS} it reopens ${DAYS} according to the notice.`,
  template`Agreed! ${EMOJI}`,
  template`Thanks, we have passed this along to ${DEPARTMENTS}. You can also reach them at ${phone}.`,
  template`Same problem on ${STREETS}. Müller’s shop had water in the basement.`,
  template`The agenda is posted at ${url} — ${MULTILINGUAL}.`,
  template`Please email ${EMAILS} so the request is on the record.`,
  template`${GREETINGS} — see you at ${VENUES}.`,
];

/** Resident names as JSON string content, escaped once. */
export const RESIDENT_NAMES_JSON = RESIDENT_NAMES.map(escapeJsonText);

/** The text an item had when created. `depth` is 0 for a post, 1 for a comment, 2–3 for replies. */
export function originalText(itemHash: number, depth: number): RenderedText {
  const rng = new Rng(itemHash);
  return render(rng.pick(depth === 0 ? POSTS : depth === 1 ? COMMENTS : REPLIES), rng);
}

/** The text after `editCount` edits. Every edit changes it, so a diff always sees the edit. */
export function textAfterEdits(itemHash: number, depth: number, editCount: number): RenderedText {
  const original = originalText(itemHash, depth);
  if (editCount === 0) return original;
  const reason = EDIT_REASONS[(itemHash + editCount) % EDIT_REASONS.length];
  const suffix =
    editCount === 1 ? ` (edited: corrected ${reason})` : ` (edited ${editCount} times: corrected ${reason})`;
  return { text: original.text + suffix, json: original.json + suffix };
}
