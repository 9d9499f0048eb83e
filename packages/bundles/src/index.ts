export * from './bundle-input';
export { applyRedactions, redactionMarker, RedactionSpanError } from './redaction';
export { prepareBundle } from './prepare-bundle';
export type { PreparedBundle, PreparedItem, PreparedRecord, RedactionLogEntry } from './prepare-bundle';
export { renderBundlePdf } from './render-bundle-pdf';
export type { ItemRange, RenderBundleOptions, RenderBundleResult, RenderProgress } from './render-bundle-pdf';
export type { LoadImage } from './layout/image-catalog';
export { readImageSize } from './layout/image-catalog';
export { BATES_DIGITS, batesNumber, formatBates } from './format/bates';
export { renderBundlePdfInWorker } from './render-bundle-pdf-in-worker';
export {
  UnredactedTextError,
  UnredactedTextFinder,
  describeOccurrence,
  leakGuardOf,
  mergeOccurrences,
} from './leak-check/unredacted-text';
export type { LeakGuard, OutputFile, UnredactedOccurrence } from './leak-check/unredacted-text';
export type { WorkerRenderOptions } from './render-bundle-pdf-in-worker';
export { renderModerationLedgerPdf } from './moderation-ledger/render-ledger-pdf';
export type { LedgerPdfInput, LedgerPdfRow } from './moderation-ledger/render-ledger-pdf';
