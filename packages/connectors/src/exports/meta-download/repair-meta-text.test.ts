import { repairMetaText } from './repair-meta-text';

describe('repairMetaText', () => {
  it('turns the Latin-1 reading of UTF-8 back into the text', () => {
    expect(repairMetaText('Caf\u00c3\u00a9 ouvert \u00f0\u009f\u0098\u0080')).toBe('Café ouvert 😀');
    expect(repairMetaText('Road closure')).toBe('Road closure');
  });

  it('leaves text that is already right, or is real Latin-1, as it is', () => {
    expect(repairMetaText('Café 😀')).toBe('Café 😀');
    expect(repairMetaText('Caf\u00e9')).toBe('Caf\u00e9');
  });
});
