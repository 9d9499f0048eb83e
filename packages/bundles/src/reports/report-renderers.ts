import {
  renderDispositionReportPdf,
  renderDispositionTombstonesPdf,
  type DispositionReportPdfInput,
  type DispositionTombstonesPdfInput,
} from './disposition-report-pdf';

/** The report PDFs long enough to render off the caller's thread, by name. */
export const REPORT_RENDERERS = {
  'disposition-report': renderDispositionReportPdf,
  'disposition-tombstones': renderDispositionTombstonesPdf,
} as const;

export type ReportPdfJob =
  | { kind: 'disposition-report'; input: DispositionReportPdfInput }
  | { kind: 'disposition-tombstones'; input: DispositionTombstonesPdfInput };
