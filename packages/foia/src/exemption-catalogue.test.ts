import {
  CONNECTICUT_EXEMPTIONS,
  ExemptionCatalogueSchema,
  ExemptionSchema,
  findExemption,
} from './exemption-catalogue';

describe('the Connecticut exemption catalogue', () => {
  it('is a valid catalogue with unique codes', () => {
    expect(ExemptionCatalogueSchema.parse(CONNECTICUT_EXEMPTIONS)).toEqual(CONNECTICUT_EXEMPTIONS);
  });

  it('covers § 1-210(b)(1) to (27), with (5) split into (A) and (B), and § 1-217', () => {
    const expectedCodes = [
      ...Array.from({ length: 27 }, (_, index) => index + 1).flatMap((subdivision) =>
        subdivision === 5 ? ['1-210(b)(5)(A)', '1-210(b)(5)(B)'] : [`1-210(b)(${subdivision})`],
      ),
      '1-217',
    ];
    expect(CONNECTICUT_EXEMPTIONS.map((entry) => entry.code)).toEqual(expectedCodes);
  });

  it('cites each entry by its code', () => {
    expect(findExemption(CONNECTICUT_EXEMPTIONS, '1-210(b)(2)')).toMatchObject({
      citation: 'C.G.S. § 1-210(b)(2)',
      title: 'Personnel, medical and similar files',
    });
    expect(findExemption(CONNECTICUT_EXEMPTIONS, '1-210(b)(11)')?.citation).toBe('C.G.S. § 1-210(b)(11)');
    expect(findExemption(CONNECTICUT_EXEMPTIONS, '1-217')?.citation).toBe('C.G.S. § 1-217');
    expect(findExemption(CONNECTICUT_EXEMPTIONS, '552(b)(6)')).toBeUndefined();
  });

  it('rejects a duplicate code and a code that could not sit in a redaction marker', () => {
    const entry = { code: 'town-policy-1', citation: 'Town policy 1', title: 'T', summary: 'S' };
    expect(ExemptionCatalogueSchema.safeParse([entry, entry]).success).toBe(false);
    expect(ExemptionSchema.safeParse({ ...entry, code: 'bad]code' }).success).toBe(false);
    expect(ExemptionSchema.safeParse({ ...entry, extra: true }).success).toBe(false);
  });
});
