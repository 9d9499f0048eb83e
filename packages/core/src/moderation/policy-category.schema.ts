import { z } from 'zod';

/**
 * A reason the town's comment policy allows a comment to be removed (Westport's Social Media Policy, Exhibit A).
 * Kept as data, so the town can rename, add and retire them; a retired one stays on the reviews that cite it.
 */
export const PolicyCategorySchema = z.object({
  id: z.string(),
  label: z.string(),
  /** When it stopped being offered for new reviews; null while in use. */
  retiredAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PolicyCategory = z.infer<typeof PolicyCategorySchema>;

/** The 13 categories of Westport's Exhibit A, in its order: the seed every catalog starts with. */
export const EXHIBIT_A_CATEGORIES: ReadonlyArray<{ id: string; label: string }> = [
  { id: 'off-topic', label: 'Does not directly relate to the purpose or topic of the account or the post' },
  {
    id: 'electioneering',
    label: 'Promotes or opposes the election of a candidate for political office, incumbents included',
  },
  {
    id: 'commercial',
    label: 'Promotes or advertises a for-profit business or commercial transaction (newsworthy events excepted)',
  },
  { id: 'crowdfunding', label: 'Promotes a crowdfunding campaign other than for a civic project' },
  { id: 'obscene-threatening-defamatory', label: 'Obscene, threatening or defamatory language or material' },
  { id: 'personal-attack', label: 'Personal attacks (abusive remarks)' },
  {
    id: 'discriminatory',
    label:
      'Discriminatory language, hate speech included, about ethnicity, race, age, religion, gender, sexual orientation, gender identity or expression, disability or another protected group',
  },
  {
    id: 'illegal-activity-or-infringement',
    label: "Advocates illegal activity, or violates others' copyrights or trademarks",
  },
  {
    id: 'personal-information',
    label: 'Personally identifiable information: phone numbers, postal and email addresses',
  },
  {
    id: 'photos-of-minors',
    label: 'Photographs of minors without a written release from a parent or legal guardian',
  },
  { id: 'spam', label: 'Spam and undecipherable language' },
  {
    id: 'safety-or-security',
    label: 'Reasonably determined to compromise the safety or security of the public or public systems',
  },
  { id: 'violates-law', label: 'Violates any local, state or federal law' },
];

export const PolicyCategoryLabelSchema = z
  .string()
  .trim()
  .min(3, 'a label says what kind of comment may be removed')
  .max(300);

/** Adding a category (IT, the attorney's office). */
/** Who keeps the categories (adds, renames, retires): IT and the attorney's office. Everyone may read them. */
export const POLICY_CATEGORY_KEEPER_ROLES = ['it-admin', 'it-director', 'attorney'] as const;

export const NewPolicyCategorySchema = z.object({ label: PolicyCategoryLabelSchema });
export type NewPolicyCategory = z.infer<typeof NewPolicyCategorySchema>;

/** Renaming or retiring (or bringing back) a category. */
export const PolicyCategoryPatchSchema = z
  .object({ label: PolicyCategoryLabelSchema.optional(), retired: z.boolean().optional() })
  .refine((patch) => patch.label !== undefined || patch.retired !== undefined, 'give a label, retired, or both');
export type PolicyCategoryPatch = z.infer<typeof PolicyCategoryPatchSchema>;
