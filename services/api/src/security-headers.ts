import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * The headers every page and API answer carries (helmet): a Content Security Policy allowing only the
 * application's own scripts, styles and images (the pages have no inline script or style, so none is
 * allowed), no framing by any site (`frame-ancestors 'none'`, X-Frame-Options DENY), nosniff, no referrer.
 */
const helmetHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'style-src': ["'self'"],
      'img-src': ["'self'", 'data:'],
      'font-src': ["'self'"],
      'connect-src': ["'self'"],
      'object-src': ["'none'"],
      'base-uri': ["'none'"],
      'form-action': ["'self'"],
      'frame-ancestors': ["'none'"],
    },
  },
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
  // Sent below, only when the request came over TLS: over plain HTTP a browser ignores it anyway.
  strictTransportSecurity: false,
});

const hsts = helmet.strictTransportSecurity({ maxAge: 31_536_000, includeSubDomains: true });

/** Static assets are the only answers without archive content; they keep the cache headers their routes set. */
function holdsArchiveContent(path: string): boolean {
  return !path.startsWith('/assets/');
}

/**
 * Security headers for every answer, `Cache-Control: no-store` on every answer that may hold archive content
 * (all but /assets/), and HSTS when the request came over TLS: directly, or through a proxy trusted with
 * TRUST_PROXY whose X-Forwarded-Proto says https (`request.secure`).
 */
export function securityHeaders(): RequestHandler {
  return (request, response, next) => {
    if (holdsArchiveContent(request.path)) response.set('cache-control', 'no-store');
    helmetHeaders(request, response, (error?: unknown) => {
      if (error) return next(error);
      if (request.secure) return hsts(request, response, next);
      next();
    });
  };
}
