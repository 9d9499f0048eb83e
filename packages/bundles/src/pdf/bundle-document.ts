import PDFDocument from 'pdfkit';
import type { BatesPlan } from '../layout/bates-plan';
import type { PreparedBundle } from '../prepare-bundle';

/** pdfkit copies Info strings into XMP unescaped; keep them free of XML syntax. */
function xmpSafe(text: string): string {
  return text.replace(/&/g, 'and').replace(/[<>]/g, '');
}

/**
 * The pdfkit document for a bundle: tagged, with language and title shown in the viewer's title bar, and
 * byte-for-byte reproducible. pdfkit derives the trailer /ID from an MD5 of the Info dictionary (creation date
 * and every entry), so fixing CreationDate/ModDate to the bundle's produced-at moment and putting the request
 * number and Bates range in Info gives the same /ID for the same input and different ones for different
 * bundles. Nothing else in pdfkit's output depends on the clock or on randomness. Fonts are registered by
 * GlyphWriter on first use.
 */
export function createBundleDocument(bundle: PreparedBundle, plan: BatesPlan): PDFKit.PDFDocument {
  const producedAt = new Date(bundle.producedAt);
  const doc = new PDFDocument({
    size: 'LETTER',
    margin: 0,
    autoFirstPage: false,
    pdfVersion: '1.7',
    tagged: true,
    lang: bundle.language,
    displayTitle: true,
    info: { ...documentInfo(bundle, plan), CreationDate: producedAt, ModDate: producedAt },
  });
  return doc;
}

/** The text entries of the PDF's Info dictionary. */
export function documentInfo(bundle: PreparedBundle, plan: BatesPlan): Record<string, string> {
  const range = `${plan.bates(0)}–${plan.bates(plan.totalPages - 1)}`;
  return {
    Title: xmpSafe(`${bundle.townName}: response to FOI request ${bundle.request.number}`),
    Author: xmpSafe(bundle.townName),
    Subject: xmpSafe(
      `Records produced under the Connecticut Freedom of Information Act, request ${bundle.request.number}, Bates ${range}`,
    ),
    Keywords: xmpSafe(`FOIA; ${bundle.request.number}; ${range}`),
    Creator: 'Verbatim',
    Producer: 'Verbatim bundle renderer (PDFKit)',
  };
}
