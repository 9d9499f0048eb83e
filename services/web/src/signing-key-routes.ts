import type { Router } from 'express';
import { RoleSchema } from '@verbatim/core';
import { html } from './html';
import type { Guard, Render } from './it/route-kit';
import type { WebDependencies } from './web-dependencies';

/**
 * /signing-key: the town's public bundle-signing key, its fingerprint and how to check a bundle with openssl, for
 * anyone signed in. /signing-key.pem: the same key for anyone at all, so a requester can fetch it to compare.
 */
export function mountSigningKeyRoutes(router: Router, deps: WebDependencies, render: Render, guard: Guard): void {
  router.get('/signing-key.pem', (_request, response) =>
    response
      .type('application/x-pem-file')
      .set('content-disposition', 'inline; filename="town-signing-key.pem"')
      .send(deps.townSigningKey.publicKeyPem),
  );
  router.get('/signing-key', async (request, response) => {
    const session = await guard(request, response, RoleSchema.options);
    if (!session) return;
    render(response, 200, 'Signing key', session, signingKeyBody(deps.townSigningKey));
  });
}

function signingKeyBody(key: { publicKeyPem: string; fingerprint: string }) {
  return html`<h1>The town's signing key</h1>
    <p>
      Every response bundle's ZIP holds <code>MANIFEST.sha256</code> (the SHA-256 of each file),
      <code>MANIFEST.sha256.sig</code> (its Ed25519 signature by this key) and <code>town-signing-key.pem</code>
      (the public key). Anyone can check a bundle without our software.
    </p>
    <h2>Public key</h2>
    <p>Fingerprint (SHA-256 of the key's DER encoding): <code>${key.fingerprint}</code></p>
    <pre class="text" aria-label="Public key in PEM">${key.publicKeyPem}</pre>
    <p><a href="/signing-key.pem" download="town-signing-key.pem">Download the public key (PEM)</a></p>
    <h2>How to check a bundle</h2>
    <p>In the bundle's folder, once unzipped:</p>
    <pre class="text">
openssl pkey -pubin -in town-signing-key.pem -outform DER | openssl dgst -sha256
openssl pkeyutl -verify -pubin -inkey town-signing-key.pem -rawin -in MANIFEST.sha256 -sigfile MANIFEST.sha256.sig
sha256sum -c MANIFEST.sha256</pre
    >
    <p>
      The first line must print the fingerprint above, the second <code>Signature Verified Successfully</code>, the
      third <code>OK</code> for every file.
    </p>`;
}
