const HEX_DIGITS = '0123456789abcdef';

/**
 * The content of a JSON string literal for `text`, in pure ASCII: quotes, backslashes, control characters and
 * everything beyond ASCII become escapes (`\u00e9`, surrogate pairs for emoji), as the Graph API writes them.
 * Slow-ish per character, so the mock applies it to its vocabulary once, never per item.
 */
export function escapeJsonText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22 || code === 0x5c) out += `\\${text[i]}`;
    else if (code >= 0x20 && code < 0x7f) out += text[i];
    else
      out += `\\u${HEX_DIGITS[code >>> 12]}${HEX_DIGITS[(code >>> 8) & 15]}${HEX_DIGITS[(code >>> 4) & 15]}${HEX_DIGITS[code & 15]}`;
  }
  return out;
}

/** True when `text` can go between JSON quotes as is. */
export function isJsonSafeAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code >= 0x7f || code === 0x22 || code === 0x5c) return false;
  }
  return true;
}
