import { z } from 'zod';

/**
 * One ground for withholding or redacting, cited on every redaction and in the withholding log. `code` is the short
 * key stored on an item and printed in the redaction marker; `citation` is what the cover letter and log print.
 */
export const ExemptionSchema = z.strictObject({
  code: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[A-Za-z0-9().-]+$/, 'use letters, digits, dots, hyphens and parentheses, e.g. 1-210(b)(2)'),
  citation: z.string().trim().min(1).max(200),
  title: z.string().trim().min(1).max(200),
  summary: z.string().trim().min(1).max(1000),
});
export type Exemption = z.infer<typeof ExemptionSchema>;

/** A town's catalogue: the default below, edited by the attorney's office. Codes must be unique. */
export const ExemptionCatalogueSchema = z.array(ExemptionSchema).superRefine((entries, context) => {
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    if (seen.has(entry.code))
      context.addIssue({ code: 'custom', message: `duplicate exemption code ${entry.code}`, path: [index, 'code'] });
    seen.add(entry.code);
  });
});

/** `subdivision` as written after (b), e.g. `(2)` or `(5)(A)`. */
const section1210b = (subdivision: string, title: string, summary: string): Exemption => ({
  code: `1-210(b)${subdivision}`,
  citation: `C.G.S. § 1-210(b)${subdivision}`,
  title,
  summary,
});

/**
 * The Connecticut seed catalogue. Summaries are paraphrases, not statutory text; the town attorney confirms them.
 *
 * Verification: the wording of (b)(1)–(b)(3) was checked against the published text of § 1-210; (b)(11) and § 1-217
 * against the project's reference notes; the homicide-victim images entry against reports of P.A. 13-311 (its
 * subdivision number, (27), was not seen in the text). Subdivisions (4)–(10), (12)–(26) come from memory of the
 * statute and were NOT verified against the current text. The General Assembly adds subdivisions most years, so
 * entries after (b)(27) may exist that are missing here: the catalogue is data for the attorney's office to extend.
 */
export const CONNECTICUT_EXEMPTIONS: readonly Exemption[] = [
  section1210b(
    '(1)',
    'Preliminary drafts or notes',
    'Drafts and notes the agency has found the public interest in withholding clearly outweighs the interest in disclosure.',
  ),
  section1210b(
    '(2)',
    'Personnel, medical and similar files',
    'Files whose release would invade personal privacy under the two-part Perkins test; not a general privacy exemption.',
  ),
  section1210b(
    '(3)',
    'Law enforcement records',
    'Records compiled to detect or investigate crime whose release would expose, among others, informants, minor witnesses, witness statements, pending actions or techniques.',
  ),
  section1210b(
    '(4)',
    'Pending claims and litigation strategy',
    "Records of the agency's strategy and negotiations on claims or lawsuits that are still pending.",
  ),
  section1210b('(5)(A)', 'Trade secrets', 'Trade secrets as the statute defines them.'),
  section1210b(
    '(5)(B)',
    'Confidential commercial or financial information',
    'Commercial or financial information given in confidence and not required by statute.',
  ),
  section1210b(
    '(6)',
    'Examination materials',
    'Test questions, scoring keys and other data used for licensing, employment or academic examinations.',
  ),
  section1210b(
    '(7)',
    'Real estate appraisals and acquisition estimates',
    'Appraisals and engineering or feasibility estimates for a property acquisition, until the acquisition is complete or abandoned.',
  ),
  section1210b(
    '(8)',
    'Personal financial statements for licences',
    'Statements of personal worth or financial data an applicant files to qualify for a licence or permit.',
  ),
  section1210b(
    '(9)',
    'Collective bargaining strategy',
    'Records of strategy or negotiations in collective bargaining.',
  ),
  section1210b(
    '(10)',
    'Privileged communications and records exempt by other law',
    'Records, tax returns and reports exempted by federal or state law, and communications privileged by attorney-client or another recognised privilege.',
  ),
  section1210b(
    '(11)',
    'Names and addresses of students',
    'Names or addresses of students enrolled in a public school or college, without the consent the statute requires.',
  ),
  section1210b('(12)', 'Information obtained illegally', 'Any information the agency obtained by illegal means.'),
  section1210b(
    '(13)',
    'Whistleblower investigations',
    'Records of a whistleblower investigation and the identity of the employee who provided the information.',
  ),
  section1210b('(14)', 'Adoption records', 'Adoption records and information covered by the adoption statutes.'),
  section1210b(
    '(15)',
    'Petition pages under review',
    'Pages of a primary, nominating, referendum or town-meeting petition until processing and certification are complete.',
  ),
  section1210b(
    '(16)',
    'Health complaints under investigation',
    'Complaints to a municipal or district health authority until the investigation ends or a set time passes.',
  ),
  section1210b(
    '(17)',
    'Educational records protected by FERPA',
    'Educational records that federal law (20 U.S.C. § 1232g) keeps from disclosure.',
  ),
  section1210b(
    '(18)',
    'Correctional safety risks',
    'Records the Commissioner of Correction (or of Mental Health for Whiting) reasonably believes would create a safety or escape risk.',
  ),
  section1210b(
    '(19)',
    'Safety risks to people and facilities',
    'Records, such as security plans and building or network diagrams, whose release may reasonably be believed to create a safety risk.',
  ),
  section1210b(
    '(20)',
    'IT security details',
    'Non-public standards, procedures, software and codes whose release would compromise an information system.',
  ),
  section1210b(
    '(21)',
    'Address confidentiality program participants',
    'Home, work or school addresses of people enrolled in the state address confidentiality program.',
  ),
  section1210b(
    '(22)',
    'Transportation incident alert emails',
    'Email addresses collected by the Department of Transportation to alert people to highway or railway incidents.',
  ),
  section1210b(
    '(23)',
    'Minors in parks and recreation programs',
    'Names or addresses of minors enrolled in a public parks and recreation program.',
  ),
  section1210b(
    '(24)',
    'Bids and proposals before award',
    'Responses to a request for proposals or bid and related award records, until the contract is signed or negotiations end.',
  ),
  section1210b(
    '(25)',
    'Senior center participants',
    'Names and contact details of people enrolled in or belonging to a public senior center.',
  ),
  section1210b(
    '(26)',
    'Confidential health facility inspection records',
    'Inspection and audit records of health institutions held confidential under a federal Medicare and Medicaid agreement.',
  ),
  section1210b(
    '(27)',
    'Images of homicide victims',
    "Photographs, video and other images of a homicide victim whose release would unreasonably invade the victim's or family's privacy.",
  ),
  {
    code: '1-217',
    citation: 'C.G.S. § 1-217',
    title: 'Residential addresses of listed public employees',
    summary:
      'Home addresses of the officials and employees the section lists, such as judges, police officers and firefighters.',
  },
];

/** The entry for a code, or undefined when the catalogue has none (the caller rejects the redaction). */
export function findExemption(catalogue: readonly Exemption[], code: string): Exemption | undefined {
  return catalogue.find((entry) => entry.code === code);
}
