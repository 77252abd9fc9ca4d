import { expectProblem } from '../../../test/support/api/probe';
import type { ProductTestApi } from '../../../test/support/api/product-api';
import { useProductTestApi } from '../../../test/support/per-file';

interface Template {
  id: string;
  eventTypes: { name: string; propertiesSchema: Record<string, unknown> }[];
  config: { definition: { nodes: Record<string, unknown>[] } };
}

/**
 * POST /v1/journey-definitions/validate: the checks campaign create runs on a flow definition (the flow plugin's own
 * schema and graph rules, the event catalog), answered without creating anything; what the console's editor asks.
 */
describe('validating a flow journey definition', () => {
  const api = useProductTestApi();
  const as = (role: keyof ProductTestApi['keys']) => ({ Authorization: `Bearer ${api.keys[role]}` });
  const validate = (definition: unknown) =>
    api.http().post('/v1/journey-definitions/validate').set(as('growth')).send({ definition });

  async function cartAbandonment(): Promise<Template> {
    const res = await api.http().get('/v1/journey-templates').set(as('growth'));
    return (res.body.items as Template[]).find((t) => t.id === 'cart-abandonment')!;
  }

  it('answers 200 for a valid definition once its custom event is declared, 422 naming the node before', async () => {
    const t = await cartAbandonment();
    const before = await validate(t.config.definition);
    expect(expectProblem(before, 422, 'invalid-journey-definition').errors).toEqual([
      {
        path: ['body', 'definition', 'nodes', 0, 'on', 'name'],
        message: 'node "abandoned": listens for "cart_abandoned", which is not a declared event type',
        code: 'custom',
      },
    ]);
    for (const e of t.eventTypes) {
      const declared = await api
        .http()
        .put(`/v1/event-types/${e.name}`)
        .set(as('growth'))
        .send({ propertiesSchema: e.propertiesSchema });
      expect(declared.status).toBe(200);
    }
    const after = await validate(t.config.definition);
    expect(after.status).toBe(200);
    expect(after.body).toEqual({ valid: true });
  });

  it('names the node of a graph rule and of a shape issue (a removed exit), all as 422', async () => {
    const t = await cartAbandonment();
    const dangling = structuredClone(t.config.definition);
    dangling.nodes[3]!.next = 'nowhere';
    const rule = await validate(dangling);
    expect(expectProblem(rule, 422, 'invalid-journey-definition').errors).toEqual([
      {
        path: ['body', 'definition', 'nodes', 3],
        message: 'node "coupon": leads to "nowhere", which is not a node of this definition',
        code: 'custom',
      },
    ]);

    // What the editor sends after an edge is deleted: the exit is missing altogether.
    const cut = structuredClone(t.config.definition);
    delete cut.nodes[1]!.onTimeout;
    const shape = await validate(cut);
    const errors = expectProblem(shape, 422, 'invalid-journey-definition').errors as {
      path: unknown[];
      message: string;
    }[];
    expect(errors).toContainEqual(
      expect.objectContaining({
        path: ['body', 'definition', 'nodes', 1, 'onTimeout'],
        message: expect.stringMatching(/^node "order-within-an-hour": /),
      }),
    );
  });

  it('refuses a loop whose only wait is until an instant (past it, the loop would grant without end): 422 naming the node', async () => {
    // An outside probe's definition: validated, launched, and one sign-up drained the budget into one customer.
    const res = await validate({
      nodes: [
        { id: 'e', type: 'entry', on: { type: 'signed_up' }, next: 'g' },
        {
          id: 'g',
          type: 'grantCredit',
          amount: { fixed: 100 },
          validityDays: 30,
          scope: { type: 'all' },
          stacking: 'stackable',
          next: 'w',
        },
        { id: 'w', type: 'wait', until: '2000-01-01T00:00:00Z', next: 'c' },
        {
          id: 'c',
          type: 'condition',
          branches: [{ when: [{ on: 'fact', fact: 'orderCount', op: 'gte', value: 0 }], next: 'g' }],
          otherwise: 'x',
        },
        { id: 'x', type: 'exit', outcome: 'done' },
      ],
    });
    expect(expectProblem(res, 422, 'invalid-journey-definition').errors).toEqual([
      expect.objectContaining({
        path: ['body', 'definition', 'nodes', 1],
        message: expect.stringMatching(/^node "g": is on a loop with no wait or waitFor/),
      }),
    ]);
  });

  it('refuses a segment condition whose filter value holds a NUL byte: 422 naming the node, not a 500', async () => {
    const withValue = (value: unknown) => ({
      nodes: [
        { id: 'ordered', type: 'entry', on: { type: 'order_placed' }, next: 'region' },
        {
          id: 'region',
          type: 'condition',
          branches: [
            { when: [{ on: 'segment', filter: { attribute: 'region', op: 'eq', value } }], next: 'east' },
          ],
          otherwise: 'other',
        },
        { id: 'east', type: 'exit', outcome: 'east' },
        { id: 'other', type: 'exit', outcome: 'other' },
      ],
    });
    expect((await validate(withValue('east'))).status).toBe(200);
    const errors = expectProblem(await validate(withValue('\u0000')), 422, 'invalid-journey-definition')
      .errors as { path: unknown[]; message: string }[];
    expect(errors).toContainEqual(
      expect.objectContaining({
        path: expect.arrayContaining(['body', 'definition', 'nodes', 1]),
        message: expect.stringMatching(/^node "region": /),
      }),
    );
  });

  it('writes nothing, not even an audit entry, whatever it answers (200, 422, 400)', async () => {
    const t = await cartAbandonment();
    const snapshot = await api.nothingWrittenSnapshot();
    const dangling = structuredClone(t.config.definition);
    dangling.nodes[3]!.next = 'nowhere';
    expect((await validate(dangling)).status).toBe(422);
    // The template's event was declared by the first test; alone, this one answers 422 for it all the same.
    expect([200, 422]).toContain((await validate(t.config.definition)).status);
    const res = await api
      .http()
      .post('/v1/journey-definitions/validate')
      .set(as('growth'))
      .send({ definition: 3 });
    expectProblem(res, 400, 'validation-failed');
    expect(await api.nothingWrittenSnapshot()).toEqual(snapshot);
  });

  it('checks setAttribute nodes against the attribute catalog: 422 naming the node, on validate and on create', async () => {
    const definition = {
      nodes: [
        { id: 'joined', type: 'entry', on: { type: 'signed_up' }, next: 'tea' },
        { id: 'tea', type: 'setAttribute', attribute: 'favouriteTea', value: 'oolong', next: 'done' },
        { id: 'done', type: 'exit', outcome: 'done' },
      ],
    };
    const refused = await validate(definition);
    expect(expectProblem(refused, 422, 'invalid-journey-definition').errors).toEqual([
      {
        path: ['body', 'definition', 'nodes', 1, 'attribute'],
        message:
          'node "tea": writes favouriteTea, which is not a declared attribute (PUT /v1/attribute-types/favouriteTea)',
        code: 'unknown-attribute',
      },
    ]);
    const before = await api.nothingWrittenSnapshot();
    const create = await api
      .http()
      .post('/v1/campaigns')
      .set(as('growth'))
      .send({ name: 'tea lovers', journeyType: 'flow', config: { definition }, budget: 1000 });
    expect(expectProblem(create, 422, 'invalid-attribute-write').errors).toEqual([
      expect.objectContaining({ path: ['body', 'config', 'definition', 'nodes', 1, 'attribute'] }),
    ]);
    expect(await api.nothingWrittenSnapshot()).toEqual(before);
    const declared = await api
      .http()
      .put('/v1/attribute-types/favouriteTea')
      .set(as('growth'))
      .send({ type: 'string' });
    expect(declared.status).toBe(200);
    expect((await validate(definition)).status).toBe(200);
  });
});
