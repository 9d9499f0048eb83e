/** Real servers for tests of notification delivery: an SMTP server and a webhook receiver, both in-process. */
export * from './smtp.test-server';
export * from './webhook.test-receiver';
