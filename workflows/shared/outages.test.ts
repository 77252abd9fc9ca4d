import { createServer, connect, type Server, type Socket } from 'node:net';
import type { WorkflowHandle } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import type { Transporter } from 'nodemailer';
import { Pool } from 'pg';
import { createActivities, type Activities } from '../../activities';
import { createMailTransport } from '../../email/mailer';
import { Ledger } from '../../ledger';
import { journal } from '../../test/support/journey-assertions';
import {
  SUPPORT_INBOX,
  startJourneyStack,
  uniqueId,
  type JourneyStack,
} from '../../test/support/journey-stack';
import { mailTo, testSmtpSettings, uniqueRecipient } from '../../test/support/mail';
import { journeyWorkflowId } from './definitions';
import { testPersonalData } from '../../test/support/personal-data';

const MINUTE_MS = 60_000;
/** The earlier policy (10 attempts, 1 s doubling to 1 min) gave up after ~4 minutes; these outages last 20. */
const OLD_MAXIMUM_ATTEMPTS = 10;
const OUTAGE_MINUTES = 20;
/** Local read retries back off 1, 2, 4 and 8 s inside the worker; from 16 s on they wait on workflow timers. */
const INTERNAL_BACKOFFS = 4;

/**
 * A TCP hop in front of a real server (Postgres, the SMTP capture) that a test can cut: while cut, open connections
 * are reset and every new one is reset on arrival, as a crashed or unreachable server looks to its clients.
 */
class CuttableLink {
  private readonly sockets = new Set<Socket>();
  private cut = false;

  private constructor(private readonly server: Server) {}

  static async open(host: string, port: number): Promise<CuttableLink> {
    const server = createServer();
    const link = new CuttableLink(server);
    server.on('connection', (client) => link.accept(client, host, port));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return link;
  }

  get port(): number {
    return (this.server.address() as { port: number }).port;
  }

  private accept(client: Socket, host: string, port: number): void {
    client.on('error', () => undefined);
    if (this.cut) {
      client.resetAndDestroy();
      return;
    }
    const upstream = connect(port, host);
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    this.sockets.add(client).add(upstream);
    client.on('close', () => this.sockets.delete(client));
    upstream.on('close', () => this.sockets.delete(upstream));
    client.pipe(upstream).pipe(client);
  }

  down(): void {
    this.cut = true;
    for (const s of this.sockets) s.resetAndDestroy();
  }

  up(): void {
    this.cut = false;
  }

  async close(): Promise<void> {
    this.down();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

function scheduled(events: readonly HistoryEvent[], activityType: string) {
  return events
    .filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === activityType)
    .map((e) => e.activityTaskScheduledEventAttributes!);
}

/** The attempt numbers with which the history's activities of a type started (recorded once they finished). */
function startedAttempts(events: readonly HistoryEvent[], activityType: string): number[] {
  const ids = new Set(
    events
      .filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === activityType)
      .map((e) => String(e.eventId)),
  );
  return events
    .filter((e) => ids.has(String(e.activityTaskStartedEventAttributes?.scheduledEventId ?? '')))
    .map((e) => e.activityTaskStartedEventAttributes!.attempt!);
}

interface LocalActivityMarker {
  activity_type: string;
  attempt: number;
  /** Set when the attempt failed and the next one waits on a workflow timer. */
  backoff: unknown;
}

/** Core's markers of a local activity type: one per attempt that ended in a timer backoff, one for the completion. */
function localActivityMarkers(events: readonly HistoryEvent[], activityType: string): LocalActivityMarker[] {
  return events
    .map((e) => e.markerRecordedEventAttributes)
    .filter((m) => m?.markerName === 'core_local_activity')
    .map(
      (m) =>
        JSON.parse(
          Buffer.from(m!.details!.data!.payloads![0]!.data!).toString('utf8'),
        ) as LocalActivityMarker,
    )
    .filter((d) => d.activity_type === activityType);
}

const seconds = (d: { seconds?: unknown } | null | undefined) => Number(d?.seconds ?? 0);

describe('journeys ride out dependency outages longer than the old retry budget', () => {
  let stack: JourneyStack;
  /** Postgres as the ledger's writes reach it. */
  let ledgerLink: CuttableLink;
  /** Postgres as the profile read reaches it. */
  let readLink: CuttableLink;
  let smtpLink: CuttableLink;
  const pools: Pool[] = [];
  let transport: Transporter | undefined;
  /** Activities whose ledger connections and SMTP connections go through their cuttable links. */
  let linked: Activities;
  /** The profile read through its own link. */
  let linkedRead: Activities['getCustomerProfile'];

  beforeAll(async () => {
    stack = await startJourneyStack({
      // The profile read, ledger writes and emails go through the links; the rest reaches Postgres directly.
      wrapActivities: () => ({
        getCustomerProfile: (customerId) => linkedRead(customerId),
        grantCredit: (req, journal) => linked.grantCredit(req, journal),
        sendEmail: (req, journal) => linked.sendEmail(req, journal),
      }),
    });
    const linkedPool = async (): Promise<{ link: CuttableLink; pool: Pool }> => {
      const db = new URL(stack.db.url);
      const link = await CuttableLink.open(db.hostname, Number(db.port));
      db.hostname = '127.0.0.1';
      db.port = String(link.port);
      const pool = new Pool({ connectionString: db.toString(), max: 4 });
      // Idle clients are reset when the link is cut: that is the outage, not a test failure.
      pool.on('error', () => undefined);
      pools.push(pool);
      return { link, pool };
    };
    const ledgerSide = await linkedPool();
    const readSide = await linkedPool();
    ledgerLink = ledgerSide.link;
    readLink = readSide.link;
    const smtp = testSmtpSettings();
    smtpLink = await CuttableLink.open(smtp.host, smtp.port);
    transport = createMailTransport({ ...smtp, port: smtpLink.port });
    const mail = {
      transport,
      from: 'perkflow@test.local',
      supportInbox: SUPPORT_INBOX,
      defaults: { currency: 'CNY' },
    };
    linked = createActivities({
      pool: ledgerSide.pool,
      ledger: new Ledger(ledgerSide.pool, { currency: 'CNY' }),
      pii: testPersonalData,
      mail,
    });
    linkedRead = createActivities({
      pool: readSide.pool,
      ledger: new Ledger(readSide.pool, { currency: 'CNY' }),
      pii: testPersonalData,
      mail,
    }).getCustomerProfile;
  });
  afterAll(async () => {
    await stack?.stop();
    for (const pool of pools) await pool.end();
    for (const link of [ledgerLink, readLink, smtpLink]) await link?.close();
    transport?.close();
  });

  async function signUp() {
    const campaign = await stack.launch('trial-credit');
    const customerId = uniqueId('outage');
    const email = uniqueRecipient('outage');
    await stack.emit({ type: 'signed_up', eventId: uniqueId('ev'), customerId, email, locale: 'en' });
    const handle = stack.env.client.workflow.getHandle(journeyWorkflowId(campaign.campaignId, customerId));
    return { campaign, customerId, email, handle };
  }

  /** Waits (real time) until the journey's pending activity of this type has failed at least once. */
  async function failing(handle: WorkflowHandle, activityType: string): Promise<void> {
    for (let i = 0; i < 200; i++) {
      const pending = (await handle.describe()).raw.pendingActivities ?? [];
      if (pending.some((a) => a.activityType?.name === activityType && (a.attempt ?? 0) >= 2)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`${activityType} never failed`);
  }

  /** Lets `minutes` of workflow time pass in 1-minute steps, each letting the retries that fall due run. */
  async function letTimePass(minutes: number): Promise<void> {
    const from = await stack.env.currentTimeMs();
    while ((await stack.env.currentTimeMs()) - from < minutes * MINUTE_MS) {
      await stack.env.sleep('1 minute');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Lets an outage of `minutes` pass; returns the attempt the activity it holds up has reached. */
  async function outageOf(handle: WorkflowHandle, activityType: string, minutes: number): Promise<number> {
    await letTimePass(minutes);
    const pending = (await handle.describe()).raw.pendingActivities ?? [];
    const activity = pending.find((a) => a.activityType?.name === activityType);
    if (!activity) throw new Error(`${activityType} is no longer pending: the outage did not hold it up`);
    return activity.attempt ?? 0;
  }

  it('a grant retried through a 20-minute Postgres outage completes once the database is back, and grants once', async () => {
    ledgerLink.down();
    const { campaign, customerId, email, handle } = await signUp();
    await failing(handle, 'grantCredit');
    const attemptsDuringOutage = await outageOf(handle, 'grantCredit', OUTAGE_MINUTES);
    expect(attemptsDuringOutage).toBeGreaterThan(OLD_MAXIMUM_ATTEMPTS);
    ledgerLink.up();
    // The attempt in flight when the link came back may have failed on it; let its next retry (≤ 5 min backoff) fall due.
    await letTimePass(6);

    expect(await stack.result(handle.workflowId)).toBe('expired-unused');
    const events = (await handle.fetchHistory()).events!;
    // One grant scheduled, with the write class's options, and started successfully only after the old budget.
    const [grant, ...more] = scheduled(events, 'grantCredit');
    expect(more).toHaveLength(0);
    expect(seconds(grant!.startToCloseTimeout)).toBe(15);
    expect(seconds(grant!.scheduleToCloseTimeout)).toBe(7 * 24 * 3600);
    expect(grant!.retryPolicy?.maximumAttempts ?? 0).toBe(0);
    expect(seconds(grant!.retryPolicy?.maximumInterval)).toBe(300);
    expect(startedAttempts(events, 'grantCredit')).toEqual([expect.any(Number)]);
    expect(startedAttempts(events, 'grantCredit')[0]).toBeGreaterThanOrEqual(attemptsDuringOutage);

    const lots = await stack.db.pool.query<{ amount: string }>(
      'SELECT original_amount::text AS amount FROM ledger_lots WHERE customer_id = $1',
      [customerId],
    );
    expect(lots.rows).toEqual([{ amount: '5000' }]);
    expect((await stack.ledger.campaignBudget(campaign.campaignId)).granted).toBe(5000);
    const steps = (await journal(stack.db.pool, handle.workflowId)).map((r) => r.step);
    expect(steps.filter((s) => s === 'grant')).toHaveLength(1);
    expect((await mailTo(email)).map((m) => m.subject)).toEqual([
      'Your 50.00 CNY trial credit is ready',
      'Your trial credit expires in 7 days',
    ]);
  });

  it('a local read retried through a 20-minute Postgres outage waits on timers, then the journey carries on', async () => {
    readLink.down();
    const { customerId, handle } = await signUp();
    // Backoffs up to 10 s happen inside the worker (real time, ~15 s); longer ones wait on a workflow timer.
    let backingOff = false;
    for (let i = 0; i < 400 && !backingOff; i++) {
      backingOff = (await handle.fetchHistory()).events!.some((e) => e.timerStartedEventAttributes);
      if (!backingOff) await new Promise((r) => setTimeout(r, 100));
    }
    expect(backingOff).toBe(true);
    await letTimePass(OUTAGE_MINUTES);
    expect(await journal(stack.db.pool, handle.workflowId)).toEqual([]);
    readLink.up();

    expect(await stack.result(handle.workflowId)).toBe('expired-unused');
    const events = (await handle.fetchHistory()).events!;
    const reads = localActivityMarkers(events, 'getCustomerProfile');
    const completed = reads.filter((r) => !r.backoff);
    expect(completed).toHaveLength(1);
    expect(completed[0]!.attempt).toBeGreaterThan(OLD_MAXIMUM_ATTEMPTS);
    // Every failed attempt before it waited on a timer, none held the workflow task open for minutes.
    expect(reads.filter((r) => r.backoff).length).toBe(completed[0]!.attempt - 1 - INTERNAL_BACKOFFS);
    expect(events.filter((e) => e.timerStartedEventAttributes).length).toBeGreaterThanOrEqual(
      reads.length - 1,
    );
    expect(scheduled(events, 'getCustomerProfile')).toHaveLength(0);
    const lots = await stack.db.pool.query('SELECT 1 FROM ledger_lots WHERE customer_id = $1', [customerId]);
    expect(lots.rowCount).toBe(1);
  });

  it('an email retried through a 20-minute SMTP outage is sent once the relay is back, once', async () => {
    smtpLink.down();
    const { email, handle } = await signUp();
    await failing(handle, 'sendEmail');
    const attemptsDuringOutage = await outageOf(handle, 'sendEmail', OUTAGE_MINUTES);
    expect(attemptsDuringOutage).toBeGreaterThan(OLD_MAXIMUM_ATTEMPTS);
    expect(await mailTo(email)).toEqual([]);
    smtpLink.up();
    // The attempt in flight when the link came back may have failed on it; let its next retry (≤ 5 min backoff) fall due.
    await letTimePass(6);

    expect(await stack.result(handle.workflowId)).toBe('expired-unused');
    const events = (await handle.fetchHistory()).events!;
    const sends = scheduled(events, 'sendEmail');
    expect(sends).toHaveLength(2); // the grant's email, then the reminder
    for (const send of sends) {
      expect(seconds(send.startToCloseTimeout)).toBe(30);
      expect(seconds(send.scheduleToCloseTimeout)).toBe(7 * 24 * 3600);
      expect(send.retryPolicy?.maximumAttempts ?? 0).toBe(0);
    }
    expect(startedAttempts(events, 'sendEmail')[0]).toBeGreaterThan(attemptsDuringOutage - 1);
    const mails = await mailTo(email);
    expect(mails.map((m) => m.subject)).toEqual([
      'Your 50.00 CNY trial credit is ready',
      'Your trial credit expires in 7 days',
    ]);
  });
});
