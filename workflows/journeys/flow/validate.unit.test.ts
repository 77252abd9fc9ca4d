import { FlowConfig } from './config';
import { FlowDefinition, type FlowDefinition as Definition } from './definition';
import { validateFlow } from './validate';

/** A valid webinar journey: entry → condition → grant → email → exit, with a holdout split. */
function webinar(): Record<string, unknown> {
  return {
    nodes: [
      {
        id: 'attended',
        type: 'entry',
        on: { type: 'custom', name: 'webinar_attended', where: [{ field: 'minutes', op: 'gte', value: 30 }] },
        next: 'cohort',
      },
      {
        id: 'cohort',
        type: 'split',
        cohorts: [
          { name: 'treated', weight: 9, next: 'long-enough' },
          { name: 'holdout', weight: 1, holdout: true, next: 'held-out' },
        ],
      },
      {
        id: 'long-enough',
        type: 'condition',
        branches: [{ when: [{ on: 'fact', fact: 'orderCount', op: 'eq', value: 0 }], next: 'grant' }],
        otherwise: 'done',
      },
      { id: 'grant', type: 'grantCredit', amount: { fixed: 3000 }, validityDays: 30, next: 'email' },
      {
        id: 'email',
        type: 'sendEmail',
        subject: { 'zh-CN': '感谢参加研讨会', en: 'Thanks for attending' },
        body: {
          'zh-CN': '{name}，{amount} {currency} 已到账',
          en: '{name}: {amount} {currency}, {event_minutes} min',
        },
        next: 'done',
      },
      { id: 'done', type: 'exit', outcome: 'rewarded' },
      { id: 'held-out', type: 'exit', outcome: 'holdout' },
    ],
  };
}

type Nodes = Record<string, unknown>[];
const withNodes = (edit: (nodes: Nodes) => void): Record<string, unknown> => {
  const def = webinar();
  edit(def.nodes as Nodes);
  return def;
};
const node = (nodes: Nodes, id: string) => nodes.find((n) => n.id === id)!;

/** The messages of every issue, shape and graph, as the API reports them. */
function issuesOf(def: unknown): string[] {
  const parsed = FlowConfig.safeParse({ definition: def });
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('flow definition validation', () => {
  it('accepts a valid definition and fills defaults', () => {
    const parsed = FlowConfig.parse({ definition: webinar() });
    expect(parsed.definition.version).toBe(1);
    expect(parsed.definition.exitOn).toEqual([]);
    expect(validateFlow(parsed.definition)).toEqual([]);
  });

  it('refuses re-entry when the entry is a date, calendar or enrolment (no entry event to hear again)', () => {
    const birthday = (reentry: unknown) => ({
      nodes: [
        { id: 'birthday', type: 'entry', date: { attribute: 'birthday' }, next: 'done' },
        { id: 'done', type: 'exit', outcome: 'greeted' },
      ],
      reentry,
    });
    expect(issuesOf(birthday({ mode: 'once' }))).toEqual([]);
    expect(issuesOf(birthday({ mode: 'after', days: 30 }))).toEqual([
      expect.stringMatching(/^definition\.reentry: re-entry needs an event entry/),
    ]);
  });

  it('keeps an editor layout that names its nodes, refuses one naming others or off the canvas', () => {
    const laidOut = {
      ...webinar(),
      layout: { positions: { attended: { x: 0, y: 0 }, done: { x: 260, y: -150.5 } } },
    };
    expect(issuesOf(laidOut)).toEqual([]);
    expect(FlowConfig.parse({ definition: laidOut }).definition.layout?.positions.done).toEqual({
      x: 260,
      y: -150.5,
    });
    expect(issuesOf({ ...webinar(), layout: { positions: { ghost: { x: 1, y: 2 } } } })).toEqual([
      'definition.layout.positions.ghost: a position for "ghost", which is not a node',
    ]);
    expect(issuesOf({ ...webinar(), layout: { positions: { done: { x: 1e9, y: 0 } } } })).not.toEqual([]);
    expect(issuesOf({ ...webinar(), layout: { positions: { done: { x: 1 } } } })).not.toEqual([]);
  });

  it('needs exactly one entry', () => {
    expect(issuesOf(withNodes((n) => (node(n, 'attended').type = 'wait')))).not.toEqual([]);
    const noEntry = withNodes((n) => n.splice(0, 1));
    expect(issuesOf(noEntry)).toContain('definition.nodes: the definition needs an entry node');
    const two = withNodes((n) => n.push({ ...node(n, 'attended'), id: 'again' }));
    expect(issuesOf(two)).toContain(
      'definition.nodes.7: node "again": a second entry node (exactly one is allowed)',
    );
  });

  it('names a node that leads to a missing node or back to the entry', () => {
    expect(issuesOf(withNodes((n) => (node(n, 'grant').next = 'nowhere')))).toEqual([
      'definition.nodes.3: node "grant": leads to "nowhere", which is not a node of this definition',
    ]);
    expect(issuesOf(withNodes((n) => (node(n, 'email').next = 'attended')))).toEqual([
      'definition.nodes.4: node "email": leads back to the entry "attended"',
    ]);
  });

  it('names duplicate ids', () => {
    expect(issuesOf(withNodes((n) => (node(n, 'held-out').id = 'done')))).toContain(
      'definition.nodes.6.id: node "done": duplicate node id',
    );
  });

  it('names every node the entry cannot reach', () => {
    const orphan = withNodes((n) => n.push({ id: 'orphan', type: 'exit', outcome: 'never' }));
    expect(issuesOf(orphan)).toEqual(['definition.nodes.7: node "orphan": is not reachable from the entry']);
  });

  it('names nodes from which no exit can be reached (a path that never ends)', () => {
    const def = withNodes((n) => {
      node(n, 'email').next = 'pause';
      n.push({ id: 'pause', type: 'wait', for: { days: 1 }, next: 'email' });
    });
    // The condition's otherwise still reaches "done"; from the grant on, nothing does.
    expect(issuesOf(def)).toEqual([
      'definition.nodes.3: node "grant": no path from here reaches an exit',
      'definition.nodes.4: node "email": no path from here reaches an exit',
      'definition.nodes.7: node "pause": no path from here reaches an exit',
    ]);
  });

  it('refuses a loop without a wait, accepts one through a waitFor', () => {
    const spin = withNodes((n) => {
      node(n, 'email').next = 'again';
      n.push({
        id: 'again',
        type: 'condition',
        branches: [{ when: [{ on: 'fact', fact: 'walletBalance', op: 'lt', value: 100 }], next: 'grant' }],
        otherwise: 'done',
      });
    });
    const loopIssue = (through: string) =>
      `definition.nodes.3: node "grant": is on a loop with no wait or waitFor (through "${through}"); a wait until an instant holds only once`;
    expect(issuesOf(spin)).toEqual([loopIssue('again')]);
    const paced = withNodes((n) => {
      node(n, 'email').next = 'later';
      n.push({
        id: 'later',
        type: 'waitFor',
        on: { type: 'order_placed' },
        timeout: { days: 7 },
        onEvent: 'done',
        onTimeout: 'grant',
      });
    });
    expect(issuesOf(paced)).toEqual([]);

    // A wait until an instant holds once: past it, the loop would go round with no time passing (a probe's finding:
    // one customer's journey granted the whole budget within seconds).
    const loopThrough = (wait: Record<string, unknown>) =>
      withNodes((n) => {
        node(n, 'email').next = 'later';
        n.push(
          { id: 'later', type: 'wait', ...wait, next: 'again' },
          {
            id: 'again',
            type: 'condition',
            branches: [{ when: [{ on: 'fact', fact: 'orderCount', op: 'gte', value: 0 }], next: 'grant' }],
            otherwise: 'done',
          },
        );
      });
    expect(issuesOf(loopThrough({ until: '2000-01-01T00:00:00Z' }))).toEqual([loopIssue('again')]);
    expect(issuesOf(loopThrough({ until: '2999-01-01T00:00:00Z' }))).toEqual([loopIssue('again')]);
    // A wait for a duration or a time of day holds on every pass.
    expect(issuesOf(loopThrough({ for: { days: 1 } }))).toEqual([]);
    expect(issuesOf(loopThrough({ at: { time: '10:00', timezone: 'Asia/Shanghai' } }))).toEqual([]);
  });

  it('keeps amounts safe integers of at least one minor unit', () => {
    for (const fixed of [0, 12.5, Number.MAX_SAFE_INTEGER + 1, -5]) {
      expect(issuesOf(withNodes((n) => (node(n, 'grant').amount = { fixed })))).not.toEqual([]);
    }
    const rate = { rateOf: { field: 'amount', basisPoints: 300, cap: 2.5 } };
    expect(issuesOf(withNodes((n) => (node(n, 'grant').amount = rate)))[0]).toMatch(
      /^definition\.nodes\.3\.amount/,
    );
    const threshold = withNodes((n) =>
      Object.assign(node(n, 'grant'), { kind: 'threshold', minOrderAmount: 3000 }),
    );
    expect(issuesOf(threshold)).toEqual([
      'definition.nodes.3.minOrderAmount: node "grant": a threshold coupon needs minOrderAmount greater than its amount',
    ]);
    // A percent coupon is defined by its rate; no other kind has one.
    const percent = (extra: Record<string, unknown>) =>
      issuesOf(withNodes((n) => Object.assign(node(n, 'grant'), extra)));
    expect(percent({ kind: 'percent', percentBp: 1_500 })).toEqual([]);
    expect(percent({ kind: 'percent' })).toEqual([expect.stringMatching(/^definition\.nodes\.3\.percentBp/)]);
    expect(percent({ kind: 'cash', percentBp: 1_500 })).toEqual([
      expect.stringMatching(/^definition\.nodes\.3\.percentBp/),
    ]);
    expect(percent({ kind: 'percent', percentBp: 10_001 })).not.toEqual([]);
    // A gift item is defined by its SKU and pays for it wherever it is in the order.
    expect(percent({ kind: 'gift', giftSku: 'sku-mug' })).toEqual([]);
    expect(percent({ kind: 'gift' })).toEqual([expect.stringMatching(/^definition\.nodes\.3\.giftSku/)]);
    expect(percent({ kind: 'cash', giftSku: 'sku-mug' })).toEqual([
      expect.stringMatching(/^definition\.nodes\.3\.giftSku/),
    ]);
  });

  it('names a holdout cohort that does not exit at once', () => {
    const def = withNodes((n) => ((node(n, 'cohort').cohorts as Nodes)[1]!.next = 'grant'));
    expect(issuesOf(def)).toContain(
      'definition.nodes.1.cohorts.1.next: node "cohort": holdout cohort "holdout" must lead straight to an exit',
    );
  });

  it('names an unknown email variable', () => {
    const def = withNodes((n) => (node(n, 'email').subject = { 'zh-CN': '{coupon}', en: 'Hi {name}' }));
    expect(issuesOf(def)).toEqual([
      'definition.nodes.4.subject.zh-CN: node "email": unknown variable {coupon} (known: name, currency, amount, expiresOn, event_<field>)',
    ]);
  });

  it('matches custom events by name only', () => {
    const unnamed = withNodes((n) => ((node(n, 'attended').on as Record<string, unknown>).name = undefined));
    expect(issuesOf(unnamed)).toEqual([
      'definition.nodes.0.on.name: a custom event needs its name; a built-in event takes none',
    ]);
    const def: Definition = FlowDefinition.parse(webinar());
    expect(def.nodes[0]).toMatchObject({ on: { type: 'custom', name: 'webinar_attended' } });
  });
});
