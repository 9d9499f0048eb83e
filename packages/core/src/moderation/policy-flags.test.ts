import { findPolicyFlags } from './policy-flags';

const kinds = (text: string, others: string[] = []) => findPolicyFlags(text, others).map((flag) => flag.flag);

describe('findPolicyFlags', () => {
  it('flags personal information with the PII finder, suggesting the personal-information category', () => {
    const [flag] = findPolicyFlags('Call my neighbour at (203) 555-0187 or jane.doe@example.com');
    expect(flag).toMatchObject({ flag: 'personal-information', category: 'personal-information' });
    expect(flag.evidence).toEqual(expect.arrayContaining(['(203) 555-0187', 'jane.doe@example.com']));
  });

  it('flags repeated text, a run of one character, many links and the same text posted again', () => {
    expect(kinds('Vote no now. Vote no now. Vote no now.')).toEqual(['spam']);
    expect(kinds('!!!!!!!!!!!!!!!!')).toEqual(['spam']);
    expect(kinds('https://a.example https://b.example https://c.example https://d.example')).toEqual(['spam']);
    expect(kinds('Fix the potholes on Main Street', ['fix the potholes on main street'])).toEqual(['spam']);
  });

  it('flags commercial offers and crowdfunding links, each with its category', () => {
    expect(findPolicyFlags('20% off all tires this week, use promo code ROAD')[0]).toMatchObject({
      flag: 'commercial',
      category: 'commercial',
    });
    expect(findPolicyFlags('Please give: https://www.gofundme.com/f/my-trip')[0]).toMatchObject({
      flag: 'crowdfunding',
      category: 'crowdfunding',
      evidence: ['https://www.gofundme.com/f/my-trip'],
    });
  });

  it('flags profanity and threats as obscene, threatening or defamatory', () => {
    expect(findPolicyFlags('this is shit')[0]).toMatchObject({
      flag: 'profanity',
      category: 'obscene-threatening-defamatory',
    });
    expect(kinds('I know where you live, watch your back')).toEqual(['threat']);
  });

  it('raises nothing for sharp criticism of the town: a viewpoint is not a flag', () => {
    expect(
      findPolicyFlags('The selectmen are wrong about the budget and I strongly disagree with this decision.'),
    ).toEqual([]);
  });
});
