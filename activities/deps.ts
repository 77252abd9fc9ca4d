import type { Transporter } from 'nodemailer';
import type { Pool } from 'pg';

/** What activities need from the outside world; built once by the worker (or a test). */
export interface ActivityDeps {
  pool: Pool;
  mail: { transport: Transporter; from: string };
}
