import { createHmac } from 'node:crypto';
import { backoffSeconds } from '../../src/modules/notifications/notification-delivery.js';
import { signWebhook, verifyWebhook } from '../../src/modules/notifications/webhook-signature.js';

describe('webhook signatures', () => {
  const secret = 'a-secret-of-enough-length';
  const body = JSON.stringify({ deliveryId: 'd1', title: 'Rota published' });

  it('is HMAC-SHA256 over "<timestamp>.<body>", in hex, with the timestamp beside it', () => {
    const mac = createHmac('sha256', secret).update(`1700000000.${body}`).digest('hex');
    expect(signWebhook(secret, 1_700_000_000, body)).toBe(`t=1700000000,v1=${mac}`);
  });

  it('verifies its own signature and refuses a changed body, another secret, an old timestamp or none', () => {
    const now = 1_700_000_000;
    const header = signWebhook(secret, now, body);
    expect(verifyWebhook(secret, header, body, now)).toBe(true);
    expect(verifyWebhook(secret, header, body, now + 299)).toBe(true);
    expect(verifyWebhook(secret, header, `${body} `, now)).toBe(false);
    expect(verifyWebhook('another-secret-of-enough-length', header, body, now)).toBe(false);
    expect(verifyWebhook(secret, header, body, now + 301)).toBe(false);
    expect(verifyWebhook(secret, undefined, body, now)).toBe(false);
    expect(verifyWebhook(secret, 'v1=abc', body, now)).toBe(false);
    expect(verifyWebhook(secret, `t=${now},v1=zz`, body, now)).toBe(false);
  });
});

describe('delivery back-off', () => {
  it('waits the base after the first failure, doubling after each, at most a day', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffSeconds(30, n))).toEqual([30, 60, 120, 240, 480]);
    expect(backoffSeconds(30, 40)).toBe(86_400);
    expect(backoffSeconds(1, 0)).toBe(1);
  });
});
