/** The Bates numbering of one production: prefix + zero-padded counter, one number per page. */
export interface BatesNumbering {
  prefix: string;
  startNumber: number;
  digits: number;
}

/**
 * The Bates number of a page: `WESTPORT000001`. Throws when the counter no longer fits in `digits`, since a
 * wider number would break the fixed-width convention that load files and sorting rely on.
 */
export function formatBates(numbering: BatesNumbering, pageIndex: number): string {
  const counter = numbering.startNumber + pageIndex;
  const digits = String(counter);
  if (digits.length > numbering.digits) {
    throw new RangeError(`Bates counter ${counter} does not fit in ${numbering.digits} digits`);
  }
  return numbering.prefix + digits.padStart(numbering.digits, '0');
}

/** Every bundle numbers its pages with this many digits (PREFIX000001). */
export const BATES_DIGITS = 6;

/** One Bates number as printed, e.g. `WESTPORT000042`. */
export function batesNumber(prefix: string, counter: number): string {
  return formatBates({ prefix, startNumber: counter, digits: BATES_DIGITS }, 0);
}
