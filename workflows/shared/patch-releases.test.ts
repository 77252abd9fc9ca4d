import { temporal } from '@temporalio/proto';
import { journal } from '../../test/support/journey-assertions';
import { useJourneyStack } from '../../test/support/per-file';
import { uniqueId } from '../../test/support/journey-stack';
import { uniqueRecipient } from '../../test/support/mail';
import { customerEventSignal, journeyWorkflowId } from './definitions';
import type { JourneyStart } from './journey-input';
import { CURRENT_PATCH_RELEASE } from './patch-releases';
import { CustomerEventSchema } from '../../contracts/customer-events';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
const { EventType } = temporal.api.enums.v1;

/** The patches a history recorded (core's `core_patch` markers carry the patch id as JSON). */
function patchMarkers(events: readonly HistoryEvent[]): string[] {
  return events
    .map((e) => e.markerRecordedEventAttributes)
    .filter((m) => m?.markerName === 'core_patch')
    .map(
      (m) =>
        JSON.parse(Buffer.from(m!.details!['patch-data']!.payloads![0]!.data!).toString('utf8')) as {
          id: string;
        },
    )
    .map((d) => d.id);
}

/** What a run did, without the patch bookkeeping: event kinds, activity types, local activities' markers. */
function pathOf(events: readonly HistoryEvent[]): string[] {
  return events
    .filter(
      (e) =>
        e.markerRecordedEventAttributes?.markerName !== 'core_patch' &&
        e.eventType !== EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES,
    )
    .map((e) => {
      const type = EventType[e.eventType ?? 0] ?? String(e.eventType);
      const named =
        e.activityTaskScheduledEventAttributes?.activityType?.name ??
        e.markerRecordedEventAttributes?.markerName;
      return named ? `${type}:${named}` : type;
    });
}

describe('patch releases: a journey started on the current release takes every patch without recording it', () => {
  const stack = useJourneyStack();

  async function historyOf(workflowId: string): Promise<HistoryEvent[]> {
    return (await stack.env.client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
  }

  it('records no patch marker or search-attribute upsert, and runs the same path as a start without a release', async () => {
    // The second customer signs up before the campaign exists: on file with a contact, as the router records one, and
    // no journey yet; theirs is started below from a start without a release.
    const withoutRelease = uniqueId('cust');
    const event = CustomerEventSchema.parse({
      type: 'signed_up',
      eventId: uniqueId('ev'),
      customerId: withoutRelease,
      email: uniqueRecipient('patch-release'),
    });
    expect((await stack.emit(event)).deliveries).toEqual([]);
    const campaign = await stack.launch('trial-credit');

    // Through the product's path (JourneyClient): the start carries the current patch release.
    const onRelease = uniqueId('cust');
    const routed = await stack.emit({
      type: 'signed_up',
      eventId: uniqueId('ev'),
      customerId: onRelease,
      email: uniqueRecipient('patch-release'),
    });
    expect(routed.deliveries).toEqual([
      { campaignId: campaign.campaignId, journeyType: 'trial-credit', delivery: 'delivered' },
    ]);
    const onReleaseId = journeyWorkflowId(campaign.campaignId, onRelease);

    // A start built elsewhere, without a release (as every run before releases had): patched() as before.
    const start: JourneyStart<unknown> = {
      campaignId: campaign.campaignId,
      customerId: withoutRelease,
      journeyType: 'trial-credit',
      config: campaign.config,
      trigger: event,
    };
    const withoutReleaseId = journeyWorkflowId(campaign.campaignId, withoutRelease);
    await stack.env.client.workflow.signalWithStart('trialCreditJourney', {
      taskQueue: stack.taskQueue,
      workflowId: withoutReleaseId,
      args: [start],
      signal: customerEventSignal,
      signalArgs: [event],
    });

    expect(await stack.result(onReleaseId)).toBe('expired-unused');
    expect(await stack.result(withoutReleaseId)).toBe('expired-unused');
    const released = await historyOf(onReleaseId);
    const unreleased = await historyOf(withoutReleaseId);

    expect(CURRENT_PATCH_RELEASE).toBeGreaterThanOrEqual(1);
    expect(released[0]!.workflowExecutionStartedEventAttributes!.input!.payloads!.length).toBeGreaterThan(0);
    expect(patchMarkers(released)).toEqual([]);
    expect(
      released.filter((e) => e.eventType === EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES),
    ).toEqual([]);
    // The run without a release recorded the patches this journey passes, each with the SDK's upsert.
    expect(patchMarkers(unreleased).sort()).toEqual(
      ['journal-with-its-write', 'reads-as-local-activities', 'trial-credit-anti-fraud'].sort(),
    );
    expect(
      unreleased.filter((e) => e.eventType === EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES),
    ).toHaveLength(3);
    // Both took every patch's new path: the same activities, local reads and timers, in the same order.
    expect(pathOf(released)).toEqual(pathOf(unreleased));
    expect(pathOf(released)).toContain('EVENT_TYPE_MARKER_RECORDED:core_local_activity');
    expect(released.length).toBe(unreleased.length - 6);
    const steps = async (id: string) => (await journal(stack.db.pool, id)).map((r) => r.step);
    expect(await steps(onReleaseId)).toEqual(await steps(withoutReleaseId));
  });
});
