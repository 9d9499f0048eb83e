import { escapeHtml } from '@verbatim/search';

/** Markup that is already safe: built by `html` or produced escaped (search highlights). */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Value = string | number | SafeHtml | null | undefined | false | Value[];

function render(value: Value): string {
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  if (value instanceof SafeHtml) return value.value;
  return escapeHtml(String(value));
}

/** Template tag: every interpolated value is escaped unless it is SafeHtml, so page text cannot inject markup. */
export function html(strings: TemplateStringsArray, ...values: Value[]): SafeHtml {
  return new SafeHtml(
    strings.reduce((out, part, index) => out + part + (index < values.length ? render(values[index]) : ''), ''),
  );
}

/** Marks an already-escaped string (a search highlight) as safe. */
export function trusted(markup: string): SafeHtml {
  return new SafeHtml(markup);
}
