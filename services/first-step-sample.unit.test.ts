import { FirstStepSample, type FirstStepSeen } from './first-step-sample';

const pending: FirstStepSeen = { kind: 'pending' };
const ran = (afterMs: number): FirstStepSeen => ({ kind: 'ran', afterMs });

describe('which started journeys the lag monitor reads', () => {
  it('keeps the oldest starts while full: a burst of newer ones cannot hide a backlog built before them', () => {
    const sample = new FirstStepSample(3, 3);
    for (let i = 0; i < 10; i++) sample.started(`j${i}`, 1_000 + i);
    expect(sample.toRead().map((s) => s.workflowId)).toEqual(['j0', 'j1', 'j2']);
    // None has run: the wait is the oldest one's, still growing.
    const read = sample.toRead();
    expect(sample.settle(read, [pending, pending, pending], 9_000)).toBe(8_000);
    expect(sample.settle(sample.toRead(), [pending, pending, pending], 12_000)).toBe(11_000);
  });

  it('forgets every read start that ran in one sample, and reports the oldest still waiting', () => {
    const sample = new FirstStepSample(8, 4);
    for (let i = 0; i < 6; i++) sample.started(`j${i}`, 1_000 * i);
    const read = sample.toRead();
    expect(read.map((s) => s.workflowId)).toEqual(['j0', 'j1', 'j2', 'j3']);
    // j0 ran, j1 gone, j2 waits, j3 ran (tasks are not strictly in order).
    expect(sample.settle(read, [ran(500), { kind: 'gone' }, pending, ran(700)], 10_000)).toBe(8_000);
    expect(sample.toRead().map((s) => s.workflowId)).toEqual(['j2', 'j4', 'j5']);
  });

  it('a cleared backlog reads as the newest read start’s wait at once, and no evidence as null', () => {
    const sample = new FirstStepSample(4, 4);
    for (let i = 0; i < 4; i++) sample.started(`j${i}`, 16_000 + i);
    expect(sample.settle(sample.toRead(), [ran(3_000), ran(2_000), ran(600), ran(400)], 20_000)).toBe(400);
    expect(sample.size).toBe(0);
    expect(sample.settle(sample.toRead(), [], 21_000)).toBeNull();
    // Room again: new starts are noted.
    sample.started('j9', 21_000);
    expect(sample.toRead().map((s) => s.workflowId)).toEqual(['j9']);
  });

  it('reads no more than its per-sample budget, oldest first', () => {
    const sample = new FirstStepSample(16, 2);
    for (let i = 0; i < 16; i++) sample.started(`j${i}`, i);
    expect(sample.toRead()).toHaveLength(2);
    sample.settle(sample.toRead(), [ran(1), ran(1)], 100);
    expect(sample.toRead().map((s) => s.workflowId)).toEqual(['j2', 'j3']);
  });

  it('remembers when its reads last said something: what outweighs a repeated task-queue statistic', () => {
    const sample = new FirstStepSample(4, 4);
    expect(sample.hasEvidenceSince(1_000, 3_000)).toBe(false);
    sample.started('j0', 0);
    sample.settle(sample.toRead(), [ran(300)], 1_000);
    expect(sample.hasEvidenceSince(3_500, 3_000)).toBe(true);
    // Nothing read since: the evidence ages out.
    sample.settle(sample.toRead(), [], 4_500);
    expect(sample.hasEvidenceSince(4_500, 3_000)).toBe(false);
    // A start that is gone says nothing either.
    sample.started('j1', 5_000);
    sample.settle(sample.toRead(), [{ kind: 'gone' }], 5_000);
    expect(sample.hasEvidenceSince(5_000, 3_000)).toBe(false);
  });

  it('the wait of a start noted long ago is history: after an outage it says nothing of now', () => {
    const sample = new FirstStepSample(4, 4);
    sample.started('during-outage', 0);
    expect(sample.settle(sample.toRead(), [ran(300_000)], 301_000)).toBeNull();
    // ...yet it is evidence that first steps run again (a repeated task-queue figure counts for less).
    expect(sample.hasEvidenceSince(301_000, 3_000)).toBe(true);
  });

  it('notes one place per journey: a burst of one customer’s events does not fill the sample', () => {
    const sample = new FirstStepSample(4, 4);
    for (let i = 0; i < 10; i++) sample.started('same-journey', i);
    sample.started('other', 20);
    expect(sample.toRead().map((s) => s.workflowId)).toEqual(['same-journey', 'other']);
  });
});
