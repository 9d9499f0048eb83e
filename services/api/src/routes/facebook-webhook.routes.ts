import express, { Router } from 'express';
import { receiveFacebookDelivery } from '@verbatim/app';
import { isVerifyTokenValid } from '@verbatim/connectors';
import type { ApiContext } from '../api-context';

/** Meta signs deliveries of up to a few kilobytes; a megabyte leaves room and bounds what a stranger can send. */
const MAX_DELIVERY = '1mb';

/**
 * The Facebook Page webhook, public (Meta calls it without our credentials) and outside the JSON API's body
 * parser: the signature covers the body's exact bytes. `GET` answers Meta's subscription handshake; `POST`
 * receives deliveries (see receiveFacebookDelivery). Refusals are 403 with no detail, and logged with it.
 */
export function facebookWebhookRouter(context: ApiContext, log: (error: unknown) => void): Router {
  const router = Router();
  router.get('/', (request, response) => {
    const query = request.query as Record<string, string | undefined>;
    const expected = context.facebookWebhookVerifyToken;
    if (!expected) log(new Error('Facebook webhook handshake refused: FACEBOOK_WEBHOOK_VERIFY_TOKEN is not set'));
    const challenge = query['hub.challenge'];
    const valid =
      expected !== undefined &&
      query['hub.mode'] === 'subscribe' &&
      isVerifyTokenValid(query['hub.verify_token'], expected) &&
      typeof challenge === 'string' &&
      challenge.length > 0 &&
      challenge.length <= 200;
    if (!valid) {
      response.status(403).type('text/plain').send('Forbidden');
      return;
    }
    response.status(200).type('text/plain').send(challenge);
  });
  router.post('/', express.raw({ type: () => true, limit: MAX_DELIVERY }), async (request, response) => {
    const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const outcome = await receiveFacebookDelivery(context, raw, request.get('x-hub-signature-256'));
    if (!outcome.accepted) {
      log(new Error(`Facebook webhook delivery refused: ${outcome.reason}`));
      response
        .status(outcome.status)
        .type('text/plain')
        .send(outcome.status === 400 ? 'Bad Request' : 'Forbidden');
      return;
    }
    response.status(200).json({ received: true });
  });
  return router;
}
