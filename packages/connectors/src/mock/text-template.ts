import { escapeJsonText } from './json-text';
import type { Rng } from './prng';

/** A slot is either a list to pick from or a generator whose output is plain ASCII (numbers, dates, URLs). */
export type Slot = readonly string[] | ((rng: Rng) => string);

/** A text as people read it and as the platform writes it inside JSON quotes (escaped, ASCII). */
export interface RenderedText {
  text: string;
  json: string;
}

/** A template compiled with its JSON-escaped twin, so rendering an item never escapes character by character. */
export interface TextTemplate {
  readonly plain: readonly string[];
  readonly json: readonly string[];
  readonly slots: readonly Slot[];
  readonly jsonSlots: ReadonlyArray<readonly string[] | undefined>;
}

/** Tag for templates: ``template`Road closure on ${STREETS} at ${time}` ``. */
export function template(strings: TemplateStringsArray, ...slots: Slot[]): TextTemplate {
  return {
    plain: [...strings],
    json: strings.map(escapeJsonText),
    slots,
    jsonSlots: slots.map((slot) => (typeof slot === 'function' ? undefined : slot.map(escapeJsonText))),
  };
}

/** Fills a template from `rng`, producing the text and its JSON form from the same choices. */
export function render(compiled: TextTemplate, rng: Rng): RenderedText {
  let text = compiled.plain[0];
  let json = compiled.json[0];
  for (let index = 0; index < compiled.slots.length; index++) {
    const slot = compiled.slots[index];
    if (typeof slot === 'function') {
      const value = slot(rng);
      text += value + compiled.plain[index + 1];
      json += value + compiled.json[index + 1];
    } else {
      const choice = rng.int(slot.length);
      text += slot[choice] + compiled.plain[index + 1];
      json += compiled.jsonSlots[index]![choice] + compiled.json[index + 1];
    }
  }
  return { text, json };
}
