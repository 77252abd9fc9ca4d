import type { components } from '../../api/schema';

/*
 * The editor's model of a flow journey: the definition's own nodes (the shape POST /v1/campaigns takes, generated
 * from /openapi.json), plus where each node sits on the canvas. Positions are saved in the definition's optional
 * `layout` (the interpreter ignores it), so a saved graph opens as it was drawn. A node whose exit is not connected
 * yet lacks that field; the validate endpoint names it.
 */

export type FlowDefinition = components['schemas']['Create_flowJourney_Campaign']['config']['definition'];
export type FlowNode = FlowDefinition['nodes'][number];
export type FlowNodeType = FlowNode['type'];
export type FlowNodeOf<T extends FlowNodeType> = Extract<FlowNode, { type: T }>;

export const NODE_TYPES: readonly FlowNodeType[] = [
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
  'exit',
];

export interface Position {
  x: number;
  y: number;
}

/** What the editor holds: the nodes in definition order, their canvas positions, and the journey-wide exit rules. */
export interface FlowDraft {
  nodes: FlowNode[];
  positions: Record<string, Position>;
  exitOn: FlowDefinition['exitOn'];
  /** Whether a customer may enter again (absent: once), and the per-customer email cap (absent: none). */
  reentry?: FlowDefinition['reentry'];
  emailCap?: FlowDefinition['emailCap'];
}

/**
 * One way out of a node: the connection handle's id (the definition field it sets: `next`, `onTimeout`,
 * `branch-0`, `cohort-1` …) and where it leads, if connected.
 */
export interface NodeExit {
  handle: string;
  /** What the canvas writes beside the handle (a branch number, a cohort's name). */
  label: string;
  target: string | undefined;
}

/** The handles of a createTask's close wait (fields of its `waitForClose`). */
const CLOSE_TIMEOUT = 'closeTimeout';
const CLOSE_CANCELLED = 'closeCancelled';

export function exitsOf(node: FlowNode): NodeExit[] {
  const exit = (handle: string, target: string | undefined, label = handle): NodeExit => ({
    handle,
    label,
    target: target || undefined,
  });
  switch (node.type) {
    case 'entry':
    case 'wait':
    case 'sendEmail':
    case 'awardPoints':
    case 'setAttribute':
      return [exit('next', node.next)];
    case 'createTask':
      return node.waitForClose
        ? [
            exit('next', node.next, 'closed'),
            exit(CLOSE_TIMEOUT, node.waitForClose.onTimeout, 'timeout'),
            exit(CLOSE_CANCELLED, node.waitForClose.onCancelled, 'cancelled'),
          ]
        : [exit('next', node.next)];
    case 'limit':
      return [exit('next', node.next), exit('onReached', node.onReached)];
    case 'grantCredit':
      return [exit('next', node.next), exit('onRefused', node.onRefused)];
    case 'waitFor':
      return [exit('onEvent', node.onEvent), exit('onTimeout', node.onTimeout)];
    case 'condition':
      return [
        ...node.branches.map((b, i) => exit(`branch-${i}`, b.next, `#${i + 1}`)),
        exit('otherwise', node.otherwise),
      ];
    case 'split':
      return node.cohorts.map((c, i) => exit(`cohort-${i}`, c.next, c.name || `#${i + 1}`));
    case 'exit':
      return [];
  }
}

/** The node with one exit led to `target`, or cut (undefined: the field is left out of the definition). */
export function connect(node: FlowNode, handle: string, target: string | undefined): FlowNode {
  const indexed = /^(branch|cohort)-(\d+)$/.exec(handle);
  if (indexed) {
    const at = Number(indexed[2]);
    if (node.type === 'condition' && indexed[1] === 'branch')
      return {
        ...node,
        branches: node.branches.map((b, i) => (i === at ? ({ ...b, next: target } as typeof b) : b)),
      };
    if (node.type === 'split' && indexed[1] === 'cohort')
      return {
        ...node,
        cohorts: node.cohorts.map((c, i) => (i === at ? ({ ...c, next: target } as typeof c) : c)),
      };
    return node;
  }
  if (!exitsOf(node).some((e) => e.handle === handle)) return node;
  if (
    node.type === 'createTask' &&
    node.waitForClose &&
    (handle === CLOSE_TIMEOUT || handle === CLOSE_CANCELLED)
  ) {
    const field = handle === CLOSE_TIMEOUT ? 'onTimeout' : 'onCancelled';
    return { ...node, waitForClose: { ...node.waitForClose, [field]: target } as typeof node.waitForClose };
  }
  // The handle names the field (next, onRefused, onEvent, onTimeout, otherwise); cutting it leaves it out.
  return { ...node, [handle]: target } as FlowNode;
}

/** A fresh id for a node of this type, unlike any in the draft (`grantCredit-2`). */
export function freshId(type: FlowNodeType, nodes: readonly FlowNode[]): string {
  const taken = new Set(nodes.map((n) => n.id));
  for (let n = 1; ; n++) {
    const id = `${type}-${n}`;
    if (!taken.has(id)) return id;
  }
}

/**
 * A new node of a type, with values that pass the schema, its exits not connected yet. Amounts are minor units
 * (10.00 is 1000), as everywhere in the API.
 */
export function newNode(type: FlowNodeType, id: string): FlowNode {
  // The exits are left out on purpose: the node is not connected yet (the validation says so until it is).
  const unconnected = <T extends FlowNode>(node: Partial<T> & Pick<T, 'id' | 'type'>) => node as T;
  switch (type) {
    case 'entry':
      return unconnected<FlowNodeOf<'entry'>>({ id, type, on: { type: 'order_placed', where: [] } });
    case 'wait':
      return unconnected<FlowNodeOf<'wait'>>({ id, type, for: { days: 1 } });
    case 'waitFor':
      return unconnected<FlowNodeOf<'waitFor'>>({
        id,
        type,
        on: { type: 'order_placed', where: [] },
        timeout: { days: 1 },
      });
    case 'condition':
      return unconnected<FlowNodeOf<'condition'>>({
        id,
        type,
        branches: [
          {
            when: [{ on: 'fact', fact: 'orderCount', op: 'gte', value: 1 }],
          } as FlowNodeOf<'condition'>['branches'][number],
        ],
      });
    case 'split':
      return unconnected<FlowNodeOf<'split'>>({
        id,
        type,
        cohorts: [
          { name: 'treatment', weight: 90, holdout: false },
          { name: 'holdout', weight: 10, holdout: true },
        ] as FlowNodeOf<'split'>['cohorts'],
      });
    case 'grantCredit':
      return unconnected<FlowNodeOf<'grantCredit'>>({
        id,
        type,
        amount: { fixed: 1000 },
        kind: 'cash',
        validityDays: 30,
        scope: { type: 'all' },
        stacking: 'stackable',
      });
    case 'sendEmail':
      return unconnected<FlowNodeOf<'sendEmail'>>({
        id,
        type,
        subject: { 'zh-CN': '送您 {amount} {currency}', en: '{amount} {currency} for you' },
        body: {
          'zh-CN': '您好 {name}，\n\n送您 {amount} {currency}，有效期至 {expiresOn}。',
          en: 'Hello {name},\n\nHere is {amount} {currency}, valid until {expiresOn}.',
        },
      });
    case 'createTask':
      return unconnected<FlowNodeOf<'createTask'>>({
        id,
        type,
        kind: 'callback',
        title: 'Call the customer',
      });
    case 'awardPoints':
      return unconnected<FlowNodeOf<'awardPoints'>>({ id, type, points: { fixed: 100 } });
    case 'setAttribute':
      return unconnected<FlowNodeOf<'setAttribute'>>({ id, type, attribute: 'tags', addTag: 'vip' });
    case 'limit':
      return unconnected<FlowNodeOf<'limit'>>({
        id,
        type,
        counter: 'first-100',
        max: 100,
        countOnce: 'customer',
      });
    case 'exit':
      return { id, type, outcome: 'done', status: 'completed' };
  }
}

/** The draft without a node; exits that led to it are cut (the validation then names the nodes left dangling). */
export function removeNode(draft: FlowDraft, id: string): FlowDraft {
  const positions = { ...draft.positions };
  delete positions[id];
  const nodes = draft.nodes
    .filter((n) => n.id !== id)
    .map((n) =>
      exitsOf(n)
        .filter((e) => e.target === id)
        .reduce((node, e) => connect(node, e.handle, undefined), n),
    );
  return { ...draft, nodes, positions };
}

/** A node renamed, and every exit that led to it led to the new id. */
export function renameNode(draft: FlowDraft, from: string, to: string): FlowDraft {
  const positions = { ...draft.positions, [to]: draft.positions[from] ?? { x: 0, y: 0 } };
  if (from !== to) delete positions[from];
  const nodes = draft.nodes.map((n) => {
    const renamed = n.id === from ? ({ ...n, id: to } as FlowNode) : n;
    return exitsOf(renamed)
      .filter((e) => e.target === from)
      .reduce((node, e) => connect(node, e.handle, to), renamed);
  });
  return { ...draft, nodes, positions };
}

const COLUMN = 260;
const ROW = 150;

/**
 * Positions for a definition that has none (a template, a pasted graph): layers by distance from the entry, top to
 * bottom as the handles point (in on top, exits at the bottom); nodes the entry does not reach go in a last layer.
 */
export function layOut(nodes: readonly FlowNode[]): Record<string, Position> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const depth = new Map<string, number>();
  const entry = nodes.find((n) => n.type === 'entry') ?? nodes[0];
  const queue = entry ? [entry.id] : [];
  if (entry) depth.set(entry.id, 0);
  while (queue.length > 0) {
    const id = queue.shift()!;
    for (const e of exitsOf(byId.get(id)!)) {
      if (e.target === undefined || !byId.has(e.target) || depth.has(e.target)) continue;
      depth.set(e.target, depth.get(id)! + 1);
      queue.push(e.target);
    }
  }
  const last = Math.max(0, ...depth.values()) + 1;
  const taken = new Map<number, number>();
  const positions: Record<string, Position> = {};
  for (const n of nodes) {
    const layer = depth.get(n.id) ?? last;
    const across = taken.get(layer) ?? 0;
    taken.set(layer, across + 1);
    positions[n.id] = { x: across * COLUMN, y: layer * ROW };
  }
  return positions;
}

/** Where a node added from the palette goes: below everything on the canvas, so it never covers another. */
export function nextFreePosition(positions: Record<string, Position>): Position {
  const all = Object.values(positions);
  if (all.length === 0) return { x: 0, y: 0 };
  return { x: Math.min(...all.map((p) => p.x)), y: Math.max(...all.map((p) => p.y)) + ROW };
}

/** A draft of a definition: its saved layout where it has one, laid out by `layOut` for nodes it does not place. */
export function draftOf(definition: FlowDefinition): FlowDraft {
  return {
    nodes: definition.nodes,
    positions: { ...layOut(definition.nodes), ...(definition.layout?.positions ?? {}) },
    exitOn: definition.exitOn ?? [],
    ...(definition.reentry ? { reentry: definition.reentry } : {}),
    ...(definition.emailCap ? { emailCap: definition.emailCap } : {}),
  };
}

/** What the API takes as a node id (a node with another id is named by the validation; its position waits). */
const NODE_ID = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

/** The definition the API takes: the nodes as they are, in order, and their positions (whole pixels) as its layout. */
export function definitionOf(draft: FlowDraft): FlowDefinition {
  const positions: Record<string, Position> = {};
  for (const n of draft.nodes) {
    const at = draft.positions[n.id];
    if (at && NODE_ID.test(n.id)) positions[n.id] = { x: Math.round(at.x), y: Math.round(at.y) };
  }
  return {
    version: 1,
    nodes: draft.nodes,
    exitOn: draft.exitOn,
    ...(draft.reentry ? { reentry: draft.reentry } : {}),
    ...(draft.emailCap ? { emailCap: draft.emailCap } : {}),
    layout: { positions },
  };
}

/** An empty journey to start from: an entry and an exit, not connected. */
export function emptyDraft(): FlowDraft {
  const nodes = [newNode('entry', 'entry'), newNode('exit', 'done')];
  return { nodes, positions: { entry: { x: 0, y: 0 }, done: { x: 0, y: ROW * 2 } }, exitOn: [] };
}
