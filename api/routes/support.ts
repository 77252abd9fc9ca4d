import { z } from 'zod';
import type { SupportService } from '../../services/support';
import { defineModule, defineRoute, type ApiModule } from '../platform/define-route';
import { idFromIdempotencyKey } from '../platform/idempotency';
import { problems } from '../platform/problem';
import { DecimalInteger, FreeText, Id, Label, PositiveAmount } from './schemas';

const CompensationBody = z
  .strictObject({
    customerId: Id,
    amount: PositiveAmount,
    reason: FreeText({ min: 3, max: 500, multiline: true }).meta({ example: 'parcel arrived damaged' }),
    campaignId: Id.optional().meta({
      description: 'The compensation campaign; the only launched one if absent.',
    }),
  })
  .meta({ id: 'CompensationRequest' });

const CompensationAccepted = z
  .object({
    requestId: z.string(),
    campaignId: z.string(),
    workflowId: z.string(),
    status: z.literal('submitted'),
  })
  .meta({ id: 'CompensationAccepted' });

const DecisionBody = z
  .strictObject({
    decision: z.enum(['approve', 'reject']),
    note: FreeText({ max: 500, multiline: true, allowBlank: true }).optional(),
  })
  .meta({ id: 'ApprovalDecision' });

const SupportTaskSchema = z
  .object({
    taskId: z.number().int(),
    customerId: z.string(),
    kind: z.string(),
    title: z.string(),
    detail: z.record(z.string(), z.unknown()),
    status: z.string(),
    assignee: z.string().nullable(),
    dueAt: z.string().nullable(),
    createdAt: z.string(),
    closedBy: z.string().nullable(),
    closedAt: z.string().nullable(),
  })
  .meta({ id: 'SupportTask' });

const Minor = z.number().int();
const CompensationQuota = z
  .object({
    campaignId: z.string(),
    agentId: z.string().meta({ description: 'The calling API key: quotas are per agent.' }),
    asOf: z.string(),
    dailyQuota: Minor,
    monthlyQuota: Minor,
    usedToday: Minor,
    usedThisMonth: Minor,
    remainingToday: Minor.meta({
      description:
        'The most a request may grant now: what is left of the day, capped by what is left of the month.',
    }),
    remainingThisMonth: Minor,
    approvalThreshold: Minor.meta({ description: 'Requests above this wait for a manager’s approval.' }),
    maxAmount: Minor,
  })
  .meta({ id: 'CompensationQuota' });

const TaskId = DecimalInteger(1, Number.MAX_SAFE_INTEGER);

/** Support agents request compensation credit; managers (and sales, for referrals) decide on approval tasks. */
export function createSupportModule(support: SupportService): ApiModule {
  return defineModule({
    name: 'support',
    description: 'Compensation credits (客情维护) within per-agent quotas, and approvals.',
    routes: [
      defineRoute({
        method: 'post',
        path: '/v1/support/credits',
        operationId: 'requestCompensationCredit',
        summary: 'Grant a compensation credit to a customer',
        description:
          'Starts a compensation journey: the calling agent’s daily/monthly quota is checked, amounts above the ' +
          'campaign’s threshold wait for a manager’s approval (24 h), then the credit is granted and the customer ' +
          'emailed. Follow it with GET /v1/journeys/{workflowId}.',
        auth: ['support', 'support-manager'],
        request: { body: CompensationBody },
        response: { status: 202, schema: CompensationAccepted },
        problemStatuses: [422],
        handler: ({ body, principal, idempotencyKey }) => {
          if (!principal) throw problems.unauthenticated('An API key is required.');
          return support.requestCompensation(
            // The Idempotency-Key doubles as the request id: a retried POST never starts a second journey. Keys
            // are scoped per API key, so the id hashes both: two agents (or keys differing only by punctuation)
            // must not collide on one workflow id.
            {
              ...body,
              ...(idempotencyKey
                ? {
                    requestId: idFromIdempotencyKey('comp', principal.keyId, idempotencyKey),
                  }
                : {}),
            },
            principal.keyId,
          );
        },
      }),
      defineRoute({
        method: 'get',
        path: '/v1/support/compensation-campaigns',
        operationId: 'listCompensationCampaigns',
        summary: 'The launched compensation campaigns an agent may request credit from (id and name)',
        auth: ['support', 'support-manager'],
        response: {
          status: 200,
          schema: z.object({ items: z.array(z.object({ campaignId: z.string(), name: z.string() })) }),
        },
        handler: async () => ({ items: await support.compensationCampaigns() }),
      }),
      defineRoute({
        method: 'get',
        path: '/v1/support/quota',
        operationId: 'getCompensationQuota',
        summary:
          'The calling agent’s compensation quota: limits, used and remaining today and this month (UTC)',
        auth: ['support', 'support-manager'],
        request: {
          query: z.strictObject({
            campaignId: Id.optional().meta({
              description: 'The compensation campaign; the only launched one if absent.',
            }),
          }),
        },
        response: { status: 200, schema: CompensationQuota },
        problemStatuses: [422],
        handler: ({ query, principal }) => {
          if (!principal) throw problems.unauthenticated('An API key is required.');
          return support.quota(principal.keyId, query.campaignId);
        },
      }),
      defineRoute({
        method: 'get',
        path: '/v1/support/tasks',
        operationId: 'listSupportTasks',
        summary:
          'Tasks where support works: callbacks, approvals, referral reviews, gift fulfilment (newest first, in pages)',
        description: 'Approval tasks carry the id to POST to /v1/approvals/{id}.',
        auth: ['support', 'support-manager', 'growth', 'ops'],
        request: {
          query: z.strictObject({
            status: z.enum(['open', 'done', 'cancelled']).optional(),
            kind: Label.optional(),
            assignee: Id.optional(),
            limit: DecimalInteger(1, 200).default(50),
            before: DecimalInteger(1, Number.MAX_SAFE_INTEGER)
              .optional()
              .meta({ description: 'The `next` of the previous page: tasks older than this task id.' }),
          }),
        },
        response: {
          status: 200,
          schema: z.object({
            items: z.array(SupportTaskSchema),
            next: z
              .number()
              .int()
              .nullable()
              .meta({ description: 'Pass as `before` for the next page; null on the last.' }),
          }),
        },
        handler: ({ query: { before, ...filter } }) =>
          support.listTasks({ ...filter, ...(before ? { before } : {}) }),
      }),
      defineRoute({
        method: 'post',
        path: '/v1/support/tasks/:id/close',
        operationId: 'closeSupportTask',
        summary: 'Close a support task by hand (callback made, gift sent, failure dealt with)',
        description:
          'done or cancelled, with an optional note; who closed it is recorded. Approval tasks are decided with ' +
          'POST /v1/approvals/{id} instead (409).',
        auth: ['support', 'support-manager'],
        request: {
          params: z.strictObject({ id: TaskId }),
          body: z.strictObject({
            status: z.enum(['done', 'cancelled']),
            note: FreeText({ max: 500, multiline: true }).optional(),
          }),
        },
        response: { status: 200, schema: SupportTaskSchema },
        problemStatuses: [404, 409],
        handler: ({ params, body, principal }) => {
          if (!principal) throw problems.unauthenticated('An API key is required.');
          return support.closeTask(
            params.id,
            { status: body.status, ...(body.note !== undefined ? { note: body.note } : {}) },
            principal.keyId,
          );
        },
      }),
      defineRoute({
        method: 'post',
        path: '/v1/support/tasks/:id/assign',
        operationId: 'assignSupportTask',
        summary: 'Assign an open support task to an agent (or unassign it with null)',
        auth: ['support-manager'],
        request: {
          params: z.strictObject({ id: TaskId }),
          body: z.strictObject({
            assignee: Id.nullable().meta({ description: 'An API key id or agent id.' }),
          }),
        },
        response: { status: 200, schema: SupportTaskSchema },
        problemStatuses: [404, 409],
        handler: ({ params, body }) => support.assignTask(params.id, body.assignee),
      }),
      defineRoute({
        method: 'post',
        path: '/v1/approvals/:id',
        operationId: 'decideApproval',
        summary: 'Approve or reject a pending approval task',
        description:
          'Compensation above the threshold (support-manager) and referral verification (growth or support-manager).',
        auth: ['support-manager', 'growth'],
        request: {
          params: z.strictObject({
            id: DecimalInteger(1, Number.MAX_SAFE_INTEGER),
          }),
          body: DecisionBody,
        },
        response: {
          status: 200,
          schema: z.object({
            taskId: z.number(),
            workflowId: z.string(),
            decision: z.string(),
            status: z.string(),
          }),
        },
        problemStatuses: [404, 409, 422],
        handler: ({ params, body, principal }) =>
          support.decide(
            params.id,
            {
              decision: body.decision,
              by: principal?.keyId ?? 'unknown',
              ...(body.note ? { note: body.note } : {}),
            },
            principal?.roles ?? [],
          ),
      }),
    ],
  });
}
