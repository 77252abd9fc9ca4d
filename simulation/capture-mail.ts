import { createTransport, type Transporter } from 'nodemailer';

/** One message a simulated journey handed to the mail transport, as the customer would receive it. */
export interface CapturedMessage {
  idempotencyKey: string;
  to: string;
  subject: string;
  text: string;
}

interface MailData {
  to?: unknown;
  subject?: unknown;
  text?: unknown;
  headers?: Record<string, unknown>;
}

/**
 * A nodemailer transport that keeps every message instead of sending it: the journeys' own rendering and email log
 * run unchanged, and nothing leaves the process. Messages are keyed by the idempotency header the outbox sets.
 */
export function captureTransport(into: CapturedMessage[]): Transporter {
  return createTransport({
    name: 'perkflow-simulation',
    version: '1',
    send(mail: { data: MailData }, done: (err: Error | null, info: unknown) => void) {
      const { data } = mail;
      const text = (v: unknown) => (typeof v === 'string' ? v : v === undefined ? '' : String(v));
      into.push({
        idempotencyKey: text(data.headers?.['X-Perkflow-Idempotency-Key']),
        to: text(data.to),
        subject: text(data.subject),
        text: text(data.text),
      });
      done(null, { messageId: 'captured', envelope: {} });
    },
  } as Parameters<typeof createTransport>[0]);
}
