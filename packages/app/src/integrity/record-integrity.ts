import type { RawCapture, RecordVersion } from '@verbatim/core';
import { checkObject, type IntegrityProblem, type ObjectCheckDependencies, type PromisedObject } from './object-check';

/** Whether a record's captures and media still hash to what was archived; `problems` says what does not. */
export interface RecordIntegrity {
  ok: boolean;
  problems: IntegrityProblem[];
}

/** The objects a record rests on: the captures its versions came from and the media they archived. */
export function objectsOfRecord(
  accountId: string,
  captures: RawCapture[],
  versions: RecordVersion[],
): PromisedObject[] {
  const objects = new Map<string, PromisedObject>();
  for (const capture of captures) {
    objects.set(capture.key, { kind: 'capture', key: capture.key, sha256: capture.sha256, accountId });
  }
  for (const attachment of versions.flatMap((version) => version.attachments)) {
    if (attachment.archiveKey && attachment.sha256) {
      objects.set(attachment.archiveKey, {
        kind: 'media',
        key: attachment.archiveKey,
        sha256: attachment.sha256,
        accountId,
      });
    }
  }
  return [...objects.values()];
}

/** Re-hashes each object the record rests on (an object disposed of on purpose is not a problem). */
export async function checkRecordIntegrity(
  dependencies: ObjectCheckDependencies,
  objects: PromisedObject[],
): Promise<RecordIntegrity> {
  const problems: IntegrityProblem[] = [];
  for (const object of objects) {
    const problem = await checkObject(dependencies, object);
    if (problem) problems.push(problem);
  }
  return { ok: problems.length === 0, problems };
}
