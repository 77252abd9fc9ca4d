import type { Transporter } from 'nodemailer';

/** Where and how the product sends mail: built once per process from the SMTP configuration (or by a test). */
export interface MailSettings {
  transport: Transporter;
  from: string;
  /** Where support task notifications go (the support team's shared inbox). */
  supportInbox: string;
  /** Added to every template's variables (e.g. the ledger currency). */
  defaults: Record<string, string>;
}
