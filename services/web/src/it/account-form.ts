import type { AccountPerson } from '@verbatim/core';
import type { ConnectorTypeDescription } from '@verbatim/app';
import type { InputProblem } from './input-problem';
import { parseConnectorSettings } from './connector-settings-text';
import { text, type FieldErrors } from './form-field';

/** The account form as typed: every API field, people and connector settings as lines of text. */
export interface AccountForm {
  agencyId: string;
  platform: string;
  handle: string;
  displayName: string;
  url: string;
  status: string;
  syncIntervalMinutes: string;
  administrators: string;
  moderators: string;
  connectorType: string;
  connectorSettings: string;
}

const FIELDS: Array<keyof AccountForm> = [
  'agencyId',
  'platform',
  'handle',
  'displayName',
  'url',
  'status',
  'syncIntervalMinutes',
  'administrators',
  'moderators',
  'connectorType',
  'connectorSettings',
];

export function accountFormFrom(body: Record<string, unknown>): AccountForm {
  return Object.fromEntries(FIELDS.map((name) => [name, text(body[name])])) as unknown as AccountForm;
}

const DATE = String.raw`\d{4}-\d{2}-\d{2}`;
const STARTED = new RegExp(`^from (${DATE})$`, 'i');
const STOPPED = new RegExp(`^until (${DATE})$`, 'i');
const PHONE = /^\+?[0-9][0-9 ().x-]{6,39}$/;

/**
 * People as one per line: the name, then, separated by commas and in any order, the email, the phone, `from`
 * the day they started and `until` the day they stopped, each when known
 * ("Ada Ames, ada@town.gov, 203 555 0101, from 2026-01-05"). Parts that are none of these stay in the name.
 */
export function parsePeopleLines(lines: string): AccountPerson[] {
  return lines
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [first, ...rest] = line.split(',').map((part) => part.trim());
      const person: Record<string, string> = {};
      const name = [first];
      for (const part of rest) {
        if (part.includes('@') && !person.email) person.email = part;
        else if (STARTED.test(part)) person.startedOn = STARTED.exec(part)![1];
        else if (STOPPED.test(part)) person.stoppedOn = STOPPED.exec(part)![1];
        else if (PHONE.test(part) && !person.phone) person.phone = part;
        else name.push(part);
      }
      return { name: name.join(', '), ...person };
    });
}

export function formatPeopleLines(people: AccountPerson[]): string {
  return people
    .map((person) =>
      [
        person.name,
        person.email,
        person.phone,
        person.startedOn ? `from ${person.startedOn}` : undefined,
        person.stoppedOn ? `until ${person.stoppedOn}` : undefined,
      ]
        .filter(Boolean)
        .join(', '),
    )
    .join('\n');
}

/**
 * The API input the form stands for. `fields` picks what it carries (a new account carries all; the settings form
 * leaves out what it cannot change). Settings text that cannot be read is reported on its field.
 */
export function accountInputFrom(
  form: AccountForm,
  fields: ReadonlyArray<keyof AccountForm>,
  connectorTypes: readonly ConnectorTypeDescription[] = [],
): { input: Record<string, unknown>; errors: FieldErrors } {
  const errors: FieldErrors = new Map();
  const input: Record<string, unknown> = {};
  const has = (name: keyof AccountForm) => fields.includes(name);
  for (const name of ['agencyId', 'platform', 'handle', 'status'] as const)
    if (has(name)) input[name] = form[name].trim();
  for (const name of ['displayName', 'url'] as const)
    if (has(name) && form[name].trim()) input[name] = form[name].trim();
  if (has('syncIntervalMinutes'))
    input.syncIntervalMinutes = /^\d+$/.test(form.syncIntervalMinutes.trim())
      ? Number(form.syncIntervalMinutes)
      : form.syncIntervalMinutes;
  if (has('administrators')) input.administrators = parsePeopleLines(form.administrators);
  if (has('moderators')) input.moderators = parsePeopleLines(form.moderators);
  if (has('connectorSettings')) {
    const type = connectorTypes.find((described) => described.type === form.connectorType);
    const lists = new Set(type?.settings.filter((setting) => setting.list).map((setting) => setting.name));
    const parsed = parseConnectorSettings(form.connectorSettings, lists);
    if (parsed.ok) input.connector = { ...parsed.settings, type: form.connectorType };
    else errors.set('connectorSettings', parsed.problem);
  }
  return { input, errors };
}

/** The form field an API error path belongs to (`connector.seed` → connectorSettings). */
function fieldOfPath(path: string): keyof AccountForm | '' {
  const [head] = path.split('.');
  if (path === 'connector.type') return 'connectorType';
  if (head === 'connector') return 'connectorSettings';
  return (FIELDS as string[]).includes(head) ? (head as keyof AccountForm) : '';
}

/** The API's refusal as messages on the form's fields; a connector setting's message names the setting. */
export function accountErrorsFrom(problem: InputProblem): FieldErrors {
  const errors: FieldErrors = new Map();
  for (const [path, message] of problem.fields) {
    const id = fieldOfPath(path);
    const detail =
      id === 'connectorSettings' && path.split('.')[1]
        ? `${path.split('.').slice(1).join('.')}: ${message}`
        : /^(administrators|moderators)\.\d+/.test(path)
          ? `line ${Number(path.split('.')[1]) + 1}: ${message}`
          : message;
    if (!errors.has(id)) errors.set(id, detail);
  }
  if (errors.size === 0) errors.set('', problem.message);
  return errors;
}
