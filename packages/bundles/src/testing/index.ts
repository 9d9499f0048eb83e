/** Reading bundles back in tests: poppler, qpdf and pdf.js over a rendered PDF, and a sample bundle. */
export * from './pdf-inspection';
export * from './render-to';
export * from './sample-bundle';
export * from './zip-entries';
