import { Context } from '@temporalio/activity';
import { createTransport, type Transporter } from 'nodemailer';

/** One message a simulated journey handed to the mail transport, as the customer would receive it. */
export interface CapturedMessage {
  /** When the activity sending it was scheduled: the journey's business time (test-server clock, ms). */
  atMs: number | null;
  template: string;
  locale: string;
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
 * run unchanged, and nothing leaves the process. Template and locale come from the headers the outbox sets.
 */
export function captureTransport(into: CapturedMessage[]): Transporter {
  return createTransport({
    name: 'perkflow-simulation',
    version: '1',
    send(mail: { data: MailData }, done: (err: Error | null, info: unknown) => void) {
      const { data } = mail;
      const text = (v: unknown) => (typeof v === 'string' ? v : v === undefined ? '' : String(v));
      into.push({
        atMs: activityScheduledAt(),
        template: text(data.headers?.['X-Perkflow-Template']),
        locale: text(data.headers?.['Content-Language']),
        to: text(data.to),
        subject: text(data.subject),
        text: text(data.text),
      });
      done(null, { messageId: 'captured', envelope: {} });
    },
  } as Parameters<typeof createTransport>[0]);
}

/** The scheduled time of the activity this send runs in, or null outside one. */
function activityScheduledAt(): number | null {
  try {
    return Context.current().info.scheduledTimestampMs;
  } catch {
    return null;
  }
}
