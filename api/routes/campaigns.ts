import { z } from 'zod';
import { resolveVariants, type CampaignService } from '../../services/campaigns';
import type { PageOf } from '../../services/paging';
import type { CampaignRecord } from '../../stores/campaigns';
import { JOURNEY_PLUGINS } from '../../workflows/journeys/registry';
import { defineModule, defineRoute, type ApiModule } from '../platform/define-route';
import { idFromIdempotencyKey } from '../platform/idempotency';
import { problems } from '../platform/problem';
import { CreationOrderPageQuery, FreeText, Id, IsoInstant, PositiveAmount, pageOf } from './schemas';

const CampaignStatusSchema = z.enum(['draft', 'launched', 'paused', 'ended']);

const CampaignSchema = z
  .object({
    campaignId: z.string(),
    name: z.string(),
    journeyType: z.string(),
    config: z.unknown(),
    budget: z.number().int(),
    variants: z
      .array(
        z.object({
          name: z.string(),
          weight: z.number().int(),
          config: z.record(z.string(), z.unknown()),
          effectiveConfig: z.unknown(),
        }),
      )
      .nullable()
      .meta({
        description: 'A/B variants (null when none): the override as declared and the merged config.',
      }),
    status: CampaignStatusSchema,
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    launchedAt: z.string().nullable(),
    pausedAt: z.string().nullable(),
    endedAt: z.string().nullable(),
    startsAt: z.string().nullable().meta({ description: 'When it launches itself (null: by hand only).' }),
    endsAt: z.string().nullable().meta({ description: 'When it ends itself (null: by hand only).' }),
    timezone: z.string().nullable().meta({ description: 'IANA zone the schedule is shown in.' }),
    exclusivityGroup: z.string().nullable(),
    priority: z.number().int(),
    audience: z
      .string()
      .nullable()
      .meta({ description: 'Only members of this segment enter (null: everyone).' }),
    enrolExisting: z.boolean().meta({ description: 'At launch, every member of the audience is enrolled.' }),
    nextScheduledAction: z
      .object({ action: z.enum(['launch', 'end']), at: z.string() })
      .nullable()
      .meta({ description: 'What the schedule does next and when (null: nothing scheduled is due).' }),
  })
  .meta({ id: 'Campaign' });

const scheduleFields = {
  startsAt: IsoInstant.nullable().meta({
    description:
      'The campaign launches itself at this instant (a draft only; a start in the past launches it at once). ' +
      'null clears it.',
    example: '2026-12-24T09:00:00+08:00',
  }),
  endsAt: IsoInstant.nullable().meta({
    description: 'The campaign ends itself at this instant: after startsAt, not in the past. null clears it.',
    example: '2027-01-03T23:59:59+08:00',
  }),
  timezone: z.string().max(64).nullable().meta({
    description: 'IANA time zone the schedule is shown in (e.g. Asia/Shanghai); refused with 422 if unknown.',
    example: 'Asia/Shanghai',
  }),
};

const common = {
  campaignId: Id.optional().meta({ description: 'Your id for the campaign; generated when absent.' }),
  name: FreeText({ max: 200 }),
  budget: PositiveAmount.meta({ description: 'Hard cap of credit this campaign may grant (minor units).' }),
  variants: z
    .array(
      z.strictObject({
        name: z
          .string()
          .regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, _ and - (at most 40)')
          .meta({ example: 'control' }),
        weight: z
          .number()
          .int()
          .min(1)
          .max(10_000)
          .optional()
          .meta({ description: 'Share of customers (default 1).' }),
        config: z.record(z.string(), z.unknown()).optional().meta({
          description:
            'Partial override of `config` (objects merge key by key); the merge must pass the schema.',
        }),
      }),
    )
    .min(2)
    .max(10)
    .optional()
    .meta({
      description:
        'A/B test (seed 000: 面额、门槛和文案): each customer is assigned one variant, deterministically ' +
        '(SHA-256 of campaignId:customerId modulo the total weight), and their journey starts with that variant’s config.',
    }),
  exclusivityGroup: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and - (at most 64)')
    .optional()
    .meta({
      description:
        'Among launched campaigns of this group at most one pays a given customer: the first grant wins; a journey ' +
        'of another campaign of the group then ends with the outcome `excluded` (a refusal, not a failure).',
      example: 'referral-2026',
    }),
  priority: z
    .number()
    .int()
    .min(-1000)
    .max(1000)
    .optional()
    .meta({
      description:
        'Within the exclusivity group (default 0): when one event starts journeys of several campaigns of the group, ' +
        'only the highest-priority one pays; the others end `excluded`.',
    }),
  startsAt: scheduleFields.startsAt.optional(),
  endsAt: scheduleFields.endsAt.optional(),
  timezone: scheduleFields.timezone.optional(),
  audience: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .optional()
    .meta({
      description:
        'A segment id (POST /v1/segments): only its members enter this campaign’s journeys (checked when an event ' +
        'would start one, and the filter of every enrolment). 422 unknown-segment when there is no such segment.',
      example: 'seg_0123456789abcdef',
    }),
  enrolExisting: z
    .boolean()
    .optional()
    .meta({
      description:
        'Flow campaigns with an audience: at launch a campaign-level workflow pages through the audience and starts ' +
        'each member’s journey (the same journey an event would start). Progress: GET /v1/campaigns/{id}/enrolment.',
    }),
};

/**
 * One body variant per journey plugin: the plugin's own zod schema validates (and documents) `config`. The variants'
 * rules (unique names, customer journeys only, every merged config valid) reach beyond what the document can state,
 * so breaking them is a 422 listing each issue.
 */
const CreateCampaignBody = z
  .discriminatedUnion(
    'journeyType',
    JOURNEY_PLUGINS.map((plugin) =>
      z
        .strictObject({
          ...common,
          journeyType: z.literal(plugin.type),
          config: plugin.configSchema.prefault({}).meta({ description: plugin.description }),
        })
        .superRefine((body, ctx) => {
          if (!body.variants?.length) return;
          for (const issue of resolveVariants(plugin, body.config, body.variants).issues) {
            ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
          }
        })
        .meta({ id: `Create_${plugin.workflowType}_Campaign`, title: plugin.title }),
    ) as unknown as [z.ZodObject, ...z.ZodObject[]],
  )
  .meta({ id: 'CreateCampaign' });

const CampaignParams = z.strictObject({ id: Id });

export function createCampaignsModule(campaigns: CampaignService): ApiModule {
  const lifecycle = (action: 'launch' | 'pause' | 'end', summary: string, description: string) =>
    defineRoute({
      method: 'post',
      path: `/v1/campaigns/:id/${action}`,
      operationId: `${action}Campaign`,
      summary,
      description,
      auth: ['growth'],
      request: { params: CampaignParams },
      response: { status: 200, schema: CampaignSchema },
      problemStatuses: [404, 409, 422],
      handler: ({ params }) => campaigns[action](params.id),
    });

  return defineModule({
    name: 'campaigns',
    description: 'Campaigns: a journey plugin + its config + a budget, with a lifecycle.',
    routes: [
      defineRoute({
        method: 'post',
        path: '/v1/campaigns/:id/budget',
        operationId: 'topUpCampaignBudget',
        summary: 'Top up a campaign’s budget, with a reason',
        description:
          'Raises the budget by `amount`. A launched or paused campaign gets it allocated from the program budget at ' +
          'once (422 program-budget-exceeded when the program cannot cover it). With an Idempotency-Key a retried ' +
          'top-up changes the budget once. GET /v1/campaigns/{id}/budget lists the changes.',
        auth: ['growth', 'finance'],
        request: {
          params: CampaignParams,
          body: z.strictObject({
            amount: PositiveAmount,
            reason: FreeText({ min: 3, max: 500, multiline: true }),
          }),
        },
        response: { status: 200, schema: CampaignSchema },
        problemStatuses: [404, 409, 422],
        handler: ({ params, body, principal, idempotencyKey }) => {
          if (!principal) throw problems.unauthenticated('An API key is required.');
          const changeId = idempotencyKey
            ? idFromIdempotencyKey('bc', principal.keyId, idempotencyKey)
            : undefined;
          return campaigns.topUpBudget(params.id, body, principal.keyId, changeId);
        },
      }),
      defineRoute({
        method: 'get',
        path: '/v1/campaigns/:id/budget',
        operationId: 'listCampaignBudgetChanges',
        summary: 'A campaign’s budget and its top-ups (who, how much, why), newest first',
        auth: ['growth', 'finance', 'ops'],
        request: { params: CampaignParams },
        response: {
          status: 200,
          schema: z.object({
            campaignId: z.string(),
            budget: z.number().int(),
            changes: z.array(
              z.object({
                changeId: z.string(),
                amount: z.number().int(),
                reason: z.string(),
                changedBy: z.string(),
                changedAt: z.string(),
              }),
            ),
          }),
        },
        problemStatuses: [404],
        handler: async ({ params }) => {
          const campaign = await campaigns.get(params.id);
          return {
            campaignId: campaign.campaignId,
            budget: campaign.budget,
            changes: await campaigns.budgetChanges(params.id),
          };
        },
      }),
      defineRoute({
        method: 'post',
        path: '/v1/campaigns',
        operationId: 'createCampaign',
        summary: 'Create a campaign (draft)',
        description:
          'The config is validated by the chosen journey plugin; defaults come from the marketing plans.',
        auth: ['growth'],
        request: { body: CreateCampaignBody },
        response: { status: 201, schema: CampaignSchema },
        problemStatuses: [409, 422],
        handler: ({ body, principal }) =>
          campaigns.create(
            body as {
              journeyType: string;
              name: string;
              budget: number;
              config: unknown;
              campaignId?: string;
              variants?: { name: string; weight?: number; config?: Record<string, unknown> }[];
              startsAt?: string | null;
              endsAt?: string | null;
              timezone?: string | null;
              exclusivityGroup?: string;
              priority?: number;
              audience?: string;
              enrolExisting?: boolean;
            },
            principal?.keyId ?? null,
          ),
      }),
      defineRoute({
        method: 'get',
        path: '/v1/campaigns',
        operationId: 'listCampaigns',
        summary: 'List campaigns',
        auth: ['growth', 'ops', 'finance'],
        request: {
          query: z.strictObject({
            status: CampaignStatusSchema.optional(),
            journeyType: z.enum(JOURNEY_PLUGINS.map((p) => p.type) as [string, ...string[]]).optional(),
            ...CreationOrderPageQuery,
          }),
        },
        response: { status: 200, schema: pageOf(CampaignSchema) },
        problemStatuses: [422],
        handler: async ({ query: { after, limit, ...filter } }) =>
          (await campaigns.page(filter, {
            limit,
            ...(after ? { after } : {}),
          })) satisfies PageOf<CampaignRecord>,
      }),
      defineRoute({
        method: 'get',
        path: '/v1/campaigns/:id',
        operationId: 'getCampaign',
        summary: 'Get a campaign',
        auth: ['growth', 'ops', 'finance'],
        request: { params: CampaignParams },
        response: { status: 200, schema: CampaignSchema },
        problemStatuses: [404],
        handler: ({ params }) => campaigns.get(params.id),
      }),
      defineRoute({
        method: 'get',
        path: '/v1/campaigns/:id/enrolment',
        operationId: 'getCampaignEnrolment',
        summary: 'A campaign’s enrolment runs and their progress',
        description:
          'Runs of enrolment without an event, newest first: `launch` (the audience enrolled at launch with ' +
          '`enrolExisting`) and one per occurrence date of a date or calendar entry. `total` is who the run selected ' +
          'when it began, `enrolled` the journeys it started, `already` the customers whose journey was there.',
        auth: ['growth', 'ops'],
        request: { params: CampaignParams },
        response: {
          status: 200,
          schema: z.object({
            campaignId: z.string(),
            runs: z.array(
              z.object({
                run: z.string(),
                state: z.enum(['running', 'paused', 'completed', 'stopped']),
                total: z.number().int(),
                enrolled: z.number().int(),
                already: z.number().int(),
                cursor: z.string().nullable(),
                startedAt: z.string(),
                updatedAt: z.string(),
                finishedAt: z.string().nullable(),
              }),
            ),
          }),
        },
        problemStatuses: [404],
        handler: async ({ params }) => ({
          campaignId: params.id,
          runs: (await campaigns.enrolmentProgress(params.id)).map(({ campaignId: _c, ...run }) => run),
        }),
      }),
      defineRoute({
        method: 'put',
        path: '/v1/campaigns/:id/config',
        operationId: 'updateDraftCampaign',
        summary: 'Replace a draft’s config (and name)',
        description:
          'What the journey editor saves after opening a draft flow campaign. The config is checked by the campaign’s ' +
          'journey plugin as on create (422 invalid-config naming the field, 422 for undeclared custom events or segments); ' +
          'stored A/B variants are merged over the new config again. Only a draft changes: 409 campaign-not-draft ' +
          'otherwise (a launched campaign’s journeys keep the config they started with; create a new campaign).',
        auth: ['growth'],
        request: {
          params: CampaignParams,
          body: z.strictObject({
            name: FreeText({ max: 200 }).optional(),
            config: z.record(z.string(), z.unknown()).meta({
              description: 'The whole config, in the shape the campaign’s journey type takes on create.',
            }),
          }),
        },
        response: { status: 200, schema: CampaignSchema },
        problemStatuses: [404, 409, 422],
        handler: ({ params, body }) => campaigns.updateDraft(params.id, body),
      }),
      defineRoute({
        method: 'put',
        path: '/v1/campaigns/:id/schedule',
        operationId: 'setCampaignSchedule',
        summary: 'Set, change or clear when a campaign launches and ends itself',
        description:
          'Fields left out keep their value; null clears one. A draft launches itself at startsAt, and a campaign not ' +
          'ended ends itself at endsAt, through a durable Temporal timer; a launch or end by hand before the instant ' +
          'makes the scheduled one a no-op. 422 invalid-schedule names the field (endsAt not after startsAt or in the ' +
          'past, an unknown time zone); 409 for an ended campaign. Scheduled actions are audited with the actor ' +
          '`schedule`.',
        auth: ['growth'],
        request: { params: CampaignParams, body: z.strictObject(scheduleFields).partial() },
        response: { status: 200, schema: CampaignSchema },
        problemStatuses: [404, 409, 422],
        handler: ({ params, body }) => campaigns.setSchedule(params.id, body),
      }),
      lifecycle(
        'launch',
        'Launch a campaign',
        'Opens its budget (carved out of the program budget) and starts routing customer events to its journeys.',
      ),
      lifecycle(
        'pause',
        'Pause a campaign',
        'No new journeys start; running ones keep their config and still receive their customers’ events.',
      ),
      lifecycle(
        'end',
        'End a campaign',
        'Final: no new journeys; campaign-level runs (sweeps) are cancelled.',
      ),
      defineRoute({
        method: 'get',
        path: '/v1/journey-types',
        operationId: 'listJourneyTypes',
        summary: 'List the journey plugins a campaign can use',
        auth: ['growth', 'ops'],
        response: {
          status: 200,
          schema: z.object({
            items: z.array(
              z.object({
                type: z.string(),
                title: z.string(),
                description: z.string(),
                startOn: z.array(z.string()),
                signalOn: z.array(z.string()),
                cardinality: z.string(),
                defaultConfig: z.unknown(),
              }),
            ),
          }),
        },
        handler: async () => ({
          items: JOURNEY_PLUGINS.map((p) => ({
            type: p.type,
            title: p.title,
            description: p.description,
            startOn: [...p.startOn],
            signalOn: [...p.signalOn],
            cardinality: p.cardinality,
            // null where the config has no complete default (a flow needs its definition).
            defaultConfig: p.configSchema.safeParse({}).data ?? null,
          })),
        }),
      }),
    ],
  });
}
