import { escapeHtml } from './compose-email';

/** An email laid out as the account notices are: a lead, a table of labelled facts, then paragraphs. */
export interface FieldEmail {
  lead: string;
  fields: Array<[string, string]>;
  /** Labels whose value is a URL, shown as a link in the HTML part. */
  linkLabels: readonly string[];
  /** Headed paragraphs after the table (what to do, the list of objects). */
  sections: Array<{ heading: string; lines: string[] }>;
  footnote: string;
}

export function renderFieldText(email: FieldEmail): string {
  const width = Math.max(...email.fields.map(([label]) => label.length)) + 2;
  const rows = email.fields.map(([label, value]) => `${`${label}:`.padEnd(width)}${value}`);
  const sections = email.sections.flatMap((section) => ['', `${section.heading}:`, ...section.lines]);
  return [email.lead, '', ...rows, ...sections, '', email.footnote, ''].join('\n');
}

export function renderFieldHtml(email: FieldEmail): string {
  const rows = email.fields.map(([label, value]) => {
    const cell = email.linkLabels.includes(label)
      ? `<a href="${escapeHtml(value)}">${escapeHtml(value)}</a>`
      : escapeHtml(value);
    return `<tr><th align="left" valign="top">${escapeHtml(label)}</th><td>${cell}</td></tr>`;
  });
  const sections = email.sections.map(
    (section) =>
      `<h3>${escapeHtml(section.heading)}</h3>\n<ul>${section.lines.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`,
  );
  return [
    '<!doctype html><html><body>',
    `<p>${escapeHtml(email.lead)}</p>`,
    `<table cellpadding="4">${rows.join('')}</table>`,
    ...sections,
    `<p><small>${escapeHtml(email.footnote)}</small></p>`,
    '</body></html>',
  ].join('\n');
}
