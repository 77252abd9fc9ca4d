import type { ActivityDeps } from '../activities';
import { createMailTransport } from '../email/mailer';
import { Ledger } from '../ledger';
import type { PerkflowConfig } from '../infra/config';
import { createPool, poolDeadlines } from '../infra/database';
import { personalDataProtectionFrom } from '../infra/personal-data-keys';

/** Real dependencies of the activities from configuration; `close` releases them on shutdown. */
export function buildActivityDeps(
  config: PerkflowConfig,
  databaseUrl: string,
  smtp: { host: string; port: number },
): ActivityDeps & { close(): Promise<void> } {
  const pii = personalDataProtectionFrom(config);
  const pool = createPool(databaseUrl, poolDeadlines(config), (message) =>
    console.error('postgres pool: connection lost', message),
  );
  const transport = createMailTransport({
    host: smtp.host,
    port: smtp.port,
    secure: config.SMTP_SECURE,
    ...(config.SMTP_USER ? { user: config.SMTP_USER } : {}),
    ...(config.SMTP_PASSWORD ? { password: config.SMTP_PASSWORD } : {}),
  });
  return {
    pool,
    ledger: new Ledger(pool, { currency: config.LEDGER_CURRENCY }),
    pii,
    segmentTestTimeoutMs: config.SEGMENT_TEST_TIMEOUT_MS,
    mail: {
      transport,
      from: config.MAIL_FROM,
      supportInbox: config.SUPPORT_INBOX,
      defaults: { currency: config.LEDGER_CURRENCY },
    },
    close: async () => {
      transport.close();
      await pool.end();
    },
  };
}
