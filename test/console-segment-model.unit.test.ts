import { CUSTOMER_FACTS, SegmentFilterBody, TIER_RANKS } from '../contracts/segment-filter';
import { searchKind } from '../console/src/screens/customer/search-kind';
import {
  FACTS,
  filterOf,
  groupOf,
  newCondition,
  newGroup,
  TIERS,
  type AttributeType,
  type Condition,
} from '../console/src/screens/segments/segment-model';
import { parseRoute, pathOf, SECTIONS, type Route } from '../console/src/routes';
import { CONSOLE_SCREENS } from '../api/platform/console-app';

/** The console's segment builder model, search box and routes, against the API's own lists and shapes. */
describe('console segment builder, customer search and routes', () => {
  const types = new Map<string, AttributeType>([
    ['region', 'string'],
    ['tags', 'string-list'],
    ['vip', 'boolean'],
    ['score', 'number'],
  ]);
  const cond = (c: Partial<Condition>): Condition => ({ ...newCondition(), ...c });

  it('knows the facts and tiers the API computes', () => {
    expect([...FACTS]).toEqual([...CUSTOMER_FACTS]);
    expect([...TIERS]).toEqual([...TIER_RANKS]);
  });

  it('builds the tree POST /v1/segments takes: typed values, money facts in minor units, lists, not, birthdays', () => {
    const group = newGroup([
      cond({ subject: 'attribute', field: 'region', op: 'in', value: 'east, north ,' }),
      cond({ subject: 'attribute', field: 'vip', op: 'eq', value: 'true' }),
      cond({ subject: 'attribute', field: 'score', op: 'gte', value: '2.5' }),
      cond({ subject: 'fact', field: 'totalSpent', op: 'gte', value: '199.99' }),
      cond({ subject: 'fact', field: 'tier', op: 'gte', value: 'silver' }),
      cond({ subject: 'attribute', field: 'tags', op: 'exists', value: 'ignored' }),
      {
        ...newGroup([cond({ subject: 'birthday', field: 'withinDays', value: '7' })]),
        match: 'any',
        negate: true,
      },
    ]);
    const filter = filterOf(group, types);
    expect(filter).toEqual({
      all: [
        { attribute: 'region', op: 'in', value: ['east', 'north'] },
        { attribute: 'vip', op: 'eq', value: true },
        { attribute: 'score', op: 'gte', value: 2.5 },
        { fact: 'totalSpent', op: 'gte', value: 19_999 },
        { fact: 'tier', op: 'gte', value: 'silver' },
        { attribute: 'tags', op: 'exists' },
        { not: { any: [{ birthday: { withinDays: 7 } }] } },
      ],
    });
    expect(SegmentFilterBody.safeParse(filter).success).toBe(true);
  });

  it('reads a stored filter back into the builder (the journey editor’s inline segment tests): the same tree again', () => {
    const trees = [
      { all: [{ fact: 'tier', op: 'gte', value: 'silver' }] },
      {
        any: [
          { attribute: 'region', op: 'in', value: ['east', 'north'] },
          {
            not: { all: [{ fact: 'totalSpent', op: 'gte', value: 50_000 }, { birthday: { withinDays: 7 } }] },
          },
        ],
      },
      {
        all: [
          { attribute: 'vip', op: 'eq', value: true },
          { attribute: 'tags', op: 'exists' },
        ],
      },
    ];
    for (const tree of trees) expect(filterOf(groupOf(tree), types)).toEqual(tree);
    // A lone test and a `not` of one come back as groups meaning the same.
    expect(filterOf(groupOf({ fact: 'tier', op: 'gte', value: 'gold' }), types)).toEqual({
      all: [{ fact: 'tier', op: 'gte', value: 'gold' }],
    });
    expect(filterOf(groupOf({ not: { attribute: 'score', op: 'lt', value: 3 } }), types)).toEqual({
      not: { all: [{ attribute: 'score', op: 'lt', value: 3 }] },
    });
  });

  it('tells an email, a phone number and a customer id apart in the search box', () => {
    expect(searchKind('Li.Hua@Example.com')).toBe('email');
    expect(searchKind('+86 138-0000-0360')).toBe('phone');
    expect(searchKind('13800000360')).toBe('phone');
    expect(searchKind('c-42')).toBe('id');
    expect(searchKind('cust-360')).toBe('id');
    expect(searchKind('12345')).toBe('id');
  });

  it('gives every screen a path that reads back as the same screen', () => {
    const routes: Route[] = [
      { section: 'campaigns' },
      { section: 'campaigns', creating: true },
      { section: 'campaigns', editingFlow: true },
      { section: 'campaigns', campaignId: 'cmp_1' },
      { section: 'campaigns', campaignId: 'cmp 2/x', editingFlow: true },
      { section: 'customers', customerId: 'c-42' },
      { section: 'customers' },
      { section: 'segments' },
      { section: 'ops' },
    ];
    for (const route of routes) expect(parseRoute(pathOf(route))).toEqual(route);
    expect(pathOf({ section: 'customers', customerId: 'c-42' })).toBe('/console/customers/c-42');
    expect(parseRoute('/console/')).toBeNull();
    // The API serves index.html for exactly these screens (a reload or a deep link).
    expect([...CONSOLE_SCREENS]).toEqual([...SECTIONS]);
    expect(parseRoute('/console/nowhere')).toBeNull();
    expect(parseRoute('/elsewhere/campaigns')).toBeNull();
  });
});
