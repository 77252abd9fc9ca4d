import type { Pool } from 'pg';
import type { Transporter } from 'nodemailer';
import type { Locale, TemplateVars } from './templates';
import { renderEmail } from './render';

export interface SendEmailRequest {
  /** Derived from workflow id + step by the caller: the same key never sends twice once delivery was confirmed. */
  idempotencyKey: string;
  to: string;
  template: string;
  locale: Locale;
  vars: TemplateVars;
}

export interface SendEmailResult {
  status: 'sent' | 'already-sent';
  messageId: string | null;
}

/**
 * Renders and sends one email, recorded in email_log. A retry after a confirmed send is a no-op; a crash between the
 * SMTP handoff and the status update can at worst send once more (email is at-least-once by nature).
 */
export async function sendLoggedEmail(
  pool: Pool,
  transport: Transporter,
  from: string,
  req: SendEmailRequest,
): Promise<SendEmailResult> {
  const rendered = renderEmail(req.template, req.locale, req.vars);
  const existing = await pool.query<{ status: string; message_id: string | null }>(
    `INSERT INTO email_log (idempotency_key, recipient, template, locale, subject, status)
     VALUES ($1, $2, $3, $4, $5, 'sending')
     ON CONFLICT (idempotency_key) DO UPDATE SET idempotency_key = EXCLUDED.idempotency_key
     RETURNING status, message_id`,
    [req.idempotencyKey, req.to, req.template, req.locale, rendered.subject],
  );
  const row = existing.rows[0];
  if (row && row.status === 'sent') return { status: 'already-sent', messageId: row.message_id };

  const info = await transport.sendMail({
    from,
    to: req.to,
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    headers: { 'X-Perkflow-Idempotency-Key': req.idempotencyKey, 'X-Perkflow-Template': req.template },
  });
  await pool.query(
    `UPDATE email_log SET status = 'sent', message_id = $2, sent_at = now() WHERE idempotency_key = $1`,
    [req.idempotencyKey, info.messageId],
  );
  return { status: 'sent', messageId: info.messageId ?? null };
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
