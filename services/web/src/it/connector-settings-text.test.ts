import { blankSecretValues, formatConnectorSettings, parseConnectorSettings } from './connector-settings-text';

describe('connector settings as lines of text', () => {
  it('reads numbers and true/false as such, quoted values and the rest as text, skipping blanks and comments', () => {
    expect(
      parseConnectorSettings(
        'seed = 7\nposts=40\n\n# a note\nmaxCommentsPerPost: 12\nverbose = true\npage = "12"\nhandle = town parks',
      ),
    ).toEqual({
      ok: true,
      settings: { seed: 7, posts: 40, maxCommentsPerPost: 12, verbose: true, page: '12', handle: 'town parks' },
    });
  });

  it('names the line that is not a setting, and a setting given twice', () => {
    expect(parseConnectorSettings('seed = 7\njust words')).toEqual({
      ok: false,
      problem: 'Line 2 is not a setting: write it as name = value.',
    });
    expect(parseConnectorSettings('seed = 7\nseed = 8')).toMatchObject({
      ok: false,
      problem: expect.stringContaining('seed is given twice'),
    });
  });

  it('writes stored settings back so that reading them gives the same values', () => {
    const settings = { type: 'mock', seed: 7, label: '12', enabled: false, apiToken: '••••' };
    const text = formatConnectorSettings(settings);
    expect(text).toBe('seed = 7\nlabel = "12"\nenabled = false\napiToken = ••••');
    expect(parseConnectorSettings(text)).toEqual({
      ok: true,
      settings: { seed: 7, label: '12', enabled: false, apiToken: '••••' },
    });
  });

  it('reads a list setting from one line per value, and writes a stored list back the same way', () => {
    const lists = new Set(['pages']);
    expect(parseConnectorSettings('apiUrl = https://wiki.example.gov/w/api.php\npages = Main Page', lists)).toEqual({
      ok: true,
      settings: { apiUrl: 'https://wiki.example.gov/w/api.php', pages: ['Main Page'] },
    });
    const text = formatConnectorSettings({ type: 'mediawiki', pages: ['Main Page', 'Town Council', '2026'] });
    expect(text).toBe('pages = Main Page\npages = Town Council\npages = "2026"');
    expect(parseConnectorSettings(text, lists)).toEqual({
      ok: true,
      settings: { pages: ['Main Page', 'Town Council', '2026'] },
    });
    // A setting that is not a list is still given once.
    expect(parseConnectorSettings('pages = A\npages = B')).toMatchObject({ ok: false });
  });

  it('removes secret values from text sent back to the browser, keeping the rest', () => {
    const isSecret = (name: string) => /token|secret/i.test(name);
    expect(blankSecretValues('seed = 7\napiToken = abc123\n  clientSecret: s3cr3t', isSecret)).toBe(
      'seed = 7\napiToken = \n  clientSecret: ',
    );
  });
});
