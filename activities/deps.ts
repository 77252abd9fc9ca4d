import type { Transporter } from 'nodemailer';
import type { Pool } from 'pg';
import type { Ledger } from '../ledger';

/** What activities need from the outside world; built once by the worker (or a test). */
export interface ActivityDeps {
  pool: Pool;
  ledger: Ledger;
  mail: {
    transport: Transporter;
    from: string;
    /** Where support task notifications go (the support team's shared inbox). */
    supportInbox: string;
    /** Added to every template's variables (e.g. the ledger currency). */
    defaults: Record<string, string>;
  };
}
