import { renderBundlePdfInWorker } from '@verbatim/bundles';
import { loadOrCreateTownSigningKey, verifyBundle, type RenderPdfToFile } from '@verbatim/bundles/production';
import { withBackends } from '../cli-backends';
import type { CliCommand } from '../cli-command';

/** Renders in a worker thread, capped so one bundle cannot take the host's memory (as the service does). */
const renderPdfOffThread: RenderPdfToFile = (input, file, options) =>
  renderBundlePdfInWorker(input, file, { ...options, resourceLimits: { maxOldGenerationSizeMb: 512 } });

/**
 * `verbatim verify-bundle BUNDLE_ID [--rebuild]`: checks a released bundle against storage, the way an attorney's
 * expert would years later. Prints the report as JSON; exit status 1 on any mismatch.
 */
export const verifyBundleCommand: CliCommand = {
  define(program, run) {
    program
      .command('verify-bundle')
      .description('check a released FOIA bundle against storage (report as JSON); exit status 1 on any mismatch')
      .argument('<bundleId>', 'the bundle to check')
      .option('--rebuild', 'also rebuild the PDF and compare it with the released one')
      .action((bundleId: string, options: { rebuild?: boolean }) =>
        run(() => checkBundle(bundleId, options.rebuild ?? false)),
      );
  },
};

async function checkBundle(bundleId: string, rebuild: boolean): Promise<number> {
  return withBackends(async (backends, config) => {
    const report = await verifyBundle(
      {
        objectStore: backends.objectStore,
        bundles: backends.bundleStore,
        renderPdf: renderPdfOffThread,
        townPublicKeyPem: (await loadOrCreateTownSigningKey(config.signing.keyFile)).publicKeyPem,
      },
      bundleId,
      { rebuild },
    );
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    process.stderr.write(report.ok ? 'bundle verified: every hash matches\n' : 'MISMATCH: see the report above\n');
    return report.ok ? 0 : 1;
  });
}
