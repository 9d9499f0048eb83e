/**
 * Connector settings as people write them in a form: one `name = value` per line. Numbers and true/false are read
 * as such, anything else as text; a value in quotes stays text. Blank lines and lines starting with # are skipped.
 * A list setting (a wiki's `pages`, a website's `urls`) takes one line per value, the name repeated.
 */
type SettingValue = string | number | boolean;
export type ConnectorSettings = Record<string, SettingValue | SettingValue[]>;

export type ParsedSettings = { ok: true; settings: ConnectorSettings } | { ok: false; problem: string };

const NUMBER = /^-?\d+(\.\d+)?$/;

function readValue(text: string): string | number | boolean {
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) return text.slice(1, -1);
  if (NUMBER.test(text)) return Number(text);
  if (text === 'true' || text === 'false') return text === 'true';
  return text;
}

export function parseConnectorSettings(text: string, listSettings: ReadonlySet<string> = new Set()): ParsedSettings {
  const settings: ConnectorSettings = {};
  const lines = text.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const match = /^([A-Za-z][\w.-]*)\s*[=:]\s*(.*)$/.exec(line);
    if (!match) return { ok: false, problem: `Line ${index + 1} is not a setting: write it as name = value.` };
    const [, name, value] = match;
    if (listSettings.has(name)) {
      const values = settings[name];
      settings[name] = [...(Array.isArray(values) ? values : []), readValue(value.trim())];
      continue;
    }
    if (name in settings) return { ok: false, problem: `The setting ${name} is given twice (line ${index + 1}).` };
    settings[name] = readValue(value.trim());
  }
  return { ok: true, settings };
}

/** The inverse of parseConnectorSettings, for showing stored (already masked) settings in an edit form. */
export function formatConnectorSettings(settings: Record<string, unknown>): string {
  const line = (name: string, value: unknown) =>
    `${name} = ${typeof value === 'string' && (NUMBER.test(value) || value === 'true' || value === 'false') ? `"${value}"` : String(value)}`;
  return Object.entries(settings)
    .filter(([name]) => name !== 'type')
    .flatMap(([name, value]) => (Array.isArray(value) ? value.map((item) => line(name, item)) : [line(name, value)]))
    .join('\n');
}

/** The settings text with every secret setting's value removed, for a form sent back to the browser. */
export function blankSecretValues(text: string, isSecretSetting: (name: string) => boolean): string {
  return text
    .split(/\r?\n/)
    .map((line) => {
      const match = /^(\s*)([A-Za-z][\w.-]*)(\s*[=:])/.exec(line);
      return match && isSecretSetting(match[2]) ? `${match[1]}${match[2]}${match[3]} ` : line;
    })
    .join('\n');
}
