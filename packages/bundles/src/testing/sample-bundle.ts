import { createHash } from 'node:crypto';
import { PNG } from 'pngjs';
import type { BundleInputDraft, ProducedRecordDraft } from '../bundle-input';
import type { LoadImage } from '../layout/image-catalog';

/** Strings the tests look for (or must not find) in rendered bundles. */
export const SAMPLE = {
  redactedSecret: '12 Hidden Hollow Road',
  latin: 'Café Müller’s crème brûlée',
  cjk: '会議のお知らせ',
  korean: '도로 공사 안내',
  hebrew: 'שלום לכולם',
  arabic: 'مرحبا بالجميع',
  emoji: '🎉',
  longMarker: 'Paragraph line',
  firstVersionText: 'Budget hearing moved to Thursday',
  withheldId: 'rec-withheld-1',
} as const;

/** A small deterministic PNG (colour gradient), like an archived attachment. */
export function samplePng(width: number, height: number, seed: number): Buffer {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const offset = (y * width + x) * 4;
      png.data[offset] = (x * 7 + seed) & 0xff;
      png.data[offset + 1] = (y * 11 + seed * 3) & 0xff;
      png.data[offset + 2] = (seed * 5) & 0xff;
      png.data[offset + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const IMAGE = samplePng(64, 48, 7);
export const SAMPLE_IMAGE_SHA256 = createHash('sha256').update(IMAGE).digest('hex');

/** Serves the sample's only image; anything else is a test bug. */
export const loadSampleImage: LoadImage = async (sha256) => {
  if (sha256 !== SAMPLE_IMAGE_SHA256) throw new Error(`unexpected image ${sha256}`);
  return IMAGE;
};

function record(
  id: string,
  fields: Partial<ProducedRecordDraft> & Pick<ProducedRecordDraft, 'versions'>,
): ProducedRecordDraft {
  return {
    id,
    platform: 'facebook',
    agencyName: 'Parks & Recreation',
    accountHandle: 'westportparks',
    author: { name: 'Town of Westport' },
    kind: 'post',
    postedAt: '2026-01-05T14:03:07Z',
    firstCapturedAt: '2026-01-05T14:10:00Z',
    lastSeenAt: '2026-02-01T09:00:00Z',
    url: `https://facebook.example/westportparks/posts/${id}`,
    status: 'live',
    threadContext: [],
    attachments: [],
    rawCaptureSha256: sha(id),
    ...fields,
  };
}

const long = Array.from({ length: 140 }, (_, index) => `${SAMPLE.longMarker} ${index + 1} of a long post.`).join('\n');

/** Six items: every status, thread context, versions, an image, a redaction, a withheld record, many scripts. */
export function sampleBundle(): BundleInputDraft {
  const post = `${SAMPLE.latin}: the winter fair is on! ${SAMPLE.emoji} Details at https://westport.example.gov/fair`;
  const comment = `${SAMPLE.cjk} ${SAMPLE.korean}. The officer lives at ${SAMPLE.redactedSecret}, ask her!`;
  const secretAt = comment.indexOf(SAMPLE.redactedSecret);
  return {
    townName: 'Town of Westport',
    request: {
      number: '2026-0001',
      requester: { name: 'Renée Côté', organization: 'Westport Courier' },
      receivedAt: '2026-02-02T15:30:00Z',
      description: 'All comments on the Parks & Recreation page about the winter fair, January 2026.',
      responseDueAt: '2026-02-06T22:00:00Z',
    },
    producedAt: '2026-02-05T16:00:00Z',
    bates: { prefix: 'WESTPORT', startNumber: 1 },
    respondingOfficer: { name: 'Pat Records', title: 'FOI Officer' },
    items: [
      {
        disposition: 'produced',
        record: record('rec-1', {
          versions: [{ text: post, capturedAt: '2026-01-05T14:10:00Z' }],
          attachments: [
            {
              kind: 'image',
              sha256: SAMPLE_IMAGE_SHA256,
              mediaType: 'image/png',
              width: 64,
              height: 48,
              sourceUrl: 'https://cdn.example/fair.png',
            },
          ],
        }),
      },
      {
        disposition: 'produced',
        record: record('rec-2', {
          kind: 'comment',
          author: { name: '王芳', handle: 'wangfang' },
          threadContext: [{ author: { name: 'Town of Westport' }, postedAt: '2026-01-05T14:03:07Z', text: post }],
          versions: [
            {
              text: comment,
              capturedAt: '2026-01-06T10:00:00Z',
              redactions: [
                {
                  start: secretAt,
                  end: secretAt + SAMPLE.redactedSecret.length,
                  exemption: { code: '1-217', citation: 'C.G.S. § 1-217(a)' },
                  justification: 'Residential address of a police officer.',
                },
              ],
            },
          ],
        }),
      },
      {
        disposition: 'produced',
        record: record('rec-3', {
          kind: 'reply',
          status: 'edited',
          author: { name: 'Noa Levi' },
          editedAt: '2026-01-07T08:00:00Z',
          versions: [
            { text: `${SAMPLE.firstVersionText}. ${SAMPLE.hebrew}`, capturedAt: '2026-01-06T12:00:00Z' },
            {
              text: `Budget hearing moved to Friday (2026). ${SAMPLE.arabic}`,
              capturedAt: '2026-01-07T09:00:00Z',
              editedAt: '2026-01-07T08:00:00Z',
              editor: { name: 'Noa Levi', handle: 'noa.levi' },
            },
          ],
        }),
      },
      {
        disposition: 'withheld',
        recordId: SAMPLE.withheldId,
        exemption: { code: '1-210(b)(2)', citation: 'C.G.S. § 1-210(b)(2)' },
        justification: 'Medical information about a named resident.',
        description: 'Facebook comment, January 8, 2026',
      },
      {
        disposition: 'produced',
        record: record('rec-5', {
          kind: 'comment',
          status: 'deleted',
          tombstone: { detectedAt: '2026-01-10T00:00:00Z' },
          author: { name: 'Ahmed Haddad' },
          versions: [{ text: 'See you there 👨‍👩‍👧 with the whole family ❄️', capturedAt: '2026-01-08T11:00:00Z' }],
        }),
      },
      {
        disposition: 'produced',
        record: record('rec-6', {
          platform: 'instagram',
          status: 'hidden',
          hiddenAt: '2026-01-09T13:00:00Z',
          versions: [{ text: long, capturedAt: '2026-01-09T12:00:00Z' }],
        }),
      },
    ],
  };
}
