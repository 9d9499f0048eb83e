// linebreak 1.x (UAX #14) ships no type declarations.
declare module 'linebreak' {
  interface Break {
    /** UTF-16 offset where the next line may start. */
    position: number;
    /** True for a mandatory break (a line separator in the text). */
    required: boolean;
  }
  class LineBreaker {
    constructor(text: string);
    nextBreak(): Break | null;
  }
  export = LineBreaker;
}
