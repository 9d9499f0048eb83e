// Parses a PDF with pdf.js (ESM-only, so it runs in its own process) and prints what the tests check, as JSON.
import { readFile } from 'node:fs/promises';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

function collect(node, roles, alts) {
  if (!node) return;
  if (node.role) {
    roles[node.role] = (roles[node.role] ?? 0) + 1;
    if (node.alt) alts.push(node.alt);
  }
  for (const child of node.children ?? []) collect(child, roles, alts);
}

const data = new Uint8Array(await readFile(process.argv[2]));
const doc = await getDocument({ data, verbosity: 0, isEvalSupported: false }).promise;
const { info } = await doc.getMetadata();
const markInfo = await doc.getMarkInfo();
const pages = [];
for (let number = 1; number <= doc.numPages; number++) {
  const page = await doc.getPage(number);
  const content = await page.getTextContent();
  const roles = {};
  const alts = [];
  collect(await page.getStructTree(), roles, alts);
  pages.push({ text: content.items.map((item) => item.str + (item.hasEOL ? '\n' : '')).join(''), roles, alts });
}
process.stdout.write(JSON.stringify({ numPages: doc.numPages, info, markInfo, pages }));
