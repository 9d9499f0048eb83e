import { Rng } from './prng';

/**
 * Realistic town-government posts and resident comments. The mix is deliberate: archives and search must cope
 * with emoji, accents, CJK, right-to-left scripts, URLs, hashtags, @mentions, phone numbers and emails, so the
 * corpus carries all of them. Text is a pure function of the item's hash, so a test can recompute any item.
 */

const STREETS = ['Main St', 'Elm Street', 'Route 7', 'Oak Avenue', 'Mill Road', 'Church Street', 'Bridge Lane', 'Ridgeview Drive', 'Old Post Road', 'Maple Court'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'September', 'October', 'November'];
const TIMES = ['7:00 AM', '9:30 AM', '12:00 PM', '5:30 PM', '6:00 PM', '7:00 PM', '7:30 PM'];
const VENUES = ['Town Hall, Room 2', 'the Memorial Library', 'the Senior Center', 'Café Lumière’s community room', 'the high school auditorium'];
const DEPARTMENTS = ['Public Works', 'Parks & Recreation', 'the Town Clerk', 'the Fire Marshal', 'the Highway Department'];
const BOARDS = ['Board of Selectmen', 'Planning and Zoning Commission', 'Board of Finance', 'Conservation Commission', 'Inland Wetlands Agency'];
const PARKS = ['Riverside Park', 'Veterans Memorial Field', 'Willow Pond', 'Heritage Green', 'the dog park on Mill Road'];
const BUSINESSES = ['Müller Hardware', 'José’s Taquería', 'the old Grange hall', 'Crème de la Crème Bakery', 'Sunrise Daycare'];
const HASHTAGS = ['#RoadWork', '#SnowUpdate', '#BudgetHearing', '#ParksAndRec', '#Zoning', '#TownMeeting', '#Recycling', '#CommunityAlert'];
const MENTIONS = ['@PublicWorksDept', '@TownClerk', '@MillbrookPD', '@ParksAndRecCrew', '@FirstSelectman'];
const EMAILS = ['clerk@town.example.gov', 'publicworks@town.example.gov', 'finance@town.example.gov', 'planning@town.example.gov'];
const URL_PATHS = ['notices', 'agendas', 'budget', 'zoning/applications', 'parks', 'snow', 'minutes'];
const EMOJI = ['🎉', '🚧', '❄️', '📢', '🌳', '🗳️', '🚒', '♻️', '👍', '🙏'];
const GREETINGS = ['مرحبا بالجميع', 'שלום לכולם', 'Hola a todos', 'Bonjour à tous', '안녕하세요 이웃 여러분'];
const MULTILINGUAL = ['会議のお知らせ', '도로 공사 안내', '公園の清掃', 'Información en español: reunión pública', 'إعلان اجتماع عام', 'הודעה על ישיבה'];
const EDIT_REASONS = ['date', 'time', 'location', 'link', 'phone number', 'spelling'];

/** Resident names as they appear on the platform, accents and scripts included. */
export const RESIDENT_NAMES = [
  'José Álvarez', 'Anna Müller', 'Chloé Dubois', '王芳', '김민준', 'Fatima Al-Sayed', 'Noa Levi', 'Siobhán O’Brien',
  'Dmitri Ivanov', 'Priya Natarajan', 'Mary-Beth Johnson', 'Zoë Clark', 'Ngozi Okafor', 'Luís Gonçalves',
  'Björn Andersson', 'Hiroshi Tanaka', 'Renée Côté', 'Tom Kowalski', 'Aisha Rahman', 'Yossi Cohen', 'Linda Park',
  'Bob Miller', 'Carmen Ruiz', 'Ahmed Haddad', 'Grace Liu', 'Sean Murphy', 'Ingrid Søndergaard', 'Kwame Mensah',
];

function date(rng: Rng): string {
  return `${rng.pick(MONTHS)} ${rng.between(1, 28)}`;
}

function url(rng: Rng): string {
  return `https://town.example.gov/${rng.pick(URL_PATHS)}/${rng.between(100, 9999)}`;
}

function phone(rng: Rng): string {
  return `203-555-0${rng.between(100, 199)}`;
}

type Template = (rng: Rng) => string;

const POST_TEMPLATES: Template[] = [
  (r) => `🚧 Road closure: ${r.pick(STREETS)} between ${r.pick(STREETS)} and ${r.pick(STREETS)} will be closed ${r.pick(DAYS)}, ${date(r)} from ${r.pick(TIMES)} for water main repair. Detour via ${r.pick(STREETS)}. Questions: ${phone(r)} or ${r.pick(EMAILS)}. ${r.pick(HASHTAGS)}`,
  (r) => `❄️ Snow plowing update: ${r.pick(DEPARTMENTS)} crews are out on all primary routes. Please keep cars off ${r.pick(STREETS)} until the parking ban lifts at ${r.pick(TIMES)}. Plow map: ${url(r)} #SnowUpdate`,
  (r) => `📢 Budget hearing: the Board of Finance holds a public hearing on the FY${r.between(26, 28)} budget ${r.pick(DAYS)}, ${date(r)} at ${r.pick(TIMES)}, ${r.pick(VENUES)}. Written comments to ${r.pick(EMAILS)}. ${r.pick(MULTILINGUAL)} #BudgetHearing`,
  (r) => `Zoning: the Planning and Zoning Commission will hear application #${r.between(2026001, 2026480)} (${r.pick(BUSINESSES)}, ${r.pick(STREETS)}) on ${date(r)}. Full packet: ${url(r)} #Zoning`,
  (r) => `🎉 ${r.pick(PARKS)} reopens ${r.pick(DAYS)}! Thanks to ${r.pick(MENTIONS)} and volunteers like ${r.pick(RESIDENT_NAMES)}. 公園 ribbon cutting at ${r.pick(TIMES)}. #ParksAndRec`,
  (r) => `Meeting notice: ${r.pick(BOARDS)} regular meeting ${r.pick(DAYS)}, ${date(r)}, ${r.pick(TIMES)}, ${r.pick(VENUES)}. Agenda: ${url(r)} — 会議 / reunión / 회의. Accessibility requests: ${phone(r)}.`,
  (r) => `♻️ Bulky waste pickup moves to ${r.pick(DAYS)} this week because of the holiday. Schedule and the résumé of changes: ${url(r)} ${r.pick(EMOJI)}`,
  (r) => `The town is hiring a seasonal ${r.pick(['lifeguard', 'plow driver', 'camp counselor', 'crossing guard'])}. Send your résumé to ${r.pick(EMAILS)} by ${date(r)}. Details: ${url(r)}`,
  (r) => `${r.pick(GREETINGS)}! ${r.pick(DEPARTMENTS)} reminds residents: leaf collection on ${r.pick(STREETS)} starts ${date(r)}. ${r.pick(EMOJI)} ${r.pick(HASHTAGS)}`,
  (r) => `🚒 Hydrant flushing ${r.pick(DAYS)} ${r.pick(TIMES)}–${r.pick(TIMES)} near ${r.pick(STREETS)}. Water may look cloudy. Call ${phone(r)} with concerns. ${r.pick(MENTIONS)}`,
];

const COMMENT_TEMPLATES: Template[] = [
  (r) => `When does ${r.pick(STREETS)} reopen? My commute goes right past the café ${r.pick(EMOJI)}`,
  (r) => `Thank you ${r.pick(DEPARTMENTS)}! The plow came by at 5am ❄️👍`,
  (r) => `Will the hearing be streamed? Some of us work evenings. ${r.pick(MENTIONS)}`,
  (r) => `The sidewalk on ${r.pick(STREETS)} is still icy near the school. Called ${phone(r)}, no answer.`,
  (r) => `مرحبا — is there an Arabic translation of this notice? ${r.pick(EMOJI)}`,
  (r) => `שלום, will there be parking at ${r.pick(VENUES)}?`,
  (r) => `도로 공사 언제 끝나요? ${r.pick(STREETS)} has been closed for weeks.`,
  (r) => `会議 minutes from last time are here: ${url(r)}`,
  (r) => `Emailed ${r.pick(EMAILS)} last week and I am still waiting for an answer.`,
  (r) => `Great news 🎉 my kids love ${r.pick(PARKS)}.`,
  (r) => `Can someone explain what the rezoning means for ${r.pick(BUSINESSES)}? ${r.pick(HASHTAGS)}`,
  (r) => `Why is the mill rate going up again? Compare ${url(r)} with last year.`,
];

const REPLY_TEMPLATES: Template[] = [
  (r) => `${r.pick(MENTIONS)} it reopens ${r.pick(DAYS)} according to the notice.`,
  (r) => `Agreed! ${r.pick(EMOJI)}`,
  (r) => `Thanks, we have passed this along to ${r.pick(DEPARTMENTS)}. You can also reach them at ${phone(r)}.`,
  (r) => `Same problem on ${r.pick(STREETS)}. Müller’s shop had water in the basement.`,
  (r) => `The agenda is posted at ${url(r)} — ${r.pick(MULTILINGUAL)}.`,
  (r) => `Please email ${r.pick(EMAILS)} so the request is on the record.`,
  (r) => `${r.pick(GREETINGS)} — see you at ${r.pick(VENUES)}.`,
];

/** The text an item had when created. `depth` is 0 for a post, 1 for a comment, 2–3 for replies. */
export function originalText(itemHash: number, depth: number): string {
  const rng = new Rng(itemHash);
  const templates = depth === 0 ? POST_TEMPLATES : depth === 1 ? COMMENT_TEMPLATES : REPLY_TEMPLATES;
  return rng.pick(templates)(rng);
}

/** The text after `editCount` edits. Every edit changes it, so a diff always sees the edit. */
export function textAfterEdits(itemHash: number, depth: number, editCount: number): string {
  const original = originalText(itemHash, depth);
  if (editCount === 0) return original;
  const reason = EDIT_REASONS[(itemHash + editCount) % EDIT_REASONS.length];
  return editCount === 1
    ? `${original} (edited: corrected ${reason})`
    : `${original} (edited ${editCount} times: corrected ${reason})`;
}
