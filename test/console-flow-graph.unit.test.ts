import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  connect,
  definitionOf,
  draftOf,
  exitsOf,
  freshId,
  newNode,
  removeNode,
  renameNode,
  type FlowDefinition,
  type FlowNode,
} from '../console/src/screens/flow-editor/flow-graph';
import { FlowConfig } from '../workflows/journeys/flow/config';

/**
 * The journey editor's graph model (console/src/screens/flow-editor/flow-graph.ts) against the flow plugin's own
 * schema and graph rules: what the editor sends is what campaign create takes, and its edits do what they say.
 */
describe('console journey editor graph model', () => {
  const template = JSON.parse(
    readFileSync(join(__dirname, '..', 'journey-templates', 'cart-abandonment.json'), 'utf8'),
  ) as { config: { definition: FlowDefinition } };
  const definition = template.config.definition;
  const issuesOf = (def: FlowDefinition) => {
    const parsed = FlowConfig.safeParse(JSON.parse(JSON.stringify({ definition: def })));
    return parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path, message: i.message }));
  };

  it('round-trips a template: the same definition back with its layout, which opens where it was left', () => {
    const draft = draftOf(definition);
    const saved = definitionOf(draft);
    const { layout, ...rest } = saved;
    expect(rest).toEqual(definition);
    expect(Object.keys(layout!.positions).sort()).toEqual(definition.nodes.map((n) => n.id).sort());
    expect(issuesOf(saved)).toEqual([]);
    // A node moved (to a fraction of a pixel) is saved in whole pixels and opens there again; the others stay.
    const moved = { ...draft, positions: { ...draft.positions, coupon: { x: 512.4, y: -33.6 } } };
    const reopened = draftOf(definitionOf(moved));
    expect(reopened.positions['coupon']).toEqual({ x: 512, y: -34 });
    expect(reopened.positions['abandoned']).toEqual(draft.positions['abandoned']);
    const places = Object.values(draft.positions).map((p) => `${p.x},${p.y}`);
    expect(new Set(places).size).toBe(definition.nodes.length);
    expect(draft.positions['abandoned']).toEqual({ x: 0, y: 0 });
    // Layers top to bottom by distance from the entry: the wait right under it, the coupon under the wait.
    expect(draft.positions['order-within-an-hour']!.y).toBeGreaterThan(0);
    expect(draft.positions['coupon']!.y).toBeGreaterThan(draft.positions['order-within-an-hour']!.y);
  });

  it('cuts an exit (the field leaves the definition; the schema names it) and connects it again', () => {
    const draft = draftOf(definition);
    const wait = draft.nodes[1]!;
    const cut = connect(wait, 'onTimeout', undefined);
    expect(JSON.parse(JSON.stringify(cut))).not.toHaveProperty('onTimeout');
    expect(exitsOf(cut).map((e) => [e.handle, e.target])).toEqual([
      ['onEvent', 'recovered'],
      ['onTimeout', undefined],
    ]);
    const broken = definitionOf({ ...draft, nodes: draft.nodes.map((n) => (n === wait ? cut : n)) });
    expect(issuesOf(broken)).toEqual([
      expect.objectContaining({ path: ['definition', 'nodes', 1, 'onTimeout'] }),
    ]);
    const repaired = connect(cut, 'onTimeout', 'coupon');
    expect(repaired).toEqual(wait);
    // A handle the node does not have changes nothing.
    expect(connect(wait, 'otherwise', 'coupon')).toBe(wait);
  });

  it('gives every palette node values the schema takes: a chain of one of each, connected, is a valid journey', () => {
    const types = [
      'entry',
      'wait',
      'waitFor',
      'condition',
      'split',
      'grantCredit',
      'sendEmail',
      'createTask',
      'awardPoints',
      'setAttribute',
      'limit',
    ] as const;
    const nodes: FlowNode[] = [];
    for (const type of types) nodes.push(newNode(type, freshId(type, nodes)));
    const exit = newNode('exit', freshId('exit', nodes));
    expect(exit.id).toBe('exit-1');
    const chained = nodes.map((node, i) => {
      const following = nodes[i + 1]?.id ?? exit.id;
      // A holdout cohort must lead straight to an exit; every other exit goes on down the chain.
      return exitsOf(node).reduce(
        (n, e) =>
          connect(n, e.handle, e.handle === 'cohort-1' || e.handle === 'onRefused' ? exit.id : following),
        node,
      );
    });
    expect(issuesOf({ version: 1, nodes: [...chained, exit], exitOn: [] })).toEqual([]);
    // Unconnected, each says what is missing.
    expect(issuesOf({ version: 1, nodes: [...nodes, exit], exitOn: [] }).length).toBeGreaterThan(0);
  });

  it('removes a node with the edges into it, and renames one with the edges kept', () => {
    const draft = draftOf(definition);
    const removed = removeNode(draft, 'coupon');
    expect(removed.nodes.map((n) => n.id)).not.toContain('coupon');
    expect(removed.positions).not.toHaveProperty('coupon');
    expect(exitsOf(removed.nodes[1]!).find((e) => e.handle === 'onTimeout')?.target).toBeUndefined();

    const renamed = renameNode(draft, 'coupon', 'voucher');
    expect(renamed.positions['voucher']).toEqual(draft.positions['coupon']);
    expect(exitsOf(renamed.nodes[1]!).find((e) => e.handle === 'onTimeout')?.target).toBe('voucher');
    expect(issuesOf(definitionOf(renamed))).toEqual([]);
  });

  it('edits the exits of a createTask waiting for its close (closed, timeout, cancelled) and round-trips template 2', () => {
    const fund = JSON.parse(
      readFileSync(join(__dirname, '..', 'journey-templates', 'co-creation-fund.json'), 'utf8'),
    ) as { config: { definition: FlowDefinition } };
    const draft = draftOf(fund.config.definition);
    // The editor adds where it drew each node (layout); the graph itself round-trips unchanged.
    const { layout, ...graph } = definitionOf(draft);
    expect(graph).toEqual(fund.config.definition);
    expect(Object.keys(layout?.positions ?? {}).sort()).toEqual(
      fund.config.definition.nodes.map((n) => n.id).sort(),
    );
    expect(issuesOf(definitionOf(draft))).toEqual([]);
    const approval = draft.nodes.find((n) => n.id === 'approval')!;
    expect(exitsOf(approval).map((e) => [e.handle, e.label, e.target])).toEqual([
      ['next', 'closed', 'quota'],
      ['closeTimeout', 'timeout', 'approval-expired'],
      ['closeCancelled', 'cancelled', 'declined'],
    ]);
    const cut = connect(approval, 'closeCancelled', undefined);
    expect(exitsOf(cut).map((e) => e.target)).toEqual(['quota', 'approval-expired', undefined]);
    // Without onCancelled a cancelled task goes the closed way; the declined exit is then unreachable.
    expect(
      issuesOf(definitionOf({ ...draft, nodes: draft.nodes.map((n) => (n === approval ? cut : n)) })),
    ).toEqual([expect.objectContaining({ message: 'node "declined": is not reachable from the entry' })]);
    const rewired = connect(cut, 'closeTimeout', 'declined');
    expect(rewired).toMatchObject({ waitForClose: { onTimeout: 'declined' } });
  });
});
