import { createMailTransport } from './mailer';
import {
  EmailHandOverFailed,
  EmailSendInProgress,
  messageIdFor,
  sendLoggedEmail,
  type SendEmailRequest,
} from './outbox';
import { freePort } from '../infra/dev/free-port';
import { createTestDatabase, type TestDatabase } from '../test/support/database';
import { mailTo, testSmtpSettings, uniqueRecipient } from '../test/support/mail';

const FROM = 'perkflow@test.local';

describe('email outbox: one send per idempotency key', () => {
  let db: TestDatabase;
  const transport = createMailTransport(testSmtpSettings());

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    transport.close();
    await db.drop();
  });

  const request = (key: string, to: string): SendEmailRequest => ({
    idempotencyKey: key,
    to,
    template: 'support-task',
    locale: 'en',
    vars: { taskId: '1', kind: 'callback', customerId: 'c-1', title: 'Call back', detail: '{}' },
  });

  test('a confirmed send is not repeated, and carries the Message-ID derived from its key', async () => {
    const to = uniqueRecipient('outbox-once');
    const key = `outbox/once/${to}`;
    const first = await sendLoggedEmail(db.pool, transport, FROM, request(key, to));
    const again = await sendLoggedEmail(db.pool, transport, FROM, request(key, to));
    expect(first).toEqual({ status: 'sent', messageId: messageIdFor(key) });
    expect(again).toEqual({ status: 'already-sent', messageId: messageIdFor(key) });
    const inbox = await mailTo(to);
    expect(inbox).toHaveLength(1);
    expect(inbox[0]!.headers['message-id']).toBe(messageIdFor(key));
  });

  test('concurrent attempts of one email hand it to SMTP once; the others are told to retry', async () => {
    const to = uniqueRecipient('outbox-race');
    const key = `outbox/race/${to}`;
    const outcomes = await Promise.allSettled(
      Array.from({ length: 8 }, () => sendLoggedEmail(db.pool, transport, FROM, request(key, to))),
    );
    const sent = outcomes.filter((o) => o.status === 'fulfilled' && o.value.status === 'sent');
    const waiting = outcomes.filter((o) => o.status === 'rejected');
    expect(sent).toHaveLength(1);
    for (const o of waiting) expect((o as PromiseRejectedResult).reason).toBeInstanceOf(EmailSendInProgress);
    expect(await mailTo(to)).toHaveLength(1);
  });

  test('an attempt that crashed after claiming holds the email until its lease lapses; then it is sent, same Message-ID', async () => {
    const to = uniqueRecipient('outbox-crash');
    const key = `outbox/crash/${to}`;
    // What a worker killed during the SMTP hand-off leaves behind: the row claimed, never confirmed.
    await db.pool.query(
      `INSERT INTO email_log (idempotency_key, recipient, template, locale, subject, status, claim_token, claimed_at, attempts)
       VALUES ($1, $2, 'support-task', 'en', 's', 'sending', 'crashed-attempt', now(), 1)`,
      [key, to],
    );
    await expect(sendLoggedEmail(db.pool, transport, FROM, request(key, to))).rejects.toBeInstanceOf(
      EmailSendInProgress,
    );
    expect(await mailTo(to)).toHaveLength(0);

    await db.pool.query(
      `UPDATE email_log SET claimed_at = now() - interval '1 hour' WHERE idempotency_key = $1`,
      [key],
    );
    const retried = await sendLoggedEmail(db.pool, transport, FROM, request(key, to));
    expect(retried.status).toBe('sent');
    const inbox = await mailTo(to);
    expect(inbox).toHaveLength(1);
    expect(inbox[0]!.headers['message-id']).toBe(messageIdFor(key));
    const row = await db.pool.query('SELECT status, attempts FROM email_log WHERE idempotency_key = $1', [
      key,
    ]);
    expect(row.rows[0]).toEqual({ status: 'sent', attempts: 2 });
  });

  test('an SMTP refusal releases the claim, so the retry sends at once', async () => {
    const to = uniqueRecipient('outbox-refused');
    const key = `outbox/refused/${to}`;
    const unreachable = createMailTransport({ host: '127.0.0.1', port: 1, secure: false });
    await expect(sendLoggedEmail(db.pool, unreachable, FROM, request(key, to))).rejects.toThrow();
    unreachable.close();
    const row = await db.pool.query('SELECT claimed_at FROM email_log WHERE idempotency_key = $1', [key]);
    expect(row.rows[0].claimed_at).toBeNull();
    expect((await sendLoggedEmail(db.pool, transport, FROM, request(key, to))).status).toBe('sent');
    expect(await mailTo(to)).toHaveLength(1);
  });

  test('a relay that cannot be reached: a retryable error naming the SMTP code, never the recipient; the claim is free', async () => {
    const to = uniqueRecipient('outbox-down');
    const key = `outbox/down/${to}`;
    const down = createMailTransport({ host: '127.0.0.1', port: await freePort(), secure: false });
    try {
      const failed = await sendLoggedEmail(db.pool, down, FROM, request(key, to)).catch((e: unknown) => e);
      expect(failed).toBeInstanceOf(EmailHandOverFailed);
      expect((failed as Error).message).toMatch(/^the SMTP relay did not take the message \(E[A-Z]+/);
      expect((failed as Error).message).not.toContain(to);
    } finally {
      down.close();
    }
    // Nothing was handed over: the next attempt, through a relay that answers, sends it.
    expect(await sendLoggedEmail(db.pool, transport, FROM, request(key, to))).toEqual({
      status: 'sent',
      messageId: messageIdFor(key),
    });
  });
});
