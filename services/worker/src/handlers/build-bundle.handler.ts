import { Job } from 'bullmq';
import { buildBundle, type BundleBuildDependencies } from '@verbatim/bundles/production';
import { BuildBundleJob } from '@verbatim/queue';

/**
 * Builds the job's bundle, reporting progress on the job and on the bundle (which the API shows). A failure
 * on the last attempt marks the bundle failed with its error, so the officer sees what happened.
 */
export async function handleBuildBundle(deps: BundleBuildDependencies, job: Job): Promise<{ bundleId: string }> {
  const { bundleId } = BuildBundleJob.payloadSchema.parse(job.data);
  try {
    await buildBundle(deps, bundleId, async (progress) => {
      await deps.bundles.markBuilding(bundleId, progress);
      await job.updateProgress({ ...progress });
    });
  } catch (error) {
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (lastAttempt) await deps.bundles.failBundle(bundleId, (error as Error).message, new Date().toISOString());
    throw error;
  }
  return { bundleId };
}
