import { EXHIBIT_A_CATEGORIES } from './policy-category.schema';
import { viewpointRuleIn } from './viewpoint-rule';

describe('viewpointRuleIn', () => {
  it.each([
    ['Disagrees with the Board of Selectmen'],
    ['Comments critical of the town'],
    ['Criticizes the mayor'],
    ['Opposes the new parking policy'],
    ['Complaints about road repairs'],
    ['Negative about the department'],
    ['Political opinions'],
    ['Against the council decision'],
  ])('refuses %p as a viewpoint rule', (label) => {
    expect(viewpointRuleIn(label)).not.toBeNull();
  });

  it.each(EXHIBIT_A_CATEGORIES.map((category) => [category.label]))('accepts the Exhibit A category %p', (label) => {
    expect(viewpointRuleIn(label)).toBeNull();
  });

  it('accepts conduct such as impersonation', () => {
    expect(viewpointRuleIn('Impersonates a town official')).toBeNull();
  });
});
