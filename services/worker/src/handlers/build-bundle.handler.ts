import { Job, UnrecoverableError } from 'bullmq';
import { UnredactedTextError } from '@verbatim/bundles';
import { buildBundle, type BundleBuildDependencies } from '@verbatim/bundles/production';
import { BuildBundleJob } from '@verbatim/queue';

/**
 * Builds the job's bundle, reporting progress on the job and on the bundle (which the API shows). A failure
 * on the last attempt marks the bundle failed with its error, so the officer sees what happened. Redacted words
 * found in clear fail it at once, with every place listed: building again would find the same.
 */
export async function handleBuildBundle(deps: BundleBuildDependencies, job: Job): Promise<{ bundleId: string }> {
  const { bundleId } = BuildBundleJob.payloadSchema.parse(job.data);
  try {
    await buildBundle(deps, bundleId, async (progress) => {
      await deps.bundles.markBuilding(bundleId, progress);
      await job.updateProgress({ ...progress });
    });
  } catch (error) {
    const at = new Date().toISOString();
    if (error instanceof UnredactedTextError) {
      await deps.bundles.failBundle(bundleId, error.message, at, error.occurrences);
      throw new UnrecoverableError(error.message);
    }
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (lastAttempt) await deps.bundles.failBundle(bundleId, (error as Error).message, at);
    throw error;
  }
  return { bundleId };
}
