import { ZodError } from 'zod';
import { BundleInputSchema } from './bundle-input';
import { prepareBundle } from './prepare-bundle';
import { RedactionSpanError } from './redaction';
import { SAMPLE, sampleBundle } from './testing/sample-bundle';

describe('prepareBundle', () => {
  test('applies defaults, numbers items and burns redactions in before anything is laid out', () => {
    const bundle = prepareBundle(sampleBundle());
    expect(bundle.timeZone).toBe('America/New_York');
    expect(bundle.language).toBe('en-US');
    expect(bundle.bates.digits).toBe(6);
    expect(bundle.items.map((item) => item.number)).toEqual([1, 2, 3, 4, 5, 6]);
    const comment = bundle.items[1];
    if (comment.disposition !== 'produced') throw new Error('expected a produced item');
    expect(comment.record.versions[0].text).toContain('█████ [REDACTED § 1-217]');
    expect(JSON.stringify(bundle)).not.toContain(SAMPLE.redactedSecret);
    expect(bundle.redactions).toEqual([
      {
        itemNumber: 2,
        itemId: 'rec-2',
        location: 'version 1',
        exemption: { code: '1-217', citation: 'C.G.S. § 1-217(a)' },
        justification: 'Residential address of a police officer.',
        count: 1,
      },
    ]);
  });

  test('the log counts spans per place and basis, and lists withheld attachments', () => {
    const input = sampleBundle();
    const item = input.items[0];
    if (item.disposition !== 'produced') throw new Error('expected a produced item');
    const exemption = { code: '1-210(b)(11)', citation: 'C.G.S. § 1-210(b)(11)' };
    item.record.versions[0].redactions = [0, 10].map((start) => ({
      start,
      end: start + 4,
      exemption,
      justification: 'Student name.',
    }));
    item.record.attachments![0].withheld = { exemption, justification: 'Photo identifies a student.' };
    const { redactions } = prepareBundle(input);
    expect(redactions.slice(0, 2)).toMatchObject([
      { itemNumber: 1, location: 'version 1', count: 2, justification: 'Student name.' },
      { itemNumber: 1, location: 'attachment 1 (withheld)', count: 1, justification: 'Photo identifies a student.' },
    ]);
  });

  test('a withheld item cannot carry content: the schema has no place for it', () => {
    const input = sampleBundle();
    (input.items[3] as Record<string, unknown>).text = 'the withheld comment itself';
    expect(() => prepareBundle(input)).toThrow(ZodError);
  });

  test('invalid input fails with every issue and its full path', () => {
    const input = sampleBundle();
    input.bates.prefix = 'WEST PORT';
    const item = input.items[4];
    if (item.disposition !== 'produced') throw new Error('expected a produced item');
    delete item.record.tombstone;
    try {
      prepareBundle(input);
      throw new Error('expected a validation error');
    } catch (error) {
      const paths = (error as ZodError).issues.map((issue) => issue.path.join('.'));
      expect(paths).toEqual(expect.arrayContaining(['bates.prefix', 'items.4.record.tombstone']));
    }
  });

  test('duplicate item ids and unknown time zones are refused', () => {
    const duplicated = sampleBundle();
    duplicated.items.push(duplicated.items[0]);
    expect(() => prepareBundle(duplicated)).toThrow(/duplicate item rec-1/);
    const zone = sampleBundle();
    zone.timeZone = 'Mars/Olympus_Mons';
    expect(() => prepareBundle(zone)).toThrow(ZodError);
  });

  test('a bad redaction span is refused', () => {
    const input = sampleBundle();
    const item = input.items[1];
    if (item.disposition !== 'produced') throw new Error('expected a produced item');
    item.record.versions[0].redactions![0].end = 10_000;
    expect(() => prepareBundle(input)).toThrow(RedactionSpanError);
  });

  test('the public schema accepts what prepareBundle accepts', () => {
    expect(BundleInputSchema.safeParse(sampleBundle()).success).toBe(true);
  });
});
