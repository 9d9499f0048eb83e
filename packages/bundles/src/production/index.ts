export * from './assemble-bundle-input';
export * from './build-bundle';
export * from './companion-files';
export * from './verify-bundle';
export * from '../reports/compliance-report-pdf';
export * from '../reports/disposition-report-pdf';
export * from '../reports/render-report-pdf-in-worker';
export type { ReportPdfJob } from '../reports/report-renderers';
