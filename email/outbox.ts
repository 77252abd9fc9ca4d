import { createHash, randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import type { Transporter } from 'nodemailer';
import type { EmailTemplate, Locale, TemplateId, TemplateVars } from './templates';
import { renderEmail } from './render';

export interface SendEmailRequest {
  /** Derived from workflow id + step by the caller: the same key never sends twice once delivery was confirmed. */
  idempotencyKey: string;
  to: string;
  template: TemplateId;
  locale: Locale;
  vars: TemplateVars;
  /**
   * Copy written for one campaign (a flow journey's sendEmail node), rendered instead of the catalogue's text; the
   * `template` then names the kind of email in the log (`flow-message`).
   */
  copy?: EmailTemplate;
}

export interface SendEmailResult {
  status: 'sent' | 'already-sent';
  messageId: string | null;
}

/** How long a send attempt owns its email: longer than any SMTP hand-off is allowed to take. */
export const SEND_CLAIM_LEASE_SECONDS = 120;

/** Another attempt of this email holds its claim; retry later (the activity's retry policy does). */
export class EmailSendInProgress extends Error {
  constructor(idempotencyKey: string) {
    super(`email ${idempotencyKey} is being sent by another attempt`);
    this.name = 'EmailSendInProgress';
  }
}

/**
 * The relay refused the message or could not be reached. Its message names only the SMTP error code and reply code:
 * the relay's own text often quotes the recipient, and an activity's error message is stored in the Temporal history
 * in clear (failure messages are not payloads the codec encrypts). Retryable like any error.
 */
export class EmailHandOverFailed extends Error {
  constructor(cause: unknown) {
    const smtp = (cause ?? {}) as { code?: unknown; responseCode?: unknown; name?: unknown };
    const code =
      typeof smtp.code === 'string' ? smtp.code : typeof smtp.name === 'string' ? smtp.name : 'error';
    const reply = typeof smtp.responseCode === 'number' ? ` ${smtp.responseCode}` : '';
    super(`the SMTP relay did not take the message (${code.slice(0, 40)}${reply})`);
    this.name = 'EmailHandOverFailed';
  }
}

/** An error nodemailer raised talking to the relay: an E… code (EENVELOPE, ECONNECTION, …) or an SMTP reply code. */
function isSmtpError(err: unknown): boolean {
  const e = (err ?? {}) as { code?: unknown; responseCode?: unknown };
  return typeof e.responseCode === 'number' || (typeof e.code === 'string' && /^E[A-Z]+$/.test(e.code));
}

/**
 * The Message-ID of an email, the same for every attempt: a receiving system that collapses duplicates by Message-ID
 * (most mail stores do) shows one message even if a crash made us hand it over twice.
 */
export function messageIdFor(idempotencyKey: string): string {
  return `<${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 40)}@perkflow.mail>`;
}

/**
 * Renders and sends one email, recorded in email_log, at most once per idempotency key as far as we can know:
 * - a retry after a confirmed send is a no-op;
 * - an attempt claims the row before the SMTP hand-off, so two attempts never send in parallel: the second waits (a
 *   retryable EmailSendInProgress) until the first confirms, gives up (releasing the claim) or its lease lapses;
 * - what remains: a crash after the SMTP server accepted the message and before the 'sent' update. The next attempt
 *   after the lease sends again, with the same Message-ID (messageIdFor), which receivers use to drop the duplicate.
 */
export async function sendLoggedEmail(
  pool: Pool,
  transport: Transporter,
  from: string,
  req: SendEmailRequest,
): Promise<SendEmailResult> {
  const rendered = renderEmail(req.template, req.locale, req.vars, req.copy);
  const existing = await pool.query<{ status: string; message_id: string | null }>(
    `INSERT INTO email_log (idempotency_key, recipient, template, locale, subject, status)
     VALUES ($1, $2, $3, $4, $5, 'sending')
     ON CONFLICT (idempotency_key) DO UPDATE SET idempotency_key = EXCLUDED.idempotency_key
     RETURNING status, message_id`,
    [req.idempotencyKey, req.to, req.template, req.locale, rendered.subject],
  );
  const row = existing.rows[0];
  if (row && row.status === 'sent') return { status: 'already-sent', messageId: row.message_id };

  const claimToken = randomUUID();
  const claimed = await pool.query(
    `UPDATE email_log SET claim_token = $2, claimed_at = now(), attempts = attempts + 1
      WHERE idempotency_key = $1 AND status = 'sending'
        AND (claimed_at IS NULL OR claimed_at < now() - make_interval(secs => $3))`,
    [req.idempotencyKey, claimToken, SEND_CLAIM_LEASE_SECONDS],
  );
  if (claimed.rowCount !== 1) {
    const now = await pool.query<{ status: string; message_id: string | null }>(
      'SELECT status, message_id FROM email_log WHERE idempotency_key = $1',
      [req.idempotencyKey],
    );
    if (now.rows[0]?.status === 'sent') return { status: 'already-sent', messageId: now.rows[0].message_id };
    throw new EmailSendInProgress(req.idempotencyKey);
  }

  const messageId = messageIdFor(req.idempotencyKey);
  try {
    await transport.sendMail({
      from,
      to: req.to,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      messageId,
      headers: {
        'X-Perkflow-Idempotency-Key': req.idempotencyKey,
        'X-Perkflow-Template': req.template,
        'Content-Language': req.locale,
      },
    });
  } catch (err) {
    // The SMTP server refused or was unreachable: nothing was handed over, so the next attempt may send at once.
    await pool
      .query(
        'UPDATE email_log SET claimed_at = NULL, claim_token = NULL WHERE idempotency_key = $1 AND claim_token = $2',
        [req.idempotencyKey, claimToken],
      )
      .catch(() => undefined);
    // nodemailer's errors (a code like EENVELOPE or a reply code) carry the relay's text; others pass unchanged.
    throw isSmtpError(err) ? new EmailHandOverFailed(err) : err;
  }
  await pool.query(
    `UPDATE email_log SET status = 'sent', message_id = $2, sent_at = now() WHERE idempotency_key = $1`,
    [req.idempotencyKey, messageId],
  );
  return { status: 'sent', messageId };
}

/** Of these idempotency keys, the ones whose email was confirmed sent (an attempt still 'sending' may be retried). */
export async function keysAlreadySent(pool: Pool, keys: readonly string[]): Promise<string[]> {
  if (keys.length === 0) return [];
  const rows = await pool.query<{ idempotency_key: string }>(
    `SELECT idempotency_key FROM email_log WHERE idempotency_key = ANY ($1::text[]) AND status = 'sent'`,
    [keys],
  );
  return rows.rows.map((r) => r.idempotency_key);
}
