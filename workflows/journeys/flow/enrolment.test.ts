import { journal } from '../../../test/support/journey-assertions';
import { recordHistory, testSlug } from '../../../test/support/histories';
import { useJourneyStack } from '../../../test/support/per-file';
import { uniqueId } from '../../../test/support/journey-stack';
import { mailTo, uniqueRecipient } from '../../../test/support/mail';
import { recordTierChange } from '../../../stores/loyalty-tiers';
import { findJourneyPlugin } from '../registry';
import { journeyWorkflowId } from '../../shared/definitions';

/** Entered by an enrolment run (no event), then a condition on segment membership (an inline tier filter). */
const enrolledFlow = {
  definition: {
    nodes: [
      { id: 'enrolled', type: 'entry', next: 'silver-and-above' },
      {
        id: 'silver-and-above',
        type: 'condition',
        branches: [
          {
            when: [{ on: 'segment', filter: { fact: 'tier', op: 'gte', value: 'silver' } }],
            next: 'grant',
          },
        ],
        otherwise: 'not-eligible',
      },
      { id: 'not-eligible', type: 'exit', outcome: 'not-eligible', status: 'cancelled' },
      { id: 'grant', type: 'grantCredit', amount: { fixed: 1500 }, validityDays: 7, next: 'mail' },
      {
        id: 'mail',
        type: 'sendEmail',
        subject: { 'zh-CN': '会员专享 {amount} {currency}', en: 'Members only: {amount} {currency}' },
        body: { 'zh-CN': '有效期至 {expiresOn}。', en: 'Valid until {expiresOn}.' },
        next: 'done',
      },
      { id: 'done', type: 'exit', outcome: 'granted' },
    ],
  },
};

describe('flow journey entered by enrolment', () => {
  const stack = useJourneyStack();

  it('an enrolled journey (no event) enters at the entry’s next node; a segment test branches on the tier', async () => {
    const campaign = await stack.launch('flow', enrolledFlow);
    const plugin = findJourneyPlugin('flow')!;
    const silver = uniqueId('cust');
    const plain = uniqueId('cust');
    const silverEmail = uniqueRecipient('enrolled-silver');
    for (const [customerId, email] of [
      [silver, silverEmail],
      [plain, uniqueRecipient('enrolled-plain')],
    ] as const) {
      await stack.emit({ type: 'signed_up', eventId: uniqueId('ev'), customerId, email, locale: 'en' });
    }
    await recordTierChange(stack.db.pool, {
      idempotencyKey: uniqueId('tier'),
      campaignId: 'cmp-tiers',
      customerId: silver,
      from: null,
      to: 'silver',
      reason: 'upgrade',
      rollingSpend: 0,
      at: new Date().toISOString(),
    });
    const ids = [silver, plain].map((c) => journeyWorkflowId(campaign.campaignId, c));
    for (const [i, customerId] of [silver, plain].entries()) {
      expect(
        await stack.journeys.enrol(plugin, campaign, customerId, ids[i]!, {
          kind: 'audience',
          run: 'launch',
        }),
      ).toBe('enrolled');
      // The same journey again (a retried page): not a second one.
      expect(
        await stack.journeys.enrol(plugin, campaign, customerId, ids[i]!, {
          kind: 'audience',
          run: 'launch',
        }),
      ).toBe('already');
    }
    expect(await stack.results(ids)).toEqual(['granted', 'not-eligible']);
    for (const id of ids)
      await recordHistory(stack.env.client.workflow.getHandle(id), `flow--${testSlug()}-${ids.indexOf(id)}`);

    const rows = await journal(stack.db.pool, ids[0]!);
    expect(rows.map((r) => r.step)).toEqual(['enrolled', 'grant', 'mail', 'end']);
    expect(rows[0]).toMatchObject({ kind: 'flow-entered', detail: { enrolment: 'audience', run: 'launch' } });
    expect((await journal(stack.db.pool, ids[1]!)).map((r) => r.step)).toEqual(['enrolled', 'end']);
    const asOf = rows[1]!.occurredAt.toISOString();
    expect((await stack.ledger.wallet(silver, asOf)).lots).toEqual([
      expect.objectContaining({ kind: 'cash', original: 1500, campaignId: campaign.campaignId }),
    ]);
    expect((await stack.ledger.wallet(plain, asOf)).lots).toEqual([]);
    expect((await mailTo(silverEmail)).map((m) => m.subject)).toEqual(['Members only: 15.00 CNY']);
  });
});
