/**
 * Generated from the API's OpenAPI document by `npm run console:api-types`; do not edit.
 * test/console-api-types.unit.test.ts fails while this file is stale.
 */

export interface paths {
  '/healthz': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Liveness and dependency health
     * @description Public.
     */
    get: operations['getHealth'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The calling API key: name and roles
     * @description Roles: growth, support, support-manager, finance, storefront, ops, admin.
     */
    get: operations['getMe'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/api-keys': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List API keys (without secrets), oldest first, in pages
     * @description Roles: admin.
     */
    get: operations['listApiKeys'];
    put?: never;
    /**
     * Create an API key
     * @description The plaintext key is in this response only; store it in your secret manager.
     *
     *     Roles: admin.
     */
    post: operations['createApiKey'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/api-keys/{id}/revoke': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Revoke an API key
     * @description Takes effect on the next request. Revoking a revoked key is a no-op. Refused with 409 for the key making the request (revoke it with another admin key) and for the last active admin key: the API must always keep a key that can manage keys.
     *
     *     Roles: admin.
     */
    post: operations['revokeApiKey'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/audit': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Who changed what (newest first)
     * @description Every successful POST/PUT/PATCH/DELETE except customer traffic (events, checkout, code claims, reward redemptions), with the API key that made it. `resource` matches a path prefix: /v1/campaigns/cmp_1 finds its creation’s follow-ups (launch, pause, end, code batches). Page with `before` = the last entryId seen.
     *
     *     Roles: ops, finance, admin.
     */
    get: operations['listAuditEntries'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/campaigns/{id}/budget': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A campaign’s budget and its top-ups (who, how much, why), newest first
     * @description Roles: growth, finance, ops, admin.
     */
    get: operations['listCampaignBudgetChanges'];
    put?: never;
    /**
     * Top up a campaign’s budget, with a reason
     * @description Raises the budget by `amount`. A launched or paused campaign gets it allocated from the program budget at once (422 program-budget-exceeded when the program cannot cover it). With an Idempotency-Key a retried top-up changes the budget once. GET /v1/campaigns/{id}/budget lists the changes.
     *
     *     Roles: growth, finance, admin.
     */
    post: operations['topUpCampaignBudget'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/campaigns': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List campaigns
     * @description Roles: growth, ops, finance, admin.
     */
    get: operations['listCampaigns'];
    put?: never;
    /**
     * Create a campaign (draft)
     * @description The config is validated by the chosen journey plugin; defaults come from the marketing plans.
     *
     *     Roles: growth, admin.
     */
    post: operations['createCampaign'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/campaigns/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Get a campaign
     * @description Roles: growth, ops, finance, admin.
     */
    get: operations['getCampaign'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/campaigns/{id}/enrolment': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A campaign’s enrolment runs and their progress
     * @description Runs of enrolment without an event, newest first: `launch` (the audience enrolled at launch with `enrolExisting`) and one per occurrence date of a date or calendar entry. `total` is who the run selected when it began, `enrolled` the journeys it started, `already` the customers whose journey was there.
     *
     *     Roles: growth, ops, admin.
     */
    get: operations['getCampaignEnrolment'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/campaigns/{id}/config': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Replace a draft’s config (and name)
     * @description What the journey editor saves after opening a draft flow campaign. The config is checked by the campaign’s journey plugin as on create (422 invalid-config naming the field, 422 for undeclared custom events or segments); stored A/B variants are merged over the new config again. Only a draft changes: 409 campaign-not-draft otherwise (a launched campaign’s journeys keep the config they started with; create a new campaign).
     *
     *     Roles: growth, admin.
     */
    put: operations['updateDraftCampaign'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/campaigns/{id}/schedule': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Set, change or clear when a campaign launches and ends itself
     * @description Fields left out keep their value; null clears one. A draft launches itself at startsAt, and a campaign not ended ends itself at endsAt, through a durable Temporal timer; a launch or end by hand before the instant makes the scheduled one a no-op. 422 invalid-schedule names the field (endsAt not after startsAt or in the past, an unknown time zone); 409 for an ended campaign. Scheduled actions are audited with the actor `schedule`.
     *
     *     Roles: growth, admin.
     */
    put: operations['setCampaignSchedule'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/campaigns/{id}/launch': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Launch a campaign
     * @description Opens its budget (carved out of the program budget) and starts routing customer events to its journeys.
     *
     *     Roles: growth, admin.
     */
    post: operations['launchCampaign'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/campaigns/{id}/pause': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Pause a campaign
     * @description No new journeys start; running ones keep their config and still receive their customers’ events.
     *
     *     Roles: growth, admin.
     */
    post: operations['pauseCampaign'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/campaigns/{id}/end': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * End a campaign
     * @description Final: no new journeys; campaign-level runs (sweeps) are cancelled.
     *
     *     Roles: growth, admin.
     */
    post: operations['endCampaign'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/journey-types': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List the journey plugins a campaign can use
     * @description Roles: growth, ops, admin.
     */
    get: operations['listJourneyTypes'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Report a customer event
     * @description signed_up (optionally with a referral code), order_placed, order_refunded, active, review_submitted, and custom events (`{"type": "custom", "name": …, "properties": {…}}`) of a type declared in the event catalog (an undeclared name or properties its schema rejects: 422, nothing written). An eventId already recorded with the same content is a duplicate (202, `duplicate: true`, applied once); with other content it is a 409 and nothing is written. An order that would take the customer's total spend past 2^53 - 1 minor units is a 422, and so is a refund of more than its order's amount. Each launched campaign whose journey concerns the event gets it as a signal; the journey starts if needed. While journeys are further behind than the configured limit the event is refused with 503 and Retry-After.
     *
     *     Roles: storefront, admin.
     */
    post: operations['postCustomerEvent'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/event-types/{name}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A custom event type
     * @description Roles: growth, ops, storefront, admin.
     */
    get: operations['getEventType'];
    /**
     * Declare (or redeclare) a custom event type
     * @description propertiesSchema is a JSON Schema (`"type": "object"`) that the properties of every custom event of this name must match; POST /v1/events refuses other names and non-matching properties with 422. Flow campaigns may only listen for declared names.
     *
     *     Roles: growth, admin.
     */
    put: operations['putEventType'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/event-types': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The custom event types
     * @description Roles: growth, ops, storefront, admin.
     */
    get: operations['listEventTypes'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/support/credits': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Grant a compensation credit to a customer
     * @description Starts a compensation journey: the calling agent’s daily/monthly quota is checked, amounts above the campaign’s threshold wait for a manager’s approval (24 h), then the credit is granted and the customer emailed. Follow it with GET /v1/journeys/{workflowId}.
     *
     *     Roles: support, support-manager, admin.
     */
    post: operations['requestCompensationCredit'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/support/compensation-campaigns': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The launched compensation campaigns an agent may request credit from (id and name)
     * @description Roles: support, support-manager, admin.
     */
    get: operations['listCompensationCampaigns'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/support/quota': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The calling agent’s compensation quota: limits, used and remaining today and this month (UTC)
     * @description Roles: support, support-manager, admin.
     */
    get: operations['getCompensationQuota'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/support/tasks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Tasks where support works: callbacks, approvals, referral reviews, gift fulfilment (newest first, in pages)
     * @description Approval tasks carry the id to POST to /v1/approvals/{id}.
     *
     *     Roles: support, support-manager, growth, ops, admin.
     */
    get: operations['listSupportTasks'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/support/tasks/{id}/close': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Close a support task by hand (callback made, gift sent, failure dealt with)
     * @description done or cancelled, with an optional note; who closed it is recorded. Approval tasks are decided with POST /v1/approvals/{id} instead (409).
     *
     *     Roles: support, support-manager, admin.
     */
    post: operations['closeSupportTask'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/support/tasks/{id}/assign': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Assign an open support task to an agent (or unassign it with null)
     * @description Roles: support-manager, admin.
     */
    post: operations['assignSupportTask'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/approvals/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Approve or reject a pending approval task
     * @description Compensation above the threshold (support-manager) and referral verification (growth or support-manager).
     *
     *     Roles: support-manager, growth, admin.
     */
    post: operations['decideApproval'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{id}/wallet': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A customer’s wallet
     * @description Roles: storefront, support, support-manager, finance, ops, admin.
     */
    get: operations['getWallet'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{id}/statement': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A customer’s credit statement (newest first, keyset-paginated)
     * @description Roles: storefront, support, support-manager, finance, ops, admin.
     */
    get: operations['getStatement'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/redemptions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Quote or commit a redemption of credit against an order
     * @description Eligible lots apply soonest-expiring first: percent coupons (rate off the eligible lines, capped), then free-shipping coupons, then threshold coupons when the order qualifies, then cash and rebate credit; exclusive lots never combine. With lines, the answer shows each line's discount. With commit=true the credit is applied once per order: a different request for the same order is a 409. A refund of the order (order_refunded event) gives the credit back: a refund of part of the order (its amount) gives back that share of cash and rebate credit, coupons come back with the refund that completes the order. `points` pays part of what is left with points at the program rate (after discounts and credit); a refund gives points back in the same proportion.
     *
     *     Roles: storefront, admin.
     */
    post: operations['redeemCredit'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/finance/liability': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Outstanding credit liability (unexpired, unused credit) by campaign
     * @description Roles: finance, admin.
     */
    get: operations['getLiability'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/finance/breakage': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Credit that expired unused in a period, by campaign
     * @description Roles: finance, admin.
     */
    get: operations['getBreakage'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/finance/expense': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Marketing expense per campaign in a period (granted, redeemed, expired, revoked)
     * @description Roles: finance, admin.
     */
    get: operations['getMarketingExpense'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/finance/program-budget': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The program-wide marketing budget: funded, allocated to campaigns, remaining
     * @description Roles: finance, growth, admin.
     */
    get: operations['getProgramBudget'];
    put?: never;
    /**
     * Add money to the program-wide marketing budget (total cap of all campaigns)
     * @description Roles: finance, admin.
     */
    post: operations['fundProgramBudget'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/campaigns/{id}/points-budget': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A campaign’s points budget: the cap, points earned, points left
     * @description The cap is the points config’s pointsBudget (null: unlimited); earned counts every point the campaign’s journeys issued. An earn past the cap earns the part that fits, one at an empty budget nothing.
     *
     *     Roles: growth, finance, ops, admin.
     */
    get: operations['getCampaignPointsBudget'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/finance/points-terms': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The money value of a point and the per-order minimum and maximum of points as payment
     * @description Roles: finance, growth, storefront, admin.
     */
    get: operations['getPointsTerms'];
    /**
     * Set the money value of a point and the per-order minimum and maximum
     * @description Applies to payments from now on (each redemption keeps the rate it was paid at, and its refunds use it); the points liability is valued at the current rate.
     *
     *     Roles: finance, admin.
     */
    put: operations['setPointsTerms'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/finance/points-liability': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Outstanding points (unexpired, unspent) by campaign, with their money value
     * @description Roles: finance, admin.
     */
    get: operations['getPointsLiability'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/finance/points': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Points earned, redeemed, spent at checkout and expired in a period, and the points expense
     * @description Roles: finance, admin.
     */
    get: operations['getPointsActivity'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/campaigns/{id}/journeys/{customerId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The state of one customer’s journey in a campaign
     * @description Roles: ops, growth, support, support-manager, admin.
     */
    get: operations['getCustomerJourney'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/journeys': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The state of a journey by workflow id (e.g. a compensation request)
     * @description Roles: ops, growth, support, support-manager, admin.
     */
    get: operations['getJourney'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/journey-templates': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List the journey templates
     * @description Each is a complete `flow` campaign config: declare its eventTypes (PUT /v1/event-types/{name}), then POST /v1/campaigns with journeyType "flow" and the config (edited to taste) and a budget.
     *
     *     Roles: growth, ops, admin.
     */
    get: operations['listJourneyTemplates'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/journey-definitions/validate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Check a flow journey definition
     * @description Runs the checks `POST /v1/campaigns` runs on a flow campaign’s `config.definition` (the flow schema, the graph rules: one entry, every node reachable, every path ends, no loop without a wait, references, amounts; custom events declared in the catalog) and creates nothing. 200 `{valid: true}`, or 422 whose errors locate each issue (`body.definition.nodes.3.next`) and name the node in the message. Any object is accepted as the definition so that a half-built graph gets every issue as a 422, not a 400.
     *
     *     Roles: growth, ops, admin.
     */
    post: operations['validateJourneyDefinition'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/campaigns/{id}/kpis': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * KPIs of a campaign
     * @description Seed 000 监控指标: claim rate, redemption rate, attributed GMV and ROI, with daily issuance/redemption series; per A/B variant with a 95 % Wilson interval on customer conversion. Money in integer minor units, ratios as decimal strings. A chart page is at /kpis/{campaignId}.
     *
     *     Roles: growth, finance, ops, admin.
     */
    get: operations['getCampaignKpis'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/referrals/leaderboard': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Monthly top-10 referrers (推荐达人TOP10)
     * @description Referrers ranked by referrals paid in the UTC calendar month; ties go to whoever reached the count first, then to the referrer id. Default month: the current one.
     *
     *     Roles: growth, finance, ops, admin.
     */
    get: operations['getReferralLeaderboard'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/loyalty/catalog': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Active rewards with their points cost and stock
     * @description The storefront (customer-facing) list hides rewards that are out of stock; growth and ops see every active reward, out-of-stock ones included.
     *
     *     Roles: storefront, growth, ops, admin.
     */
    get: operations['listRewards'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/loyalty/catalog/{rewardId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Create or replace a reward (restock by setting stock)
     * @description Roles: growth, admin.
     */
    put: operations['upsertReward'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{id}/rewards': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Redeem a reward with points
     * @description Takes one item of stock and spends its points cost. Send an Idempotency-Key: a retry replays the first redemption instead of redeeming twice. 422 out-of-stock, insufficient-points or unknown-reward; 409 stock-pending while the last items are held by redemptions still in flight (one may come back: ask again).
     *
     *     Roles: storefront, admin.
     */
    post: operations['redeemReward'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/loyalty/fulfilments/{redemptionId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A redeemed reward’s fulfilment, with the delivery address (for support to ship it)
     * @description Roles: support, support-manager, admin.
     */
    get: operations['getRewardFulfilment'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{id}/reward-fulfilments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A customer’s redeemed rewards being delivered or picked up, with their status (newest first)
     * @description For the storefront’s order page: status, mode and store; never the delivery address.
     *
     *     Roles: storefront, support, support-manager, admin.
     */
    get: operations['listCustomerRewardFulfilments'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/loyalty/fulfilments/{redemptionId}/status': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Move a reward fulfilment on: shipped → delivered, ready → picked-up, or cancelled
     * @description Delivery: requested → shipped → delivered; pickup: requested → ready → picked-up. Closing the fulfilment support task done ships it / makes it ready. cancelled (until the customer has the item) gives the points back and puts the item back into stock. 409 fulfilment-status for a step that does not follow.
     *
     *     Roles: support, support-manager, admin.
     */
    post: operations['advanceRewardFulfilment'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{id}/points': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A customer’s points: balance and live lots with expiry (soonest first)
     * @description Roles: storefront, support, support-manager, ops, admin.
     */
    get: operations['getPoints'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{id}/points/donations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Donate points to a charity (积分捐赠公益)
     * @description Moves the points to the charity’s points account in the ledger and emails the customer a donation certificate (zh-CN/en). Send an Idempotency-Key: a retry replays the first donation. 422 insufficient-points (nothing moved), unknown-charity or no-points-campaign.
     *
     *     Roles: storefront, admin.
     */
    post: operations['donatePoints'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{id}/tier': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A customer’s current member tier
     * @description Roles: storefront, support, growth, ops, admin.
     */
    get: operations['getMemberTier'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/points/disputes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Open a points dispute (积分遗漏争议) for review
     * @description Starts the dispute review under the launched points campaign: the order is re-checked and, when points are missing, a points-dispute task waits for a support manager (POST /v1/approvals/{taskId}).
     *
     *     Roles: support, admin.
     */
    post: operations['openPointsDispute'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/campaigns/{id}/code-batches': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Generate unique codes or create a shared code for a campaign
     * @description Unique codes are random (10 symbols + a check symbol, no 0/O/1/I/L), one claim each, optionally bound to given customers; a shared code has an optional total limit and a per-customer limit. A claim grants the reward from the campaign’s budget. Codes are listed by GET /v1/code-batches/{batchId}/codes.
     *
     *     Roles: growth, admin.
     */
    post: operations['createCodeBatch'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/code-batches/{batchId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A code batch with its issued, claimed and voided counts
     * @description Roles: growth, ops, finance, admin.
     */
    get: operations['getCodeBatch'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/code-batches/{batchId}/codes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A batch’s codes, in pages (for export to print or send)
     * @description Roles: growth, admin.
     */
    get: operations['listCodes'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/codes/{code}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A code’s status and terms (what a claim would grant)
     * @description Roles: storefront, support, support-manager, growth, admin.
     */
    get: operations['getCode'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/codes/{code}/claim': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Claim a code into a customer’s wallet (领取)
     * @description Grants the code’s reward as a lot from the campaign’s budget. Claiming a single-use code the customer already holds answers the same claim again (created: false). 404 for unknown codes and codes bound to another customer; 409 void, exhausted or over the per-customer limit; 422 expired, mistyped (check symbol) or the campaign’s budget exhausted.
     *
     *     Roles: storefront, support, support-manager, admin.
     */
    post: operations['claimCode'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/codes/{code}/void': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Void a code: no further claims (lots already claimed stay)
     * @description Roles: growth, admin.
     */
    post: operations['voidCode'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{id}/adjustments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Grant, void or claw back credit by hand
     * @description Below the approval threshold it runs at once (status executed); at or above it waits for a second support manager or finance key (status pending-approval, decided with POST /v1/adjustments/{id}/decision). With an Idempotency-Key a retried request answers the same adjustment.
     *
     *     Roles: support-manager, finance, admin.
     */
    post: operations['requestAdjustment'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/adjustments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Manual adjustments, newest first, in pages (e.g. those waiting for approval)
     * @description Roles: support-manager, finance, ops, admin.
     */
    get: operations['listAdjustments'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/adjustments/{adjustmentId}/decision': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Approve (and run) or reject an adjustment waiting for a second person
     * @description The person who asked cannot decide (422 own-request).
     *
     *     Roles: support-manager, finance, admin.
     */
    post: operations['decideAdjustment'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{id}/referral': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A customer’s share code, invitation link and QR code
     * @description The code is generated on first request and stays the customer’s (random, with a check symbol: it cannot be guessed from a customer id). A signed_up event whose referralCode is this code, in any case and with or without hyphens, binds the referral; a legacy code (the referrer’s customer id) still works.
     *
     *     Roles: storefront, growth, support, admin.
     */
    get: operations['getReferralLink'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/campaigns/{id}/simulate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Simulate the campaign's journey for customer timelines
     * @description Runs the genuine journey workflow of the campaign (draft, launched, paused or ended) for each timeline on its own time-skipping Temporal server with a scratch ledger and captured mail: the real ledger, journeys and mail are never touched. Each timeline answers with the step timeline, every credit and points movement, the rendered emails, support tasks, how each journey ended and the cost to the budget. Bounds: horizon ≤ 1096 days, ≤ 200 events, ≤ 5 timelines, a wall-clock limit per timeline (422 simulation-too-long). When every simulation environment is busy: 429 with Retry-After. The same request gives the same answer.
     *
     *     Roles: growth, ops, admin.
     */
    post: operations['simulateCampaign'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Customers by email or phone (exact match), for support’s search
     * @description Matched on the keyed hash of the contact field (email ignoring case, phone ignoring spaces, dashes and brackets), never by decrypting; both given: a customer must match both. Oldest first, at most 20 (several accounts may share an address). Request logs never carry the query string.
     *
     *     Roles: support, support-manager, growth, ops, admin.
     */
    get: operations['findCustomers'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A customer’s stored profile, its typed attributes, and the facts computed from orders, the ledger, tiers and referrals
     * @description Roles: support, support-manager, growth, ops, admin.
     */
    get: operations['getCustomer'];
    put?: never;
    post?: never;
    /**
     * Erase a customer’s personal data and stop their journeys
     * @description Wipes email, phone, device id and payment fingerprint (and their matching hashes) from the profile, from the stored events and the email log, and cancels the customer’s running journeys; no email goes to them again. Ledger entries, orders, points and KPIs stay under the customer id (a pseudonym). Repeating the request answers 200 with the first erasure’s time.
     *
     *     Roles: support-manager, admin.
     */
    delete: operations['eraseCustomer'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{id}/journeys': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Every journey of a customer with its current step and next wake (newest first, at most 50)
     * @description Roles: support, support-manager, growth, ops, admin.
     */
    get: operations['listCustomerJourneys'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/ops/journeys': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Journeys per campaign and state (started, open, completed, cancelled, refused, failed)
     * @description Counted from the journey journal; each campaign links into the Temporal UI filtered by it.
     *
     *     Roles: ops, admin.
     */
    get: operations['getJourneyOverview'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{id}/export': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Everything held about a customer, for the customer
     * @description Profile (personal fields decrypted), events as received, orders, wallet lots, the whole credit statement, points, member tiers, referrals and the emails sent (template, subject, when).
     *
     *     Roles: support-manager, storefront, admin.
     */
    get: operations['exportCustomer'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/attribute-types/{name}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Declare a custom profile attribute (or change its description)
     * @description A declared attribute keeps its type (409 for another one; values stored were checked against it), and a built-in one (birthday, region, industry, acquisitionChannel, tags) cannot be redeclared (409).
     *
     *     Roles: growth, ops, admin.
     */
    put: operations['putAttributeType'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/attribute-types': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Every profile attribute: built in first, then the declared ones by name
     * @description Roles: growth, ops, storefront, support, support-manager, admin.
     */
    get: operations['listAttributeTypes'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{id}/attributes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Replace a customer’s attributes
     * @description The attributes become exactly those given. Each value must be of its attribute’s type in the catalog (GET /v1/attribute-types): 422 names an unknown attribute, a value of the wrong type or a date that is not YYYY-MM-DD. An erased customer takes none (409).
     *
     *     Roles: storefront, support, support-manager, growth, admin.
     */
    put: operations['replaceCustomerAttributes'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /**
     * Change some of a customer’s attributes (null removes one)
     * @description Attributes not named keep their value. Each value must be of its attribute’s type in the catalog (GET /v1/attribute-types): 422 names an unknown attribute, a value of the wrong type or a date that is not YYYY-MM-DD. An erased customer takes none (409).
     *
     *     Roles: storefront, support, support-manager, growth, admin.
     */
    patch: operations['mergeCustomerAttributes'];
    trace?: never;
  };
  '/v1/segments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The saved segments, oldest first, in pages
     * @description Roles: growth, ops, admin.
     */
    get: operations['listSegments'];
    put?: never;
    /**
     * Save a segment (a named filter)
     * @description A tree: {"all": [...]}, {"any": [...]}, {"not": ...}; leaves compare a profile attribute ({"attribute": "region", "op": "eq", "value": "east"}) or a fact ({"fact": "orderCount", "op": "gte", "value": 3}) with eq, ne, gt, gte, lt, lte, in (a list), exists (no value), contains (a tag in a string list, text in a string); or use a birthday helper ({"birthday": {"month": 4}}, {"birthday": {"withinDays": 7}}, days counted in UTC). Facts: orderCount, totalSpent, totalSpentLast365Days, daysSinceLastOrder, walletBalance, pointsBalance (minor units / points), tier (standard < silver < gold < diamond), referralsPaid. A missing attribute or fact matches no comparison but ne. At most 6 levels and 100 nodes. 422 invalid-segment-filter locates what is wrong: not such a tree, beyond the limits, an undeclared attribute, an op or value that does not fit its type.
     *
     *     Roles: growth, admin.
     */
    post: operations['createSegment'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/segments/preview': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Count a filter that is not saved yet (a live count while editing one)
     * @description The filter is checked as POST /v1/segments checks it (422 invalid-segment-filter locating each issue) and counted as GET /v1/segments/{id}/preview counts; nothing is written.
     *
     *     Roles: growth, ops, admin.
     */
    post: operations['previewSegmentFilter'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/segments/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A saved segment
     * @description Roles: growth, ops, admin.
     */
    get: operations['getSegment'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/segments/{id}/preview': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * How many customers a segment holds now, and up to 20 of their ids
     * @description Counted by one SQL statement under a statement timeout (422 segment-too-slow when it runs out). Erased customers are in no segment.
     *
     *     Roles: growth, ops, admin.
     */
    get: operations['previewSegment'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/metrics': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Prometheus metrics
     * @description Prometheus text exposition; public, for scrapers. Holds aggregate counters only.
     */
    get: operations['getMetrics'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    /**
     * @example {
     *       "status": "ok",
     *       "checks": {
     *         "postgres": "ok",
     *         "temporal": "ok"
     *       },
     *       "journeyLagSeconds": 0.2
     *     }
     */
    Health: {
      /**
       * @description degraded: every dependency answers, but journeys are behind by more than the configured limit, or a campaign-level task (a scheduled launch or end, an enrolment) has waited longer than its limit for a worker.
       * @enum {string}
       */
      status: 'ok' | 'degraded';
      checks: {
        [key: string]: 'ok' | 'failed' | 'timeout';
      };
      /** @description How far journeys are behind (task-queue backlog age, first-step wait of new journeys). */
      journeyLagSeconds?: number;
      /** @description Age of the oldest task waiting on the campaign-level task queue (schedules, enrolment); absent when unknown. */
      campaignQueueBacklogSeconds?: number;
    };
    /** @description RFC 9457 problem details, the one error format of this API. */
    Problem: {
      /** @example https://perkflow.dev/problems/validation-failed */
      type: string;
      title: string;
      status: number;
      detail: string;
      /** @description The request path. */
      instance: string;
      /** @description Validation issues; empty for other problems. */
      errors: {
        /**
         * @description Location first (body, query, params, headers), then the path inside it.
         * @example [
         *       "body",
         *       "roles",
         *       0
         *     ]
         */
        path: (string | number)[];
        message: string;
        /** @description The zod issue code. */
        code: string;
      }[];
      requestId?: string;
    };
    /** @description The API key that made the request: its id, name and roles (never its secret). */
    Me: {
      keyId: string;
      name: string;
      roles: components['schemas']['Role'][];
    };
    /**
     * @description A role an API key holds.
     * @enum {string}
     */
    Role: 'growth' | 'support' | 'support-manager' | 'finance' | 'storefront' | 'ops' | 'admin';
    CreatedApiKey: {
      id: string;
      name: string;
      /** @description The first characters of the key, to tell keys apart. */
      prefix: string;
      roles: components['schemas']['Role'][];
      createdBy: string | null;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      revokedAt: string | null;
      /** @description The plaintext key, shown exactly once. Only its hash is stored, so an Idempotency-Key replay of this request returns the record without it: revoke the key and create a new one if it was lost. */
      key?: string;
    };
    CreateApiKey: {
      /** @example storefront production */
      name: string;
      roles: components['schemas']['Role'][];
    };
    /** @description An API key without its secret. */
    ApiKey: {
      id: string;
      name: string;
      /** @description The first characters of the key, to tell keys apart. */
      prefix: string;
      roles: components['schemas']['Role'][];
      createdBy: string | null;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      revokedAt: string | null;
    };
    AuditEntry: {
      entryId: number;
      occurredAt: string;
      actorKeyId: string;
      actorName: string;
      operationId: string;
      method: string;
      resource: string;
      status: number;
      requestId: string;
    };
    Campaign: {
      campaignId: string;
      name: string;
      journeyType: string;
      config?: unknown;
      budget: number;
      /** @description A/B variants (null when none): the override as declared and the merged config. */
      variants:
        | {
            name: string;
            weight: number;
            config: {
              [key: string]: unknown;
            };
            effectiveConfig?: unknown;
          }[]
        | null;
      /** @enum {string} */
      status: 'draft' | 'launched' | 'paused' | 'ended';
      createdBy: string | null;
      createdAt: string;
      launchedAt: string | null;
      pausedAt: string | null;
      endedAt: string | null;
      /** @description When it launches itself (null: by hand only). */
      startsAt: string | null;
      /** @description When it ends itself (null: by hand only). */
      endsAt: string | null;
      /** @description IANA zone the schedule is shown in. */
      timezone: string | null;
      exclusivityGroup: string | null;
      priority: number;
      /** @description Only members of this segment enter (null: everyone). */
      audience: string | null;
      /** @description At launch, every member of the audience is enrolled. */
      enrolExisting: boolean;
      /** @description What the schedule does next and when (null: nothing scheduled is due). */
      nextScheduledAction: {
        /** @enum {string} */
        action: 'launch' | 'end';
        at: string;
      } | null;
    };
    CreateCampaign:
      | components['schemas']['Create_trialCreditJourney_Campaign']
      | components['schemas']['Create_repurchaseVoucherJourney_Campaign']
      | components['schemas']['Create_dormancyJourney_Campaign']
      | components['schemas']['Create_referralJourney_Campaign']
      | components['schemas']['Create_compensationJourney_Campaign']
      | components['schemas']['Create_expiryReminderJourney_Campaign']
      | components['schemas']['Create_memberTierJourney_Campaign']
      | components['schemas']['Create_inSaleRebateJourney_Campaign']
      | components['schemas']['Create_prepaymentBonusJourney_Campaign']
      | components['schemas']['Create_pointsJourney_Campaign']
      | components['schemas']['Create_flowJourney_Campaign'];
    /** @description Trial credit on sign-up (体验金) */
    Create_trialCreditJourney_Campaign: {
      /**
       * @description Your id for the campaign; generated when absent.
       * @example c-42
       */
      campaignId?: string;
      name: string;
      /**
       * @description Hard cap of credit this campaign may grant (minor units).
       * @example 5000
       */
      budget: number;
      /** @description A/B test (seed 000: 面额、门槛和文案): each customer is assigned one variant, deterministically (SHA-256 of campaignId:customerId modulo the total weight), and their journey starts with that variant’s config. */
      variants?: {
        /** @example control */
        name: string;
        /** @description Share of customers (default 1). */
        weight?: number;
        /** @description Partial override of `config` (objects merge key by key); the merge must pass the schema. */
        config?: {
          [key: string]: unknown;
        };
      }[];
      /**
       * @description Among launched campaigns of this group at most one pays a given customer: the first grant wins; a journey of another campaign of the group then ends with the outcome `excluded` (a refusal, not a failure).
       * @example referral-2026
       */
      exclusivityGroup?: string;
      /** @description Within the exclusivity group (default 0): when one event starts journeys of several campaigns of the group, only the highest-priority one pays; the others end `excluded`. */
      priority?: number;
      /**
       * Format: date-time
       * @description The campaign launches itself at this instant (a draft only; a start in the past launches it at once). null clears it.
       * @example 2026-12-24T09:00:00+08:00
       */
      startsAt?: string | null;
      /**
       * Format: date-time
       * @description The campaign ends itself at this instant: after startsAt, not in the past. null clears it.
       * @example 2027-01-03T23:59:59+08:00
       */
      endsAt?: string | null;
      /**
       * @description IANA time zone the schedule is shown in (e.g. Asia/Shanghai); refused with 422 if unknown.
       * @example Asia/Shanghai
       */
      timezone?: string | null;
      /**
       * @description A segment id (POST /v1/segments): only its members enter this campaign’s journeys (checked when an event would start one, and the filter of every enrolment). 422 unknown-segment when there is no such segment.
       * @example seg_0123456789abcdef
       */
      audience?: string;
      /** @description Flow campaigns with an audience: at launch a campaign-level workflow pages through the audience and starts each member’s journey (the same journey an event would start). Progress: GET /v1/campaigns/{id}/enrolment. */
      enrolExisting?: boolean;
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      journeyType: 'trial-credit';
      /**
       * @description Grants a new lead trial credit on sign-up, emails it, reminds before it expires if unused, and ends on the first order (conversion) or expiry.
       * @default {}
       */
      config: {
        /** @default 5000 */
        amount: number;
        /** @default 30 */
        validityDays: number;
        /** @default 7 */
        remindDaysBeforeExpiry: number;
        /**
         * @default {
         *       "type": "all"
         *     }
         */
        scope:
          | {
              /** @enum {string} */
              type: 'all';
            }
          | {
              /** @enum {string} */
              type: 'categories';
              categories: string[];
            };
        /**
         * @default stackable
         * @enum {string}
         */
        stacking: 'stackable' | 'exclusive';
        /** @default true */
        antiFraud: boolean;
      };
    };
    /** @description Repurchase vouchers 7 and 30 days after a first order (复购启动金) */
    Create_repurchaseVoucherJourney_Campaign: {
      /**
       * @description Your id for the campaign; generated when absent.
       * @example c-42
       */
      campaignId?: string;
      name: string;
      /**
       * @description Hard cap of credit this campaign may grant (minor units).
       * @example 5000
       */
      budget: number;
      /** @description A/B test (seed 000: 面额、门槛和文案): each customer is assigned one variant, deterministically (SHA-256 of campaignId:customerId modulo the total weight), and their journey starts with that variant’s config. */
      variants?: {
        /** @example control */
        name: string;
        /** @description Share of customers (default 1). */
        weight?: number;
        /** @description Partial override of `config` (objects merge key by key); the merge must pass the schema. */
        config?: {
          [key: string]: unknown;
        };
      }[];
      /**
       * @description Among launched campaigns of this group at most one pays a given customer: the first grant wins; a journey of another campaign of the group then ends with the outcome `excluded` (a refusal, not a failure).
       * @example referral-2026
       */
      exclusivityGroup?: string;
      /** @description Within the exclusivity group (default 0): when one event starts journeys of several campaigns of the group, only the highest-priority one pays; the others end `excluded`. */
      priority?: number;
      /**
       * Format: date-time
       * @description The campaign launches itself at this instant (a draft only; a start in the past launches it at once). null clears it.
       * @example 2026-12-24T09:00:00+08:00
       */
      startsAt?: string | null;
      /**
       * Format: date-time
       * @description The campaign ends itself at this instant: after startsAt, not in the past. null clears it.
       * @example 2027-01-03T23:59:59+08:00
       */
      endsAt?: string | null;
      /**
       * @description IANA time zone the schedule is shown in (e.g. Asia/Shanghai); refused with 422 if unknown.
       * @example Asia/Shanghai
       */
      timezone?: string | null;
      /**
       * @description A segment id (POST /v1/segments): only its members enter this campaign’s journeys (checked when an event would start one, and the filter of every enrolment). 422 unknown-segment when there is no such segment.
       * @example seg_0123456789abcdef
       */
      audience?: string;
      /** @description Flow campaigns with an audience: at launch a campaign-level workflow pages through the audience and starts each member’s journey (the same journey an event would start). Progress: GET /v1/campaigns/{id}/enrolment. */
      enrolExisting?: boolean;
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      journeyType: 'repurchase-voucher';
      /**
       * @description After a first order, issues voucher A on day 7 and voucher B on day 30 unless the customer repurchased; a repurchase ends the journey and a refund of the first order cancels it.
       * @default {}
       */
      config: {
        /** @default 7 */
        firstVoucherAfterDays: number;
        /** @default 30 */
        secondVoucherAfterDays: number;
        /**
         * @default {
         *       "kind": "threshold",
         *       "amount": 2000,
         *       "minOrderAmount": 20000,
         *       "validityDays": 14,
         *       "scope": {
         *         "type": "all"
         *       },
         *       "stacking": "stackable"
         *     }
         */
        firstVoucher: {
          /**
           * @default cash
           * @enum {string}
           */
          kind: 'cash' | 'threshold' | 'rebate';
          amount: number;
          minOrderAmount?: number;
          validityDays: number;
          /**
           * @default {
           *       "type": "all"
           *     }
           */
          scope:
            | {
                /** @enum {string} */
                type: 'all';
              }
            | {
                /** @enum {string} */
                type: 'categories';
                categories: string[];
              };
          /**
           * @default stackable
           * @enum {string}
           */
          stacking: 'stackable' | 'exclusive';
        };
        /**
         * @default {
         *       "kind": "threshold",
         *       "amount": 5000,
         *       "minOrderAmount": 30000,
         *       "validityDays": 30,
         *       "scope": {
         *         "type": "all"
         *       },
         *       "stacking": "stackable"
         *     }
         */
        secondVoucher: {
          /**
           * @default cash
           * @enum {string}
           */
          kind: 'cash' | 'threshold' | 'rebate';
          amount: number;
          minOrderAmount?: number;
          validityDays: number;
          /**
           * @default {
           *       "type": "all"
           *     }
           */
          scope:
            | {
                /** @enum {string} */
                type: 'all';
              }
            | {
                /** @enum {string} */
                type: 'categories';
                categories: string[];
              };
          /**
           * @default stackable
           * @enum {string}
           */
          stacking: 'stackable' | 'exclusive';
        };
      };
    };
    /** @description Dormancy reactivation (沉睡客户召回) */
    Create_dormancyJourney_Campaign: {
      /**
       * @description Your id for the campaign; generated when absent.
       * @example c-42
       */
      campaignId?: string;
      name: string;
      /**
       * @description Hard cap of credit this campaign may grant (minor units).
       * @example 5000
       */
      budget: number;
      /** @description A/B test (seed 000: 面额、门槛和文案): each customer is assigned one variant, deterministically (SHA-256 of campaignId:customerId modulo the total weight), and their journey starts with that variant’s config. */
      variants?: {
        /** @example control */
        name: string;
        /** @description Share of customers (default 1). */
        weight?: number;
        /** @description Partial override of `config` (objects merge key by key); the merge must pass the schema. */
        config?: {
          [key: string]: unknown;
        };
      }[];
      /**
       * @description Among launched campaigns of this group at most one pays a given customer: the first grant wins; a journey of another campaign of the group then ends with the outcome `excluded` (a refusal, not a failure).
       * @example referral-2026
       */
      exclusivityGroup?: string;
      /** @description Within the exclusivity group (default 0): when one event starts journeys of several campaigns of the group, only the highest-priority one pays; the others end `excluded`. */
      priority?: number;
      /**
       * Format: date-time
       * @description The campaign launches itself at this instant (a draft only; a start in the past launches it at once). null clears it.
       * @example 2026-12-24T09:00:00+08:00
       */
      startsAt?: string | null;
      /**
       * Format: date-time
       * @description The campaign ends itself at this instant: after startsAt, not in the past. null clears it.
       * @example 2027-01-03T23:59:59+08:00
       */
      endsAt?: string | null;
      /**
       * @description IANA time zone the schedule is shown in (e.g. Asia/Shanghai); refused with 422 if unknown.
       * @example Asia/Shanghai
       */
      timezone?: string | null;
      /**
       * @description A segment id (POST /v1/segments): only its members enter this campaign’s journeys (checked when an event would start one, and the filter of every enrolment). 422 unknown-segment when there is no such segment.
       * @example seg_0123456789abcdef
       */
      audience?: string;
      /** @description Flow campaigns with an audience: at launch a campaign-level workflow pages through the audience and starts each member’s journey (the same journey an event would start). Progress: GET /v1/campaigns/{id}/enrolment. */
      enrolExisting?: boolean;
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      journeyType: 'dormancy';
      /**
       * @description Watches each customer: after N days without activity, emails an offer, then creates a support callback task, then grants a gift credit; any order reactivates and the watch starts over.
       * @default {}
       */
      config: {
        /** @default 90 */
        dormantDays: number;
        /** @default Come back this week and enjoy free shipping on any order. */
        offerText: string;
        /** @default 7 */
        callbackAfterDays: number;
        /** @default 7 */
        giftAfterDays: number;
        /**
         * @default {
         *       "kind": "cash",
         *       "amount": 10000,
         *       "validityDays": 30,
         *       "scope": {
         *         "type": "all"
         *       },
         *       "stacking": "stackable"
         *     }
         */
        gift: {
          /**
           * @default cash
           * @enum {string}
           */
          kind: 'cash' | 'threshold' | 'rebate';
          amount: number;
          minOrderAmount?: number;
          validityDays: number;
          /**
           * @default {
           *       "type": "all"
           *     }
           */
          scope:
            | {
                /** @enum {string} */
                type: 'all';
              }
            | {
                /** @enum {string} */
                type: 'categories';
                categories: string[];
              };
          /**
           * @default stackable
           * @enum {string}
           */
          stacking: 'stackable' | 'exclusive';
        };
        /** @default 200 */
        eventsPerRun: number;
      };
    };
    /** @description Referral reward for both sides after review (推荐有礼) */
    Create_referralJourney_Campaign: {
      /**
       * @description Your id for the campaign; generated when absent.
       * @example c-42
       */
      campaignId?: string;
      name: string;
      /**
       * @description Hard cap of credit this campaign may grant (minor units).
       * @example 5000
       */
      budget: number;
      /** @description A/B test (seed 000: 面额、门槛和文案): each customer is assigned one variant, deterministically (SHA-256 of campaignId:customerId modulo the total weight), and their journey starts with that variant’s config. */
      variants?: {
        /** @example control */
        name: string;
        /** @description Share of customers (default 1). */
        weight?: number;
        /** @description Partial override of `config` (objects merge key by key); the merge must pass the schema. */
        config?: {
          [key: string]: unknown;
        };
      }[];
      /**
       * @description Among launched campaigns of this group at most one pays a given customer: the first grant wins; a journey of another campaign of the group then ends with the outcome `excluded` (a refusal, not a failure).
       * @example referral-2026
       */
      exclusivityGroup?: string;
      /** @description Within the exclusivity group (default 0): when one event starts journeys of several campaigns of the group, only the highest-priority one pays; the others end `excluded`. */
      priority?: number;
      /**
       * Format: date-time
       * @description The campaign launches itself at this instant (a draft only; a start in the past launches it at once). null clears it.
       * @example 2026-12-24T09:00:00+08:00
       */
      startsAt?: string | null;
      /**
       * Format: date-time
       * @description The campaign ends itself at this instant: after startsAt, not in the past. null clears it.
       * @example 2027-01-03T23:59:59+08:00
       */
      endsAt?: string | null;
      /**
       * @description IANA time zone the schedule is shown in (e.g. Asia/Shanghai); refused with 422 if unknown.
       * @example Asia/Shanghai
       */
      timezone?: string | null;
      /**
       * @description A segment id (POST /v1/segments): only its members enter this campaign’s journeys (checked when an event would start one, and the filter of every enrolment). 422 unknown-segment when there is no such segment.
       * @example seg_0123456789abcdef
       */
      audience?: string;
      /** @description Flow campaigns with an audience: at launch a campaign-level workflow pages through the audience and starts each member’s journey (the same journey an event would start). Progress: GET /v1/campaigns/{id}/enrolment. */
      enrolExisting?: boolean;
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      journeyType: 'referral';
      /**
       * @description On a sign-up with a referral code: eligibility and anti-fraud checks, sales verification of the first order within 12 h (escalated on timeout), both sides paid after 72 h without refund, referrer tiers 1/3/5/10.
       * @default {}
       */
      config: {
        /** @default 365 */
        referrerActiveWithinDays: number;
        /** @default 1000000 */
        referrerMinTotalSpent: number;
        /** @default 30 */
        firstOrderWithinDays: number;
        /** @default 12 */
        verificationHours: number;
        /** @default 48 */
        escalationHours: number;
        /** @default 72 */
        refundWindowHours: number;
        /**
         * @default {
         *       "kind": "cash",
         *       "amount": 5000,
         *       "validityDays": 90,
         *       "scope": {
         *         "type": "all"
         *       },
         *       "stacking": "stackable"
         *     }
         */
        referrerReward: {
          /**
           * @default cash
           * @enum {string}
           */
          kind: 'cash' | 'threshold' | 'rebate';
          amount: number;
          minOrderAmount?: number;
          validityDays: number;
          /**
           * @default {
           *       "type": "all"
           *     }
           */
          scope:
            | {
                /** @enum {string} */
                type: 'all';
              }
            | {
                /** @enum {string} */
                type: 'categories';
                categories: string[];
              };
          /**
           * @default stackable
           * @enum {string}
           */
          stacking: 'stackable' | 'exclusive';
        };
        /**
         * @default {
         *       "kind": "cash",
         *       "amount": 5000,
         *       "validityDays": 90,
         *       "scope": {
         *         "type": "all"
         *       },
         *       "stacking": "stackable"
         *     }
         */
        refereeReward: {
          /**
           * @default cash
           * @enum {string}
           */
          kind: 'cash' | 'threshold' | 'rebate';
          amount: number;
          minOrderAmount?: number;
          validityDays: number;
          /**
           * @default {
           *       "type": "all"
           *     }
           */
          scope:
            | {
                /** @enum {string} */
                type: 'all';
              }
            | {
                /** @enum {string} */
                type: 'categories';
                categories: string[];
              };
          /**
           * @default stackable
           * @enum {string}
           */
          stacking: 'stackable' | 'exclusive';
        };
        /**
         * @default [
         *       {
         *         "referrals": 1,
         *         "reward": {
         *           "type": "credit",
         *           "offer": {
         *             "kind": "cash",
         *             "amount": 10000,
         *             "validityDays": 90,
         *             "scope": {
         *               "type": "all"
         *             },
         *             "stacking": "stackable"
         *           }
         *         }
         *       },
         *       {
         *         "referrals": 3,
         *         "reward": {
         *           "type": "gift",
         *           "gift": "品牌定制礼盒 (custom gift box)"
         *         }
         *       },
         *       {
         *         "referrals": 5,
         *         "reward": {
         *           "type": "gift",
         *           "gift": "高端服务体验 (premium service experience)"
         *         }
         *       },
         *       {
         *         "referrals": 10,
         *         "reward": {
         *           "type": "status",
         *           "status": "ambassador"
         *         }
         *       }
         *     ]
         */
        tiers: {
          referrals: number;
          reward:
            | {
                /** @enum {string} */
                type: 'credit';
                offer: {
                  /**
                   * @default cash
                   * @enum {string}
                   */
                  kind: 'cash' | 'threshold' | 'rebate';
                  amount: number;
                  minOrderAmount?: number;
                  validityDays: number;
                  /**
                   * @default {
                   *       "type": "all"
                   *     }
                   */
                  scope:
                    | {
                        /** @enum {string} */
                        type: 'all';
                      }
                    | {
                        /** @enum {string} */
                        type: 'categories';
                        categories: string[];
                      };
                  /**
                   * @default stackable
                   * @enum {string}
                   */
                  stacking: 'stackable' | 'exclusive';
                };
              }
            | {
                /** @enum {string} */
                type: 'gift';
                gift: string;
              }
            | {
                /** @enum {string} */
                type: 'status';
                status: string;
              };
        }[];
      };
    };
    /** @description Compensation credit from support (客情维护金) */
    Create_compensationJourney_Campaign: {
      /**
       * @description Your id for the campaign; generated when absent.
       * @example c-42
       */
      campaignId?: string;
      name: string;
      /**
       * @description Hard cap of credit this campaign may grant (minor units).
       * @example 5000
       */
      budget: number;
      /** @description A/B test (seed 000: 面额、门槛和文案): each customer is assigned one variant, deterministically (SHA-256 of campaignId:customerId modulo the total weight), and their journey starts with that variant’s config. */
      variants?: {
        /** @example control */
        name: string;
        /** @description Share of customers (default 1). */
        weight?: number;
        /** @description Partial override of `config` (objects merge key by key); the merge must pass the schema. */
        config?: {
          [key: string]: unknown;
        };
      }[];
      /**
       * @description Among launched campaigns of this group at most one pays a given customer: the first grant wins; a journey of another campaign of the group then ends with the outcome `excluded` (a refusal, not a failure).
       * @example referral-2026
       */
      exclusivityGroup?: string;
      /** @description Within the exclusivity group (default 0): when one event starts journeys of several campaigns of the group, only the highest-priority one pays; the others end `excluded`. */
      priority?: number;
      /**
       * Format: date-time
       * @description The campaign launches itself at this instant (a draft only; a start in the past launches it at once). null clears it.
       * @example 2026-12-24T09:00:00+08:00
       */
      startsAt?: string | null;
      /**
       * Format: date-time
       * @description The campaign ends itself at this instant: after startsAt, not in the past. null clears it.
       * @example 2027-01-03T23:59:59+08:00
       */
      endsAt?: string | null;
      /**
       * @description IANA time zone the schedule is shown in (e.g. Asia/Shanghai); refused with 422 if unknown.
       * @example Asia/Shanghai
       */
      timezone?: string | null;
      /**
       * @description A segment id (POST /v1/segments): only its members enter this campaign’s journeys (checked when an event would start one, and the filter of every enrolment). 422 unknown-segment when there is no such segment.
       * @example seg_0123456789abcdef
       */
      audience?: string;
      /** @description Flow campaigns with an audience: at launch a campaign-level workflow pages through the audience and starts each member’s journey (the same journey an event would start). Progress: GET /v1/campaigns/{id}/enrolment. */
      enrolExisting?: boolean;
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      journeyType: 'compensation';
      /**
       * @description Support grants credit with a reason within per-agent daily and monthly quotas; above a threshold a manager approves or rejects within 24 h; the customer is emailed.
       * @default {}
       */
      config: {
        /** @default 50000 */
        agentDailyQuota: number;
        /** @default 500000 */
        agentMonthlyQuota: number;
        /** @default 20000 */
        approvalThreshold: number;
        /** @default 24 */
        approvalTimeoutHours: number;
        /** @default 100000 */
        maxAmount: number;
        /** @default 90 */
        validityDays: number;
      };
    };
    /** @description Expiry reminders and expiry sweep (过期提醒) */
    Create_expiryReminderJourney_Campaign: {
      /**
       * @description Your id for the campaign; generated when absent.
       * @example c-42
       */
      campaignId?: string;
      name: string;
      /**
       * @description Hard cap of credit this campaign may grant (minor units).
       * @example 5000
       */
      budget: number;
      /** @description A/B test (seed 000: 面额、门槛和文案): each customer is assigned one variant, deterministically (SHA-256 of campaignId:customerId modulo the total weight), and their journey starts with that variant’s config. */
      variants?: {
        /** @example control */
        name: string;
        /** @description Share of customers (default 1). */
        weight?: number;
        /** @description Partial override of `config` (objects merge key by key); the merge must pass the schema. */
        config?: {
          [key: string]: unknown;
        };
      }[];
      /**
       * @description Among launched campaigns of this group at most one pays a given customer: the first grant wins; a journey of another campaign of the group then ends with the outcome `excluded` (a refusal, not a failure).
       * @example referral-2026
       */
      exclusivityGroup?: string;
      /** @description Within the exclusivity group (default 0): when one event starts journeys of several campaigns of the group, only the highest-priority one pays; the others end `excluded`. */
      priority?: number;
      /**
       * Format: date-time
       * @description The campaign launches itself at this instant (a draft only; a start in the past launches it at once). null clears it.
       * @example 2026-12-24T09:00:00+08:00
       */
      startsAt?: string | null;
      /**
       * Format: date-time
       * @description The campaign ends itself at this instant: after startsAt, not in the past. null clears it.
       * @example 2027-01-03T23:59:59+08:00
       */
      endsAt?: string | null;
      /**
       * @description IANA time zone the schedule is shown in (e.g. Asia/Shanghai); refused with 422 if unknown.
       * @example Asia/Shanghai
       */
      timezone?: string | null;
      /**
       * @description A segment id (POST /v1/segments): only its members enter this campaign’s journeys (checked when an event would start one, and the filter of every enrolment). 422 unknown-segment when there is no such segment.
       * @example seg_0123456789abcdef
       */
      audience?: string;
      /** @description Flow campaigns with an audience: at launch a campaign-level workflow pages through the audience and starts each member’s journey (the same journey an event would start). Progress: GET /v1/campaigns/{id}/enrolment. */
      enrolExisting?: boolean;
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      journeyType: 'expiry-reminder';
      /**
       * @description One run per campaign: reminds each customer N days before each of their lots expires and moves expired lots to breakage.
       * @default {}
       */
      config: {
        /** @default 7 */
        remindDaysBefore: number;
        /** @default 24 */
        sweepEveryHours: number;
        /** @default true */
        expireDueLots: boolean;
        /** @default [] */
        campaignIds: string[];
        /** @default 30 */
        sweepsPerRun: number;
      };
    };
    /** @description Member tiers & tier rebate (多层级会员体系: 普通/银卡/金卡/钻石, 返利 1/2/3 %) */
    Create_memberTierJourney_Campaign: {
      /**
       * @description Your id for the campaign; generated when absent.
       * @example c-42
       */
      campaignId?: string;
      name: string;
      /**
       * @description Hard cap of credit this campaign may grant (minor units).
       * @example 5000
       */
      budget: number;
      /** @description A/B test (seed 000: 面额、门槛和文案): each customer is assigned one variant, deterministically (SHA-256 of campaignId:customerId modulo the total weight), and their journey starts with that variant’s config. */
      variants?: {
        /** @example control */
        name: string;
        /** @description Share of customers (default 1). */
        weight?: number;
        /** @description Partial override of `config` (objects merge key by key); the merge must pass the schema. */
        config?: {
          [key: string]: unknown;
        };
      }[];
      /**
       * @description Among launched campaigns of this group at most one pays a given customer: the first grant wins; a journey of another campaign of the group then ends with the outcome `excluded` (a refusal, not a failure).
       * @example referral-2026
       */
      exclusivityGroup?: string;
      /** @description Within the exclusivity group (default 0): when one event starts journeys of several campaigns of the group, only the highest-priority one pays; the others end `excluded`. */
      priority?: number;
      /**
       * Format: date-time
       * @description The campaign launches itself at this instant (a draft only; a start in the past launches it at once). null clears it.
       * @example 2026-12-24T09:00:00+08:00
       */
      startsAt?: string | null;
      /**
       * Format: date-time
       * @description The campaign ends itself at this instant: after startsAt, not in the past. null clears it.
       * @example 2027-01-03T23:59:59+08:00
       */
      endsAt?: string | null;
      /**
       * @description IANA time zone the schedule is shown in (e.g. Asia/Shanghai); refused with 422 if unknown.
       * @example Asia/Shanghai
       */
      timezone?: string | null;
      /**
       * @description A segment id (POST /v1/segments): only its members enter this campaign’s journeys (checked when an event would start one, and the filter of every enrolment). 422 unknown-segment when there is no such segment.
       * @example seg_0123456789abcdef
       */
      audience?: string;
      /** @description Flow campaigns with an audience: at launch a campaign-level workflow pages through the audience and starts each member’s journey (the same journey an event would start). Progress: GET /v1/campaigns/{id}/enrolment. */
      enrolExisting?: boolean;
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      journeyType: 'member-tier';
      /**
       * @description Per customer, long-lived: the rolling 12-month spend sets the tier; an order reaching a higher tier upgrades at once, downgrades wait for the periodic review; every change is stored and emailed. Each order earns the tier’s rebate as credit once its refund window has passed without a refund.
       * @default {}
       */
      config: {
        /**
         * @default {
         *       "silver": 500000,
         *       "gold": 2000000,
         *       "diamond": 5000000
         *     }
         */
        thresholds: {
          /** @default 500000 */
          silver: number;
          /** @default 2000000 */
          gold: number;
          /** @default 5000000 */
          diamond: number;
        };
        /**
         * @default {
         *       "standard": 100,
         *       "silver": 200,
         *       "gold": 300,
         *       "diamond": 300
         *     }
         */
        rebateBp: {
          /** @default 100 */
          standard: number;
          /** @default 200 */
          silver: number;
          /** @default 300 */
          gold: number;
          /** @default 300 */
          diamond: number;
        };
        /** @default 365 */
        spendWindowDays: number;
        /** @default 90 */
        reviewEveryDays: number;
        /**
         * @default {
         *       "refundWindowDays": 7,
         *       "validityDays": 180,
         *       "scope": {
         *         "type": "all"
         *       },
         *       "stacking": "stackable"
         *     }
         */
        credit: {
          /** @default 7 */
          refundWindowDays: number;
          /** @default 180 */
          validityDays: number;
          /**
           * @default {
           *       "type": "all"
           *     }
           */
          scope:
            | {
                /** @enum {string} */
                type: 'all';
              }
            | {
                /** @enum {string} */
                type: 'categories';
                categories: string[];
              };
          /**
           * @default stackable
           * @enum {string}
           */
          stacking: 'stackable' | 'exclusive';
        };
        /** @default 200 */
        eventsPerRun: number;
      };
    };
    /** @description In-sale tiered rebate (售中阶梯式权益激励: 满1万返3%, 满3万返5%, 满5万返8%) */
    Create_inSaleRebateJourney_Campaign: {
      /**
       * @description Your id for the campaign; generated when absent.
       * @example c-42
       */
      campaignId?: string;
      name: string;
      /**
       * @description Hard cap of credit this campaign may grant (minor units).
       * @example 5000
       */
      budget: number;
      /** @description A/B test (seed 000: 面额、门槛和文案): each customer is assigned one variant, deterministically (SHA-256 of campaignId:customerId modulo the total weight), and their journey starts with that variant’s config. */
      variants?: {
        /** @example control */
        name: string;
        /** @description Share of customers (default 1). */
        weight?: number;
        /** @description Partial override of `config` (objects merge key by key); the merge must pass the schema. */
        config?: {
          [key: string]: unknown;
        };
      }[];
      /**
       * @description Among launched campaigns of this group at most one pays a given customer: the first grant wins; a journey of another campaign of the group then ends with the outcome `excluded` (a refusal, not a failure).
       * @example referral-2026
       */
      exclusivityGroup?: string;
      /** @description Within the exclusivity group (default 0): when one event starts journeys of several campaigns of the group, only the highest-priority one pays; the others end `excluded`. */
      priority?: number;
      /**
       * Format: date-time
       * @description The campaign launches itself at this instant (a draft only; a start in the past launches it at once). null clears it.
       * @example 2026-12-24T09:00:00+08:00
       */
      startsAt?: string | null;
      /**
       * Format: date-time
       * @description The campaign ends itself at this instant: after startsAt, not in the past. null clears it.
       * @example 2027-01-03T23:59:59+08:00
       */
      endsAt?: string | null;
      /**
       * @description IANA time zone the schedule is shown in (e.g. Asia/Shanghai); refused with 422 if unknown.
       * @example Asia/Shanghai
       */
      timezone?: string | null;
      /**
       * @description A segment id (POST /v1/segments): only its members enter this campaign’s journeys (checked when an event would start one, and the filter of every enrolment). 422 unknown-segment when there is no such segment.
       * @example seg_0123456789abcdef
       */
      audience?: string;
      /** @description Flow campaigns with an audience: at launch a campaign-level workflow pages through the audience and starts each member’s journey (the same journey an event would start). Progress: GET /v1/campaigns/{id}/enrolment. */
      enrolExisting?: boolean;
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      journeyType: 'in-sale-rebate';
      /**
       * @description Per customer, long-lived: every order reaching a tier earns that tier’s percentage back as rebate credit, granted once the order’s refund window has passed; a refund within the window cancels it.
       * @default {}
       */
      config: {
        /**
         * @default [
         *       {
         *         "minAmount": 1000000,
         *         "rateBp": 300
         *       },
         *       {
         *         "minAmount": 3000000,
         *         "rateBp": 500
         *       },
         *       {
         *         "minAmount": 5000000,
         *         "rateBp": 800
         *       }
         *     ]
         */
        tiers: {
          minAmount: number;
          rateBp: number;
        }[];
        /**
         * @default {
         *       "refundWindowDays": 7,
         *       "validityDays": 180,
         *       "scope": {
         *         "type": "all"
         *       },
         *       "stacking": "stackable"
         *     }
         */
        credit: {
          /** @default 7 */
          refundWindowDays: number;
          /** @default 180 */
          validityDays: number;
          /**
           * @default {
           *       "type": "all"
           *     }
           */
          scope:
            | {
                /** @enum {string} */
                type: 'all';
              }
            | {
                /** @enum {string} */
                type: 'categories';
                categories: string[];
              };
          /**
           * @default stackable
           * @enum {string}
           */
          stacking: 'stackable' | 'exclusive';
        };
        /** @default 200 */
        eventsPerRun: number;
      };
    };
    /** @description Prepayment bonus (预付优惠: 闪电付款权益金) */
    Create_prepaymentBonusJourney_Campaign: {
      /**
       * @description Your id for the campaign; generated when absent.
       * @example c-42
       */
      campaignId?: string;
      name: string;
      /**
       * @description Hard cap of credit this campaign may grant (minor units).
       * @example 5000
       */
      budget: number;
      /** @description A/B test (seed 000: 面额、门槛和文案): each customer is assigned one variant, deterministically (SHA-256 of campaignId:customerId modulo the total weight), and their journey starts with that variant’s config. */
      variants?: {
        /** @example control */
        name: string;
        /** @description Share of customers (default 1). */
        weight?: number;
        /** @description Partial override of `config` (objects merge key by key); the merge must pass the schema. */
        config?: {
          [key: string]: unknown;
        };
      }[];
      /**
       * @description Among launched campaigns of this group at most one pays a given customer: the first grant wins; a journey of another campaign of the group then ends with the outcome `excluded` (a refusal, not a failure).
       * @example referral-2026
       */
      exclusivityGroup?: string;
      /** @description Within the exclusivity group (default 0): when one event starts journeys of several campaigns of the group, only the highest-priority one pays; the others end `excluded`. */
      priority?: number;
      /**
       * Format: date-time
       * @description The campaign launches itself at this instant (a draft only; a start in the past launches it at once). null clears it.
       * @example 2026-12-24T09:00:00+08:00
       */
      startsAt?: string | null;
      /**
       * Format: date-time
       * @description The campaign ends itself at this instant: after startsAt, not in the past. null clears it.
       * @example 2027-01-03T23:59:59+08:00
       */
      endsAt?: string | null;
      /**
       * @description IANA time zone the schedule is shown in (e.g. Asia/Shanghai); refused with 422 if unknown.
       * @example Asia/Shanghai
       */
      timezone?: string | null;
      /**
       * @description A segment id (POST /v1/segments): only its members enter this campaign’s journeys (checked when an event would start one, and the filter of every enrolment). 422 unknown-segment when there is no such segment.
       * @example seg_0123456789abcdef
       */
      audience?: string;
      /** @description Flow campaigns with an audience: at launch a campaign-level workflow pages through the audience and starts each member’s journey (the same journey an event would start). Progress: GET /v1/campaigns/{id}/enrolment. */
      enrolExisting?: boolean;
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      journeyType: 'prepayment-bonus';
      /**
       * @description Per customer, long-lived: an order flagged as prepaid (a marker category, optionally a minimum amount) earns a percentage of its amount as credit at once; a refund of that order takes back what is left of the bonus.
       * @default {}
       */
      config: {
        /** @default prepayment */
        markerCategory: string | null;
        /** @default 0 */
        minAmount: number;
        /** @default 200 */
        bonusBp: number;
        /** @default 0 */
        maxBonus: number;
        /** @default 90 */
        validityDays: number;
        /**
         * @default {
         *       "type": "all"
         *     }
         */
        scope:
          | {
              /** @enum {string} */
              type: 'all';
            }
          | {
              /** @enum {string} */
              type: 'categories';
              categories: string[];
            };
        /**
         * @default stackable
         * @enum {string}
         */
        stacking: 'stackable' | 'exclusive';
        /** @default 200 */
        eventsPerRun: number;
      };
    };
    /** @description Loyalty points (积分: 多倍积分, 单日上限, 到期预警, 争议复核) */
    Create_pointsJourney_Campaign: {
      /**
       * @description Your id for the campaign; generated when absent.
       * @example c-42
       */
      campaignId?: string;
      name: string;
      /**
       * @description Hard cap of credit this campaign may grant (minor units).
       * @example 5000
       */
      budget: number;
      /** @description A/B test (seed 000: 面额、门槛和文案): each customer is assigned one variant, deterministically (SHA-256 of campaignId:customerId modulo the total weight), and their journey starts with that variant’s config. */
      variants?: {
        /** @example control */
        name: string;
        /** @description Share of customers (default 1). */
        weight?: number;
        /** @description Partial override of `config` (objects merge key by key); the merge must pass the schema. */
        config?: {
          [key: string]: unknown;
        };
      }[];
      /**
       * @description Among launched campaigns of this group at most one pays a given customer: the first grant wins; a journey of another campaign of the group then ends with the outcome `excluded` (a refusal, not a failure).
       * @example referral-2026
       */
      exclusivityGroup?: string;
      /** @description Within the exclusivity group (default 0): when one event starts journeys of several campaigns of the group, only the highest-priority one pays; the others end `excluded`. */
      priority?: number;
      /**
       * Format: date-time
       * @description The campaign launches itself at this instant (a draft only; a start in the past launches it at once). null clears it.
       * @example 2026-12-24T09:00:00+08:00
       */
      startsAt?: string | null;
      /**
       * Format: date-time
       * @description The campaign ends itself at this instant: after startsAt, not in the past. null clears it.
       * @example 2027-01-03T23:59:59+08:00
       */
      endsAt?: string | null;
      /**
       * @description IANA time zone the schedule is shown in (e.g. Asia/Shanghai); refused with 422 if unknown.
       * @example Asia/Shanghai
       */
      timezone?: string | null;
      /**
       * @description A segment id (POST /v1/segments): only its members enter this campaign’s journeys (checked when an event would start one, and the filter of every enrolment). 422 unknown-segment when there is no such segment.
       * @example seg_0123456789abcdef
       */
      audience?: string;
      /** @description Flow campaigns with an audience: at launch a campaign-level workflow pages through the audience and starts each member’s journey (the same journey an event would start). Progress: GET /v1/campaigns/{id}/enrolment. */
      enrolExisting?: boolean;
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      journeyType: 'points';
      /**
       * @description Per customer, long-lived: orders earn points (1 per currency unit × category multiplier, daily cap, order id as unique transaction id), refunds take them back, points expire a year after earning with a warning 30 days ahead. Disputes are re-checked by support within 48 hours; rewards are redeemed from a catalog with stock.
       * @default {}
       */
      config: {
        /** @default 1 */
        pointsPerUnit: number;
        /** @default 100 */
        minorPerMajor: number;
        /** @default {} */
        categoryMultipliers: {
          [key: string]: number;
        };
        multipliers?: {
          /** @default [] */
          windows: {
            name: string;
            multiplier: number;
            weekdays?: ('mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun')[];
            /**
             * Format: date
             * @description A calendar date (YYYY-MM-DD) in the campaign time zone.
             */
            from?: string;
            /**
             * Format: date
             * @description A calendar date (YYYY-MM-DD) in the campaign time zone.
             */
            to?: string;
          }[];
          /** @default {} */
          tiers: {
            standard?: number;
            silver?: number;
            gold?: number;
            diamond?: number;
          };
          /** @default 10 */
          maxMultiplier: number;
        };
        /** @default 10000 */
        dailyCap: number;
        /** @default 365 */
        validityDays: number;
        expiry?: {
          /**
           * @default whole
           * @enum {string}
           */
          mode: 'whole' | 'partial';
          percent?: number;
        };
        charities?: {
          charityId: string;
          name: string;
        }[];
        /** @default 30 */
        expiryWarningDays: number;
        /** @default 48 */
        disputeReviewHours: number;
        pointsBudget?: number;
        /** @default 200 */
        eventsPerRun: number;
      };
    };
    /** @description Flow: a journey graph defined as data */
    Create_flowJourney_Campaign: {
      /**
       * @description Your id for the campaign; generated when absent.
       * @example c-42
       */
      campaignId?: string;
      name: string;
      /**
       * @description Hard cap of credit this campaign may grant (minor units).
       * @example 5000
       */
      budget: number;
      /** @description A/B test (seed 000: 面额、门槛和文案): each customer is assigned one variant, deterministically (SHA-256 of campaignId:customerId modulo the total weight), and their journey starts with that variant’s config. */
      variants?: {
        /** @example control */
        name: string;
        /** @description Share of customers (default 1). */
        weight?: number;
        /** @description Partial override of `config` (objects merge key by key); the merge must pass the schema. */
        config?: {
          [key: string]: unknown;
        };
      }[];
      /**
       * @description Among launched campaigns of this group at most one pays a given customer: the first grant wins; a journey of another campaign of the group then ends with the outcome `excluded` (a refusal, not a failure).
       * @example referral-2026
       */
      exclusivityGroup?: string;
      /** @description Within the exclusivity group (default 0): when one event starts journeys of several campaigns of the group, only the highest-priority one pays; the others end `excluded`. */
      priority?: number;
      /**
       * Format: date-time
       * @description The campaign launches itself at this instant (a draft only; a start in the past launches it at once). null clears it.
       * @example 2026-12-24T09:00:00+08:00
       */
      startsAt?: string | null;
      /**
       * Format: date-time
       * @description The campaign ends itself at this instant: after startsAt, not in the past. null clears it.
       * @example 2027-01-03T23:59:59+08:00
       */
      endsAt?: string | null;
      /**
       * @description IANA time zone the schedule is shown in (e.g. Asia/Shanghai); refused with 422 if unknown.
       * @example Asia/Shanghai
       */
      timezone?: string | null;
      /**
       * @description A segment id (POST /v1/segments): only its members enter this campaign’s journeys (checked when an event would start one, and the filter of every enrolment). 422 unknown-segment when there is no such segment.
       * @example seg_0123456789abcdef
       */
      audience?: string;
      /** @description Flow campaigns with an audience: at launch a campaign-level workflow pages through the audience and starts each member’s journey (the same journey an event would start). Progress: GET /v1/campaigns/{id}/enrolment. */
      enrolExisting?: boolean;
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      journeyType: 'flow';
      /**
       * @description Runs the journey graph in config.definition: an entry event (built-in or custom, with a filter), waits, wait-for-event with a timeout, conditions on the event and the customer, weighted splits with a holdout, credit grants, emails with the campaign’s own copy, support tasks, exits, and journey-wide exit rules.
       * @default {}
       */
      config: {
        definition: {
          /**
           * @default 1
           * @enum {number}
           */
          version: 1;
          nodes: (
            | {
                /** @example grant-credit */
                id: string;
                /** @enum {string} */
                type: 'entry';
                on?: {
                  /** @enum {string} */
                  type:
                    | 'signed_up'
                    | 'order_placed'
                    | 'order_refunded'
                    | 'active'
                    | 'review_submitted'
                    | 'custom';
                  /** @example webinar_attended */
                  name?: string;
                  /** @default [] */
                  where: (
                    | {
                        field: string;
                        /** @enum {string} */
                        op: 'eq' | 'ne';
                        value: string | number | boolean;
                      }
                    | {
                        field: string;
                        /** @enum {string} */
                        op: 'gt' | 'gte' | 'lt' | 'lte';
                        value: number;
                      }
                    | {
                        field: string;
                        /** @enum {string} */
                        op: 'in';
                        value: (string | number | boolean)[];
                      }
                    | {
                        field: string;
                        /** @enum {string} */
                        op: 'exists';
                      }
                  )[];
                };
                date?: {
                  /** @example birthday */
                  attribute: string;
                  /** @default 0 */
                  offsetDays: number;
                  /**
                   * @default 09:00
                   * @example 09:00
                   */
                  time: string;
                };
                calendar?: {
                  monthlyDay?: number;
                  /** @enum {string} */
                  weekday?:
                    'sunday' | 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday';
                  weekdays?: (
                    'sunday' | 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday'
                  )[];
                  dates?: string[];
                  /**
                   * @default 09:00
                   * @example 09:00
                   */
                  time: string;
                  everyone?: boolean;
                };
                /** @example grant-credit */
                next: string;
              }
            | {
                /** @example grant-credit */
                id: string;
                /** @enum {string} */
                type: 'wait';
                for?: {
                  days?: number;
                  hours?: number;
                  minutes?: number;
                };
                /** Format: date-time */
                until?: string;
                at?: {
                  /** @example 10:00 */
                  time: string;
                  /**
                   * @default UTC
                   * @example Asia/Shanghai
                   */
                  timezone: string;
                };
                /** @example grant-credit */
                next: string;
              }
            | {
                /** @example grant-credit */
                id: string;
                /** @enum {string} */
                type: 'waitFor';
                on: {
                  /** @enum {string} */
                  type:
                    | 'signed_up'
                    | 'order_placed'
                    | 'order_refunded'
                    | 'active'
                    | 'review_submitted'
                    | 'custom';
                  /** @example webinar_attended */
                  name?: string;
                  /** @default [] */
                  where: (
                    | {
                        field: string;
                        /** @enum {string} */
                        op: 'eq' | 'ne';
                        value: string | number | boolean;
                      }
                    | {
                        field: string;
                        /** @enum {string} */
                        op: 'gt' | 'gte' | 'lt' | 'lte';
                        value: number;
                      }
                    | {
                        field: string;
                        /** @enum {string} */
                        op: 'in';
                        value: (string | number | boolean)[];
                      }
                    | {
                        field: string;
                        /** @enum {string} */
                        op: 'exists';
                      }
                  )[];
                };
                timeout: {
                  days?: number;
                  hours?: number;
                  minutes?: number;
                };
                /** @example grant-credit */
                onEvent: string;
                /** @example grant-credit */
                onTimeout: string;
              }
            | {
                /** @example grant-credit */
                id: string;
                /** @enum {string} */
                type: 'condition';
                branches: {
                  when: (
                    | {
                        /** @enum {string} */
                        on: 'event';
                        field: string;
                        /** @enum {string} */
                        op: 'eq' | 'ne';
                        value: string | number | boolean;
                      }
                    | {
                        /** @enum {string} */
                        on: 'event';
                        field: string;
                        /** @enum {string} */
                        op: 'gt' | 'gte' | 'lt' | 'lte';
                        value: number;
                      }
                    | {
                        /** @enum {string} */
                        on: 'event';
                        field: string;
                        /** @enum {string} */
                        op: 'in';
                        value: (string | number | boolean)[];
                      }
                    | {
                        /** @enum {string} */
                        on: 'event';
                        field: string;
                        /** @enum {string} */
                        op: 'exists';
                      }
                    | {
                        /** @enum {string} */
                        on: 'fact';
                        /** @enum {string} */
                        fact:
                          | 'orderCount'
                          | 'totalSpent'
                          | 'walletBalance'
                          | 'daysSinceLastOrder'
                          | 'locale'
                          | 'sharedIdentityAccounts'
                          | 'tier'
                          | 'pointsBalance'
                          | 'referralsPaid'
                          | 'referrer';
                        /** @enum {string} */
                        op: 'eq' | 'ne';
                        value: string | number | boolean;
                      }
                    | {
                        /** @enum {string} */
                        on: 'fact';
                        /** @enum {string} */
                        fact:
                          | 'orderCount'
                          | 'totalSpent'
                          | 'walletBalance'
                          | 'daysSinceLastOrder'
                          | 'locale'
                          | 'sharedIdentityAccounts'
                          | 'tier'
                          | 'pointsBalance'
                          | 'referralsPaid'
                          | 'referrer';
                        /** @enum {string} */
                        op: 'gt' | 'gte' | 'lt' | 'lte';
                        value: number;
                      }
                    | {
                        /** @enum {string} */
                        on: 'fact';
                        /** @enum {string} */
                        fact:
                          | 'orderCount'
                          | 'totalSpent'
                          | 'walletBalance'
                          | 'daysSinceLastOrder'
                          | 'locale'
                          | 'sharedIdentityAccounts'
                          | 'tier'
                          | 'pointsBalance'
                          | 'referralsPaid'
                          | 'referrer';
                        /** @enum {string} */
                        op: 'in';
                        value: (string | number | boolean)[];
                      }
                    | {
                        /** @enum {string} */
                        on: 'fact';
                        /** @enum {string} */
                        fact:
                          | 'orderCount'
                          | 'totalSpent'
                          | 'walletBalance'
                          | 'daysSinceLastOrder'
                          | 'locale'
                          | 'sharedIdentityAccounts'
                          | 'tier'
                          | 'pointsBalance'
                          | 'referralsPaid'
                          | 'referrer';
                        /** @enum {string} */
                        op: 'exists';
                      }
                    | {
                        /** @enum {string} */
                        on: 'segment';
                        segmentId?: string;
                        /** @description A segment filter tree (as POST /v1/segments takes), tested inline. */
                        filter?: {
                          [key: string]: unknown;
                        };
                        /** @default true */
                        member: boolean;
                      }
                  )[];
                  /** @example grant-credit */
                  next: string;
                }[];
                /** @example grant-credit */
                otherwise: string;
              }
            | {
                /** @example grant-credit */
                id: string;
                /** @enum {string} */
                type: 'split';
                cohorts: {
                  name: string;
                  weight: number;
                  /** @default false */
                  holdout: boolean;
                  /** @example grant-credit */
                  next: string;
                }[];
              }
            | {
                /** @example grant-credit */
                id: string;
                /** @enum {string} */
                type: 'grantCredit';
                amount:
                  | {
                      fixed: number;
                    }
                  | {
                      rateOf: {
                        field: string;
                        basisPoints: number;
                        cap: number;
                      };
                    }
                  | {
                      byTier: {
                        none?: number;
                        standard?: number;
                        silver?: number;
                        gold?: number;
                        diamond?: number;
                      };
                    };
                /**
                 * @default cash
                 * @enum {string}
                 */
                kind: 'cash' | 'threshold' | 'rebate' | 'percent' | 'shipping' | 'gift';
                minOrderAmount?: number;
                percentBp?: number;
                /** @example c-42 */
                giftSku?: string;
                validityDays: number;
                /**
                 * @default {
                 *       "type": "all"
                 *     }
                 */
                scope:
                  | {
                      /** @enum {string} */
                      type: 'all';
                    }
                  | {
                      /** @enum {string} */
                      type: 'categories';
                      categories: string[];
                    };
                /**
                 * @default stackable
                 * @enum {string}
                 */
                stacking: 'stackable' | 'exclusive';
                /** @example grant-credit */
                next: string;
                /** @example grant-credit */
                onRefused?: string;
                /**
                 * @default customer
                 * @enum {string}
                 */
                recipient: 'customer' | 'referrer';
                email?: {
                  subject: {
                    'zh-CN': string;
                    en: string;
                  };
                  body: {
                    'zh-CN': string;
                    en: string;
                  };
                };
              }
            | {
                /** @example grant-credit */
                id: string;
                /** @enum {string} */
                type: 'sendEmail';
                subject: {
                  'zh-CN': string;
                  en: string;
                };
                body: {
                  'zh-CN': string;
                  en: string;
                };
                /** @example grant-credit */
                next: string;
              }
            | {
                /** @example grant-credit */
                id: string;
                /** @enum {string} */
                type: 'createTask';
                /** @enum {string} */
                kind: 'callback' | 'gift-fulfilment' | 'flow-approval';
                title: string;
                dueIn?: {
                  days?: number;
                  hours?: number;
                  minutes?: number;
                };
                waitForClose?: {
                  timeout: {
                    days?: number;
                    hours?: number;
                    minutes?: number;
                  };
                  /** @example grant-credit */
                  onTimeout: string;
                  /** @example grant-credit */
                  onCancelled?: string;
                };
                /** @example grant-credit */
                next: string;
              }
            | {
                /** @example grant-credit */
                id: string;
                /** @enum {string} */
                type: 'exit';
                outcome: string;
                /**
                 * @default completed
                 * @enum {string}
                 */
                status: 'completed' | 'cancelled' | 'refused';
              }
            | {
                /** @example grant-credit */
                id: string;
                /** @enum {string} */
                type: 'awardPoints';
                points:
                  | {
                      fixed: number;
                    }
                  | {
                      rateOf: {
                        field: string;
                        basisPoints: number;
                        cap: number;
                      };
                    };
                validityDays?: number;
                /** @example grant-credit */
                next: string;
              }
            | {
                /** @example grant-credit */
                id: string;
                /** @enum {string} */
                type: 'setAttribute';
                /** @example preferredStore */
                attribute: string;
                value?: string | number | boolean | string[];
                addTag?: string;
                /** @example grant-credit */
                next: string;
              }
            | {
                /** @example grant-credit */
                id: string;
                /** @enum {string} */
                type: 'limit';
                counter: string;
                max: number;
                per?: {
                  field: string;
                };
                amount?: {
                  field: string;
                };
                /**
                 * @default journey
                 * @enum {string}
                 */
                countOnce: 'journey' | 'customer' | 'referrer';
                /** @example grant-credit */
                next: string;
                /** @example grant-credit */
                onReached: string;
              }
          )[];
          /** @default [] */
          exitOn: {
            on: {
              /** @enum {string} */
              type:
                'signed_up' | 'order_placed' | 'order_refunded' | 'active' | 'review_submitted' | 'custom';
              /** @example webinar_attended */
              name?: string;
              /** @default [] */
              where: (
                | {
                    field: string;
                    /** @enum {string} */
                    op: 'eq' | 'ne';
                    value: string | number | boolean;
                  }
                | {
                    field: string;
                    /** @enum {string} */
                    op: 'gt' | 'gte' | 'lt' | 'lte';
                    value: number;
                  }
                | {
                    field: string;
                    /** @enum {string} */
                    op: 'in';
                    value: (string | number | boolean)[];
                  }
                | {
                    field: string;
                    /** @enum {string} */
                    op: 'exists';
                  }
              )[];
            };
            outcome: string;
          }[];
          reentry?:
            | {
                /** @enum {string} */
                mode: 'once';
              }
            | {
                /** @enum {string} */
                mode: 'after';
                days: number;
                maxEntries?: number;
              }
            | {
                /** @enum {string} */
                mode: 'unlimited';
                maxEntries?: number;
              };
          emailCap?: {
            max: number;
            perDays: number;
          };
          /** @description Canvas positions of the nodes by id (the editor’s; the journey ignores them). */
          layout?: {
            positions: {
              [key: string]: {
                x: number;
                y: number;
              };
            };
          };
        };
      };
    };
    EventAccepted: {
      eventId: string;
      /** @description The event id was seen before (delivered again, harmlessly). */
      duplicate: boolean;
      /** @description Credit returned to the customer’s wallet for a refunded order (a lot clawed back meanwhile returns its share to the campaign budget instead: not counted). */
      creditRestored: number;
      deliveries: {
        campaignId: string;
        journeyType: string;
        /** @enum {string} */
        delivery: 'delivered' | 'signalled' | 'already-finished' | 'not-running' | 'not-applicable';
        /**
         * Format: date
         * @description For a date or calendar entry’s journey: the occurrence (local date) it belongs to; every open one hears the event.
         */
        occurrence?: string;
      }[];
    };
    CustomerEvent:
      | {
          /** @example c-42 */
          eventId: string;
          /** @example c-42 */
          customerId: string;
          /**
           * Format: date-time
           * @description When it happened (default: when received). At most 400 days in the past and 1 day in the future of the API's clock; outside that the event is refused with 422.
           */
          occurredAt?: string;
          /** @enum {string} */
          type: 'signed_up';
          /** Format: email */
          email: string;
          /**
           * @default zh-CN
           * @enum {string}
           */
          locale: 'zh-CN' | 'en';
          phone?: string;
          deviceId?: string;
          paymentFingerprint?: string;
          referralCode?: string;
        }
      | {
          /** @example c-42 */
          eventId: string;
          /** @example c-42 */
          customerId: string;
          /**
           * Format: date-time
           * @description When it happened (default: when received). At most 400 days in the past and 1 day in the future of the API's clock; outside that the event is refused with 422.
           */
          occurredAt?: string;
          /** @enum {string} */
          type: 'order_placed';
          /** @example c-42 */
          orderId: string;
          amount: number;
          /** @default [] */
          categories: string[];
          paymentFingerprint?: string;
        }
      | {
          /** @example c-42 */
          eventId: string;
          /** @example c-42 */
          customerId: string;
          /**
           * Format: date-time
           * @description When it happened (default: when received). At most 400 days in the past and 1 day in the future of the API's clock; outside that the event is refused with 422.
           */
          occurredAt?: string;
          /** @enum {string} */
          type: 'order_refunded';
          /** @example c-42 */
          orderId: string;
          /** @description How much of the order this refund covers, in the terms of the order amount at checkout: that share of the cash and rebate credit redeemed on it comes back (coupons with the refund completing the order). Left out: the rest of the order. */
          amount?: number;
        }
      | {
          /** @example c-42 */
          eventId: string;
          /** @example c-42 */
          customerId: string;
          /**
           * Format: date-time
           * @description When it happened (default: when received). At most 400 days in the past and 1 day in the future of the API's clock; outside that the event is refused with 422.
           */
          occurredAt?: string;
          /** @enum {string} */
          type: 'active';
          /** @default visit */
          activity: string;
        }
      | {
          /** @example c-42 */
          eventId: string;
          /** @example c-42 */
          customerId: string;
          /**
           * Format: date-time
           * @description When it happened (default: when received). At most 400 days in the past and 1 day in the future of the API's clock; outside that the event is refused with 422.
           */
          occurredAt?: string;
          /** @enum {string} */
          type: 'review_submitted';
          /** @example c-42 */
          orderId?: string;
          rating: number;
        }
      | {
          /** @example c-42 */
          eventId: string;
          /** @example c-42 */
          customerId: string;
          /**
           * Format: date-time
           * @description When it happened (default: when received). At most 400 days in the past and 1 day in the future of the API's clock; outside that the event is refused with 422.
           */
          occurredAt?: string;
          /** @enum {string} */
          type: 'custom';
          /** @example webinar_attended */
          name: string;
          /** @default {} */
          properties: {
            [key: string]: string | number | boolean | null | (string | number | boolean)[];
          };
        };
    EventType: {
      name: string;
      description: string | null;
      propertiesSchema: {
        [key: string]: unknown;
      };
      declaredBy: string | null;
      createdAt: string;
      updatedAt: string;
    };
    CompensationAccepted: {
      requestId: string;
      campaignId: string;
      workflowId: string;
      /** @enum {string} */
      status: 'submitted';
    };
    CompensationRequest: {
      /** @example c-42 */
      customerId: string;
      /**
       * @description Integer minor units of the ledger currency (5000 = 50.00), at least 1.
       * @example 5000
       */
      amount: number;
      /** @example parcel arrived damaged */
      reason: string;
      /**
       * @description The compensation campaign; the only launched one if absent.
       * @example c-42
       */
      campaignId?: string;
    };
    CompensationQuota: {
      campaignId: string;
      /** @description The calling API key: quotas are per agent. */
      agentId: string;
      asOf: string;
      dailyQuota: number;
      monthlyQuota: number;
      usedToday: number;
      usedThisMonth: number;
      /** @description The most a request may grant now: what is left of the day, capped by what is left of the month. */
      remainingToday: number;
      remainingThisMonth: number;
      /** @description Requests above this wait for a manager’s approval. */
      approvalThreshold: number;
      maxAmount: number;
    };
    SupportTask: {
      taskId: number;
      customerId: string;
      kind: string;
      title: string;
      detail: {
        [key: string]: unknown;
      };
      status: string;
      assignee: string | null;
      dueAt: string | null;
      createdAt: string;
      closedBy: string | null;
      closedAt: string | null;
    };
    ApprovalDecision: {
      /** @enum {string} */
      decision: 'approve' | 'reject';
      note?: string;
    };
    Wallet: {
      customerId: string;
      currency: string;
      balance: number;
      byKind: {
        [key: string]: number;
      };
      lots: components['schemas']['CreditLot'][];
      expiringSoon: {
        lotId: string;
        /** @enum {string} */
        kind: 'cash' | 'threshold' | 'rebate' | 'percent' | 'shipping' | 'gift';
        remaining: number;
        original: number;
        expiresAt: string | null;
        scope?: unknown;
        stacking: string;
        minOrderAmount: number | null;
        /** @description Percent coupons: basis points off (1000 = 10 %); remaining is the most they take off. */
        percentBp: number | null;
        /** @description Gift items (赠品): the SKU one unit of which the lot pays for; remaining is the most it pays. */
        giftSku: string | null;
        campaignId: string;
        customerId?: string;
      }[];
      points: number;
    };
    CreditLot: {
      lotId: string;
      /** @enum {string} */
      kind: 'cash' | 'threshold' | 'rebate' | 'percent' | 'shipping' | 'gift';
      remaining: number;
      original: number;
      expiresAt: string | null;
      scope?: unknown;
      stacking: string;
      minOrderAmount: number | null;
      /** @description Percent coupons: basis points off (1000 = 10 %); remaining is the most they take off. */
      percentBp: number | null;
      /** @description Gift items (赠品): the SKU one unit of which the lot pays for; remaining is the most it pays. */
      giftSku: string | null;
      campaignId: string;
    };
    Redemption: {
      redemptionId?: string;
      committed: boolean;
      applied: {
        lotId: string;
        kind: string;
        amount: number;
        /** @description Threshold coupon value beyond the order. */
        forfeited?: number;
        /** @description Percent and shipping coupons: the unused cap, given back to the campaign budget. */
        released?: number;
        /** @description Orders with lines or shipping: what this lot paid for, by line index or shipping. */
        parts?: {
          line?: number;
          shipping?: boolean;
          amount: number;
        }[];
      }[];
      total: number;
      payable: number;
      /** @description Orders with lines: each line with the credit and discounts applied to it. */
      lines?: {
        line: number;
        category: string;
        amount: number;
        discount: number;
      }[];
      /** @description Orders with a shipping part: the credit applied to shipping. */
      shippingDiscount?: number;
      /** @description Points paying part of the order, their value (taken off payable) and the rate used. */
      points?: {
        points: number;
        value: number;
        rate: {
          points: number;
          minor: number;
        };
      };
      /** @description The codes named in the request, each with its lot and whether the plan used it. */
      codes?: {
        code: string;
        lotId: string;
        applied: boolean;
      }[];
    };
    RedemptionRequest: {
      /** @example c-42 */
      customerId: string;
      order: {
        /** @example c-42 */
        orderId: string;
        /**
         * @description Integer minor units of the ledger currency (5000 = 50.00), at least 1.
         * @example 5000
         */
        amount: number;
        /** @default [] */
        categories: string[];
        lines?: {
          category: string;
          /**
           * @description Integer minor units of the ledger currency (5000 = 50.00), at least 1.
           * @example 5000
           */
          amount: number;
          /**
           * @description The item: gift lots (赠品) pay for one unit of the SKU they name.
           * @example c-42
           */
          sku?: string;
          /** @description Units in the line (default 1); one unit costs amount / quantity, rounded down. */
          quantity?: number;
        }[];
        /** @description The shipping part of amount (outside the lines): what free-shipping coupons pay for; percent coupons never discount it. Lines and shipping together may not exceed amount (422). */
        shippingAmount?: number;
      };
      /** @default false */
      commit: boolean;
      /**
       * @description Integer minor units of the ledger currency (5000 = 50.00), at least 1.
       * @example 5000
       */
      maxAmount?: number;
      /** @description Promotion codes the shopper entered: each is claimed into the wallet first (as POST /v1/codes/{code}/claim; a code the customer already holds is not claimed again), also on a quote; its lot then applies with the stacking rules like any other. */
      codes?: string[];
      /**
       * @description Points to pay with, at the program rate (GET /v1/finance/points-terms), after all discounts and credit. A multiple of the rate step (a whole minor unit); at least minPoints; worth at most maxShareBp of the order amount and no more than credit left payable (422 points-below-minimum, points-above-maximum, insufficient-balance, invalid-input; nothing written). Also on a quote.
       * @example 500
       */
      points?: number;
    };
    PointsTerms: {
      /**
       * @description This many points …
       * @example 100
       */
      points: number;
      /** @description … are worth this many minor units (100 points = 1.00: points 100, minor 100). */
      minor: number;
      /**
       * @description Fewest points an order may spend.
       * @example 100
       */
      minPoints: number;
      /**
       * @description Most of an order amount points may pay, in basis points (5000 = 50 %).
       * @example 5000
       */
      maxShareBp: number;
    };
    JourneyState: {
      workflowId: string;
      journeyType: string;
      campaignId: string;
      customerId: string;
      status: string;
      step: string;
      nextWakeAt?: string;
      history: {
        at: string;
        step: string;
        note?: string;
      }[];
      outcome?: string;
      /** @description Why a `failed` journey failed: the step, a reason code (never a message) and what it gave back. */
      failure?: {
        activity?: string;
        afterStep: string;
        reason: string;
        released: string[];
        supportTaskId?: number;
        unfinished?: string[];
      };
      details: {
        [key: string]: unknown;
      };
    };
    JourneyTemplate: {
      id: string;
      number: number;
      title: string;
      description: string;
      seedPlan: string;
      /** @enum {string} */
      journeyType: 'flow';
      eventTypes: {
        name: string;
        description?: string;
        propertiesSchema: {
          [key: string]: unknown;
        };
      }[];
      /** @description The config of a flow campaign (POST /v1/campaigns). */
      config?: unknown;
      /** @description The audience the template is meant for: create it with POST /v1/segments ({name, filter}) and give its id as the campaign’s `audience` (with `enrolExisting` as given). */
      audience?: {
        name: string;
        filter?: unknown;
        enrolExisting: boolean;
      };
    };
    CampaignKpis: {
      campaignId: string;
      journeyType: string;
      currency: string;
      generatedAt: string;
      totals: components['schemas']['KpiMetrics'];
      /** @description Referral campaigns only. */
      referrals?: {
        referrals: number;
        /** @description Referrals not refused as ineligible. */
        valid: number;
        paid: number;
        /** @description 推荐→成交: paid / referrals. */
        conversion: string | null;
      };
      /** @description Campaigns that issued promotion codes only. */
      codes?: {
        issued: number;
        claimed: number;
        /** @description 领取率: codes claimed / codes issued. */
        claimRate: string | null;
      };
      /** @description Campaigns with A/B variants only. */
      abTest?: {
        /** @enum {string} */
        metric: 'customer-conversion';
        /** @enum {number} */
        confidence: 0.95;
        variants: {
          name: string;
          weight: number;
          customersAssigned: number;
          /** @description Customers assigned to the variant who converted (own a claimed lot of the campaign): the unit of randomisation is the customer, so this is the proportion the test compares. */
          conversion: {
            converted: number;
            assigned: number;
            rate: number | null;
            /** @description Wilson score interval. */
            ci95: {
              low: number;
              high: number;
            } | null;
          };
          metrics: components['schemas']['KpiMetrics'];
        }[];
        unassigned: components['schemas']['KpiMetrics'] | null;
        comparisons: {
          variant: string;
          /** @description The first declared variant. */
          baseline: string;
          difference: number | null;
          /** @description Newcombe hybrid score interval (from the Wilson intervals). */
          ci95: {
            low: number;
            high: number;
          } | null;
          significant: boolean | null;
        }[];
      };
    };
    KpiMetrics: {
      /** @description Distinct journey workflow ids with recorded steps for the campaign. */
      journeysStarted: number;
      /** @description Of those, journeys refused with the outcome `excluded`: another campaign of the exclusivity group pays the customer (a refusal, not a failure). */
      journeysExcluded: number;
      /** @description Distinct customers of those journeys. */
      customersReached: number;
      credits: {
        /** @description Credit lots the campaign granted (one grant = one lot). */
        lotsGranted: number;
        /** @description Their original amounts (minor units). */
        amountGranted: number;
        customersGranted: number;
        /** @description Lots claimed: a lot counts as claimed once any of it was redeemed on an order that was not refunded (its net redeemed amount is > 0). perkflow grants credit straight into the wallet, so the coupon-centre sense of 领取 (pressing “claim”) does not exist; using the credit is the customer’s first act on it. */
        lotsClaimed: number;
        /** @description Customers owning at least one claimed lot. */
        customersConverted: number;
        /** @description Credit applied to orders (gross, before refunds). */
        amountRedeemed: number;
        /** @description Credit given back by refunded orders. */
        amountReversed: number;
      };
      /** @description customersGranted / customersReached: share of reached customers who got credit (decimal string). */
      grantRate: string | null;
      /** @description 领取率: lotsClaimed / lotsGranted (decimal string, 4 places). */
      claimRate: string | null;
      /** @description 核销率: cost / amountGranted — redeemed net of refunds over granted. */
      redemptionRate: string | null;
      /** @description 带来的GMV: order amounts of the orders that redeemed this campaign’s credit, refunded orders excluded. An order paid with credit of several campaigns counts in full for each of them. */
      attributedGmv: number;
      ordersAttributed: number;
      /** @description Orders that redeemed the campaign’s credit and were refunded. */
      ordersRefunded: number;
      refundedGmv: number;
      /** @description Credit cost: redeemed net of reversals — the marketing expense the finance view recognises (granted but unused credit is a liability, breakage is not a cost). */
      cost: number;
      /** @description 投入产出比: (attributedGmv − cost) / cost as a decimal string (4 places); null while cost is 0. */
      roi: string | null;
      /** @description Days with issuance or redemption activity, ascending. */
      series: {
        /** @description UTC calendar day (YYYY-MM-DD) of business time. */
        day: string;
        lotsGranted: number;
        amountGranted: number;
        /** @description Credit applied to orders that day. */
        amountRedeemed: number;
        /** @description Credit given back that day by refunds of earlier redemptions. */
        amountReversed: number;
        amountRedeemedNet: number;
      }[];
    };
    ReferralLeaderboard: {
      month: string;
      from: string;
      to: string;
      entries: {
        rank: number;
        referrerId: string;
        paidReferrals: number;
        /** @description When the month’s last paid referral was paid (tie-break). */
        reachedAt: string;
        paidReferralsAllTime: number;
        /** @description 品牌推荐官: at least 10 paid referrals all-time. */
        ambassador: boolean;
      }[];
    };
    Reward: {
      rewardId: string;
      name: string;
      pointsCost: number;
      stock: number;
      lowStockThreshold: number;
      active: boolean;
    };
    RewardUpsert: {
      /** @example Tea mug */
      name: string;
      /** @example 500 */
      pointsCost: number;
      /** @example 20 */
      stock: number;
      /** @description A support alert goes out when a redemption takes stock to or below it. */
      lowStockThreshold: number;
      /** @description False retires the reward (default true). */
      active?: boolean;
    };
    RewardRedemption: {
      customerId: string;
      rewardId: string;
      redemptionId: string;
      points: number;
      stockLeft: number;
      ledgerTransactionId: string;
      fulfilment: components['schemas']['RewardFulfilment'];
    };
    RewardFulfilment: {
      redemptionId: string;
      /** @enum {string} */
      mode: 'delivery' | 'pickup';
      /** @enum {string} */
      status: 'requested' | 'shipped' | 'ready' | 'delivered' | 'picked-up' | 'cancelling' | 'cancelled';
      storeId: string | null;
      taskId: number | null;
      pointsReturnedTransactionId: string | null;
    } | null;
    /** @description Delivery to an address (stored sealed) or pickup at a store; opens a reward-fulfilment task. */
    RewardFulfilmentRequest:
      | {
          /** @enum {string} */
          mode: 'delivery';
          address: {
            recipient: string;
            phone: string;
            line1: string;
            line2?: string;
            city: string;
            postalCode: string;
            /**
             * @description ISO 3166-1 alpha-2
             * @example CN
             */
            country: string;
          };
        }
      | {
          /** @enum {string} */
          mode: 'pickup';
          /** @example c-42 */
          storeId: string;
        };
    RewardFulfilmentDetail: {
      redemptionId: string;
      /** @enum {string} */
      mode: 'delivery' | 'pickup';
      /** @enum {string} */
      status: 'requested' | 'shipped' | 'ready' | 'delivered' | 'picked-up' | 'cancelling' | 'cancelled';
      storeId: string | null;
      taskId: number | null;
      pointsReturnedTransactionId: string | null;
      customerId: string;
      rewardId: string;
      address: {
        recipient: string;
        phone: string;
        line1: string;
        line2?: string;
        city: string;
        postalCode: string;
        country: string;
      } | null;
    };
    PointsBalance: {
      customerId: string;
      balance: number;
      lots: {
        lotId: string;
        remaining: number;
        expiresAt: string | null;
      }[];
    };
    PointsDonation: {
      donationId: string;
      customerId: string;
      charityId: string;
      charityName: string;
      points: number;
      /** @description The customer’s live points after the donation. */
      balance: number;
      ledgerTransactionId: string;
      /** @description The run that emails the donation certificate. */
      certificateWorkflowId: string;
    };
    PointsDonationRequest: {
      /**
       * @description One of the charities the points campaign lists.
       * @example green-earth
       */
      charityId: string;
      /** @example 500 */
      points: number;
      /**
       * @description The points campaign (default: the only launched one).
       * @example c-42
       */
      campaignId?: string;
    };
    MemberTier: {
      campaignId: string;
      /** @enum {string} */
      tier: 'standard' | 'silver' | 'gold' | 'diamond';
      rollingSpend: number;
      since: string;
      updatedAt: string;
      customerId: string;
      /** @description The tier in each member-tier campaign. */
      byCampaign: {
        campaignId: string;
        /** @enum {string} */
        tier: 'standard' | 'silver' | 'gold' | 'diamond';
        rollingSpend: number;
        since: string;
        updatedAt: string;
      }[];
    };
    PointsDisputeAccepted: {
      disputeId: string;
      campaignId: string;
      workflowId: string;
      /**
       * @description awaiting-review: approve or reject taskId with POST /v1/approvals/{taskId}; refused: the re-check found nothing to review (outcome says why); checking: still re-checking, follow GET /v1/journeys.
       * @enum {string}
       */
      status: 'awaiting-review' | 'checking' | 'refused' | 'completed';
      taskId: number | null;
      outcome: string | null;
    };
    PointsDisputeRequest: {
      /** @example c-42 */
      customerId: string;
      /** @example c-42 */
      orderId: string;
      /**
       * @description The points campaign; the only launched one if absent.
       * @example c-42
       */
      campaignId?: string;
      note?: string;
    };
    CodeBatch: {
      batchId: string;
      campaignId: string;
      /** @enum {string} */
      kind: 'unique' | 'shared';
      reward?: unknown;
      expiresAt: string | null;
      totalLimit: number | null;
      perCustomerLimit: number;
      codes: number;
      claimed: number;
      voided: number;
      createdAt: string;
    };
    NewCodeBatch:
      | {
          /** @enum {string} */
          kind: 'unique';
          /** @description Unassigned codes: anyone may claim one. Give count or customerIds. */
          count?: number;
          /** @description One code per customer, claimable only by them. Give count or customerIds. */
          customerIds?: string[];
          reward: components['schemas']['CodeReward'];
          /**
           * Format: date-time
           * @description No claims after this instant.
           */
          expiresAt?: string;
        }
      | {
          /** @enum {string} */
          kind: 'shared';
          /**
           * @description The public code, e.g. SPRING2026.
           * @example K7QM-3XTV-9CH
           */
          code: string;
          totalLimit?: number;
          /** @default 1 */
          perCustomerLimit: number;
          reward: components['schemas']['CodeReward'];
          /**
           * Format: date-time
           * @description No claims after this instant.
           */
          expiresAt?: string;
        };
    /** @description What one claim grants, from the campaign’s budget. */
    CodeReward: {
      /**
       * @description The value of one claim; for percent and shipping coupons, their cap (reserved from the budget).
       * @example 5000
       */
      amount: number;
      /**
       * @default cash
       * @enum {string}
       */
      creditKind: 'cash' | 'threshold' | 'rebate' | 'percent' | 'shipping' | 'gift';
      /**
       * @description Gift items (赠品) only: the SKU one unit of which the claimed lot pays for; amount is its value.
       * @example c-42
       */
      giftSku?: string;
      /** @description Percent coupons only: the rate off in basis points (2000 = 20 % off, 八折). */
      percentBp?: number;
      /**
       * @default {
       *       "type": "all"
       *     }
       */
      scope:
        | {
            /** @enum {string} */
            type: 'all';
          }
        | {
            /** @enum {string} */
            type: 'categories';
            categories: string[];
          };
      /**
       * @default stackable
       * @enum {string}
       */
      stacking: 'stackable' | 'exclusive';
      /**
       * @description Threshold coupons (满减): required. Percent and shipping coupons: optional. Others: none.
       * @example 5000
       */
      minOrderAmount?: number;
      /** @description Days the claimed lot stays usable; without it the lot never expires. */
      validForDays?: number;
    };
    PromotionCode: {
      code: string;
      display: string;
      customerId: string | null;
      /** @enum {string} */
      status: 'active' | 'void';
      claims: number;
    };
    PromotionCodeTerms: {
      code: string;
      display: string;
      /** @enum {string} */
      status: 'active' | 'void';
      campaignId: string;
      /** @enum {string} */
      kind: 'unique' | 'shared';
      reward?: unknown;
      expiresAt: string | null;
    };
    CodeClaim: {
      claimId: string;
      code: string;
      customerId: string;
      lotId: string;
      amount: number;
      expiresAt: string | null;
      claimedAt: string;
      created: boolean;
    };
    ManualAdjustment: {
      adjustmentId: string;
      customerId: string;
      /** @enum {string} */
      action: 'grant' | 'void' | 'clawback';
      campaignId: string | null;
      lotId: string | null;
      /** @description grant: the amount; void/clawback: the lot’s value left when asked. */
      amount: number;
      creditKind: string | null;
      percentBp: number | null;
      minOrderAmount: number | null;
      validForDays: number | null;
      reason: string;
      /** @enum {string} */
      status: 'pending-approval' | 'approved' | 'executed' | 'rejected' | 'refused';
      requestedBy: string;
      requestedAt: string;
      decidedBy: string | null;
      decidedAt: string | null;
      decisionNote: string | null;
      outcome: {
        [key: string]: unknown;
      } | null;
    };
    ManualAdjustmentRequest:
      | {
          /** @enum {string} */
          action: 'grant';
          /**
           * @description The launched or paused campaign whose budget pays.
           * @example c-42
           */
          campaignId: string;
          /**
           * @description The credit; for percent and shipping coupons, their cap.
           * @example 5000
           */
          amount: number;
          /**
           * @default cash
           * @enum {string}
           */
          creditKind: 'cash' | 'rebate' | 'percent' | 'shipping';
          /** @description Percent coupons only: the rate off in basis points (1000 = 10 % off, 九折). */
          percentBp?: number;
          /**
           * @description Percent and shipping coupons only: the order (goods) they need.
           * @example 5000
           */
          minOrderAmount?: number;
          validForDays?: number;
          /** @example duplicate grant, ticket #4411 */
          reason: string;
        }
      | {
          /**
           * @description Withdraw a lot nobody has used yet (Stripe’s void grant).
           * @enum {string}
           */
          action: 'void';
          /** Format: uuid */
          lotId: string;
          /** @example duplicate grant, ticket #4411 */
          reason: string;
        }
      | {
          /**
           * @description Withdraw what is left of a lot; what was spent stays.
           * @enum {string}
           */
          action: 'clawback';
          /** Format: uuid */
          lotId: string;
          /** @example duplicate grant, ticket #4411 */
          reason: string;
        };
    ReferralLink: {
      customerId: string;
      /** @example K7QM-3XTV-9CH */
      code: string;
      link: string;
      /** @description The link as a QR code (an SVG document). */
      qrSvg: string;
    };
    CustomerSearch: {
      items: {
        customerId: string;
        signedUpAt: string | null;
      }[];
    };
    Customer: {
      profile: {
        customerId: string;
        email: string | null;
        phone: string | null;
        /** @enum {string} */
        locale: 'zh-CN' | 'en';
        referralCode: string;
        signedUpAt: string | null;
        firstOrderId: string | null;
        firstOrderAt: string | null;
        lastOrderAt: string | null;
        orderCount: number;
        /** @description Minor units, refunds taken off. */
        totalSpent: number;
        lastActiveAt: string | null;
      };
      attributes: components['schemas']['CustomerAttributes'];
      /** @description Computed at asOf; the same definitions segment filters use. */
      facts: {
        orderCount: number;
        /** @description Minor units, refunds taken off. */
        totalSpent: number;
        /** @description Orders of the last 365 days not refunded (as the member tier counts spend). */
        totalSpentLast365Days: number;
        daysSinceLastOrder: number | null;
        daysSinceLastActive: number | null;
        /** @description No order yet. */
        lead: boolean;
        /** @description Usable credit now (minor units), as the wallet. */
        walletBalance: number;
        /** @description Live points now. */
        pointsBalance: number;
        /**
         * @description Member tier in the member-tier campaign that changed it last; null: none.
         * @enum {string|null}
         */
        tier: 'standard' | 'silver' | 'gold' | 'diamond' | null;
        /** @description Referrals this customer made that were paid. */
        referralsPaid: number;
      };
      asOf: string;
    };
    /**
     * @example {
     *       "birthday": "1990-04-12",
     *       "region": "east",
     *       "tags": [
     *         "vip"
     *       ]
     *     }
     */
    CustomerAttributes: {
      [key: string]: string | number | boolean | string[];
    };
    CustomerJourneys: {
      customerId: string;
      /**
       * @description visibility: listed by the CustomerId search attribute; derived: each campaign’s journey id and the journal (a server that cannot list workflows).
       * @enum {string}
       */
      source: 'visibility' | 'derived';
      /** @description Into the Temporal Web UI; null when none is configured. */
      temporalUiUrl: string | null;
      items: {
        workflowId: string;
        journeyType: string;
        campaignId: string;
        customerId: string;
        status: string;
        step: string;
        nextWakeAt?: string;
        history: {
          at: string;
          step: string;
          note?: string;
        }[];
        outcome?: string;
        /** @description Why a `failed` journey failed: the step, a reason code (never a message) and what it gave back. */
        failure?: {
          activity?: string;
          afterStep: string;
          reason: string;
          released: string[];
          supportTaskId?: number;
          unfinished?: string[];
        };
        details: {
          [key: string]: unknown;
        };
        /** @description Into the Temporal Web UI; null when none is configured. */
        temporalUiUrl: string | null;
      }[];
    };
    JourneyOverview: {
      /** @description Into the Temporal Web UI; null when none is configured. */
      temporalUiUrl: string | null;
      campaigns: {
        campaignId: string;
        name: string;
        journeyType: string;
        status: string;
        started: number;
        /** @description Started, not ended: running or waiting. */
        open: number;
        completed: number;
        cancelled: number;
        refused: number;
        failed: number;
        /** @description Into the Temporal Web UI; null when none is configured. */
        temporalUiUrl: string | null;
      }[];
    };
    CustomerErasure: {
      customerId: string;
      /** @description When the personal data was wiped (the first erasure). */
      erasedAt: string;
      /** @description Workflow ids of the running journeys this request cancelled. */
      journeysStopped: string[];
    };
    CustomerExport: {
      customerId: string;
      exportedAt: string;
      profile: {
        customerId: string;
        email: string | null;
        /** @enum {string} */
        locale: 'zh-CN' | 'en';
        phone: string | null;
        deviceId: string | null;
        paymentFingerprint: string | null;
        referralCode: string;
        signedUpAt: string | null;
        firstOrderId: string | null;
        firstOrderAt: string | null;
        lastOrderAt: string | null;
        orderCount: number;
        totalSpent: number;
        lastActiveAt: string | null;
        erasedAt: string | null;
      };
      attributes: components['schemas']['CustomerAttributes'];
      events: {
        eventId: string;
        type: string;
        occurredAt: string;
        receivedAt: string;
        /** @description The event as received. */
        payload: {
          [key: string]: unknown;
        };
      }[];
      orders: {
        orderId: string;
        amount: number;
        categories: string[];
        placedAt: string;
        refundedAt: string | null;
      }[];
      wallet: {
        customerId: string;
        currency: string;
        balance: number;
        byKind: {
          [key: string]: number;
        };
        lots: components['schemas']['CreditLot'][];
      };
      /** @description Every credit statement entry, newest first. */
      statement: {
        transactionId: string;
        type: string;
        amount: number;
        lotId: string;
        occurredAt: string;
        memo: string | null;
      }[];
      points: components['schemas']['PointsBalance'];
      tiers: {
        campaignId: string;
        /** @enum {string} */
        tier: 'standard' | 'silver' | 'gold' | 'diamond';
        rollingSpend: number;
        since: string;
        updatedAt: string;
        customerId: string;
      }[];
      /** @description Referrals the customer made or was referred by. */
      referrals: {
        refereeId: string;
        referrerId: string;
        campaignId: string;
        status: string;
        createdAt: string;
        paidAt: string | null;
      }[];
      /** @description Emails sent to the customer’s address (none left to list after an erasure). */
      emails: {
        template: string;
        subject: string;
        status: string;
        createdAt: string;
        sentAt: string | null;
      }[];
      /** @description Rewards redeemed for points and their delivery (address opened) or pickup, newest first. */
      fulfilments: components['schemas']['RewardFulfilmentDetail'][];
    };
    AttributeType: {
      name: string;
      /** @enum {string} */
      type: 'string' | 'number' | 'boolean' | 'date' | 'string-list';
      description: string | null;
      builtIn: boolean;
      declaredBy: string | null;
      createdAt: string | null;
      updatedAt: string | null;
    };
    CustomerAttributesWritten: {
      customerId: string;
      attributes: components['schemas']['CustomerAttributes'];
      updatedAt: string;
    };
    Segment: {
      segmentId: string;
      name: string;
      /**
       * @description A segment filter tree (see POST /v1/segments).
       * @example {
       *       "all": [
       *         {
       *           "attribute": "region",
       *           "op": "eq",
       *           "value": "east"
       *         },
       *         {
       *           "fact": "orderCount",
       *           "op": "gte",
       *           "value": 2
       *         },
       *         {
       *           "not": {
       *             "attribute": "tags",
       *             "op": "contains",
       *             "value": "churned"
       *           }
       *         },
       *         {
       *           "birthday": {
       *             "withinDays": 7
       *           }
       *         }
       *       ]
       *     }
       */
      filter: {
        [key: string]: unknown;
      };
      createdBy: string | null;
      createdAt: string;
    };
    SegmentPreview: {
      count: number;
      /** @description Up to 20 member customer ids, in id order. */
      sample: string[];
      /** @description The instant the facts were computed at. */
      asOf: string;
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  getHealth: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Every dependency answered. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Health'];
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency is unavailable. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getMe: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Me'];
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listApiKeys: {
    parameters: {
      query?: {
        /** @description The `next` of the previous page (absent: the first page). */
        after?: string;
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['ApiKey'][];
            /** @description Pass as `after` for the next page; null on the last. */
            next: string | null;
          };
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Well-formed request refused: it breaks a rule this document cannot state (one field against another, the clock; see the operation description) or a business rule (state, balances, quotas). */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createApiKey: {
    parameters: {
      query?: never;
      header?: {
        /** @description Optional on every POST. Retries with the same key and the same request replay the first response (header Idempotent-Replayed: true); a different request with the same key is a 409. Keys are scoped to the API key and remembered for 24 hours. */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateApiKey'];
      };
    };
    responses: {
      /** @description The key, with its plaintext. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CreatedApiKey'];
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Idempotency-Key reused with a different request, or the first request with it is still in progress. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body larger than the limit. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body not sent as application/json. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  revokeApiKey: {
    parameters: {
      query?: never;
      header?: {
        /** @description Optional on every POST. Retries with the same key and the same request replay the first response (header Idempotent-Replayed: true); a different request with the same key is a 409. Keys are scoped to the API key and remembered for 24 hours. */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiKey'];
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Idempotency-Key reused with a different request, or the first request with it is still in progress. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listAuditEntries: {
    parameters: {
      query?: {
        /** @description An API key id. */
        actor?: string;
        resource?: string;
        operationId?: string;
        before?: number;
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['AuditEntry'][];
            next: number | null;
          };
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listCampaignBudgetChanges: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            campaignId: string;
            budget: number;
            changes: {
              changeId: string;
              amount: number;
              reason: string;
              changedBy: string;
              changedAt: string;
            }[];
          };
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  topUpCampaignBudget: {
    parameters: {
      query?: never;
      header?: {
        /** @description Optional on every POST. Retries with the same key and the same request replay the first response (header Idempotent-Replayed: true); a different request with the same key is a 409. Keys are scoped to the API key and remembered for 24 hours. */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /**
           * @description Integer minor units of the ledger currency (5000 = 50.00), at least 1.
           * @example 5000
           */
          amount: number;
          reason: string;
        };
      };
    };
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Campaign'];
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Idempotency-Key reused with a different request, or the first request with it is still in progress. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body larger than the limit. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body not sent as application/json. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Well-formed request refused: it breaks a rule this document cannot state (one field against another, the clock; see the operation description) or a business rule (state, balances, quotas). */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listCampaigns: {
    parameters: {
      query?: {
        status?: 'draft' | 'launched' | 'paused' | 'ended';
        journeyType?:
          | 'trial-credit'
          | 'repurchase-voucher'
          | 'dormancy'
          | 'referral'
          | 'compensation'
          | 'expiry-reminder'
          | 'member-tier'
          | 'in-sale-rebate'
          | 'prepayment-bonus'
          | 'points'
          | 'flow';
        /** @description The `next` of the previous page (absent: the first page). */
        after?: string;
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['Campaign'][];
            /** @description Pass as `after` for the next page; null on the last. */
            next: string | null;
          };
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Well-formed request refused: it breaks a rule this document cannot state (one field against another, the clock; see the operation description) or a business rule (state, balances, quotas). */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createCampaign: {
    parameters: {
      query?: never;
      header?: {
        /** @description Optional on every POST. Retries with the same key and the same request replay the first response (header Idempotent-Replayed: true); a different request with the same key is a 409. Keys are scoped to the API key and remembered for 24 hours. */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateCampaign'];
      };
    };
    responses: {
      /** @description Success. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Campaign'];
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Idempotency-Key reused with a different request, or the first request with it is still in progress. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body larger than the limit. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body not sent as application/json. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Well-formed request refused: it breaks a rule this document cannot state (one field against another, the clock; see the operation description) or a business rule (state, balances, quotas). */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getCampaign: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Campaign'];
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getCampaignEnrolment: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            campaignId: string;
            runs: {
              run: string;
              /** @enum {string} */
              state: 'running' | 'paused' | 'completed' | 'stopped';
              total: number;
              enrolled: number;
              already: number;
              cursor: string | null;
              startedAt: string;
              updatedAt: string;
              finishedAt: string | null;
            }[];
          };
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateDraftCampaign: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          name?: string;
          /** @description The whole config, in the shape the campaign’s journey type takes on create. */
          config: {
            [key: string]: unknown;
          };
        };
      };
    };
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Campaign'];
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Idempotency-Key reused with a different request, or the first request with it is still in progress. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body larger than the limit. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body not sent as application/json. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Well-formed request refused: it breaks a rule this document cannot state (one field against another, the clock; see the operation description) or a business rule (state, balances, quotas). */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  setCampaignSchedule: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /**
           * Format: date-time
           * @description The campaign launches itself at this instant (a draft only; a start in the past launches it at once). null clears it.
           * @example 2026-12-24T09:00:00+08:00
           */
          startsAt?: string | null;
          /**
           * Format: date-time
           * @description The campaign ends itself at this instant: after startsAt, not in the past. null clears it.
           * @example 2027-01-03T23:59:59+08:00
           */
          endsAt?: string | null;
          /**
           * @description IANA time zone the schedule is shown in (e.g. Asia/Shanghai); refused with 422 if unknown.
           * @example Asia/Shanghai
           */
          timezone?: string | null;
        };
      };
    };
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Campaign'];
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Idempotency-Key reused with a different request, or the first request with it is still in progress. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body larger than the limit. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body not sent as application/json. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Well-formed request refused: it breaks a rule this document cannot state (one field against another, the clock; see the operation description) or a business rule (state, balances, quotas). */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  launchCampaign: {
    parameters: {
      query?: never;
      header?: {
        /** @description Optional on every POST. Retries with the same key and the same request replay the first response (header Idempotent-Replayed: true); a different request with the same key is a 409. Keys are scoped to the API key and remembered for 24 hours. */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Campaign'];
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Idempotency-Key reused with a different request, or the first request with it is still in progress. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Well-formed request refused: it breaks a rule this document cannot state (one field against another, the clock; see the operation description) or a business rule (state, balances, quotas). */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  pauseCampaign: {
    parameters: {
      query?: never;
      header?: {
        /** @description Optional on every POST. Retries with the same key and the same request replay the first response (header Idempotent-Replayed: true); a different request with the same key is a 409. Keys are scoped to the API key and remembered for 24 hours. */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Campaign'];
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Idempotency-Key reused with a different request, or the first request with it is still in progress. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Well-formed request refused: it breaks a rule this document cannot state (one field against another, the clock; see the operation description) or a business rule (state, balances, quotas). */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  endCampaign: {
    parameters: {
      query?: never;
      header?: {
        /** @description Optional on every POST. Retries with the same key and the same request replay the first response (header Idempotent-Replayed: true); a different request with the same key is a 409. Keys are scoped to the API key and remembered for 24 hours. */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Campaign'];
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Idempotency-Key reused with a different request, or the first request with it is still in progress. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Well-formed request refused: it breaks a rule this document cannot state (one field against another, the clock; see the operation description) or a business rule (state, balances, quotas). */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listJourneyTypes: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              type: string;
              title: string;
              description: string;
              startOn: string[];
              signalOn: string[];
              cardinality: string;
              defaultConfig?: unknown;
            }[];
          };
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  postCustomerEvent: {
    parameters: {
      query?: never;
      header?: {
        /** @description Optional on every POST. Retries with the same key and the same request replay the first response (header Idempotent-Replayed: true); a different request with the same key is a 409. Keys are scoped to the API key and remembered for 24 hours. */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CustomerEvent'];
      };
    };
    responses: {
      /** @description Success. */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EventAccepted'];
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Idempotency-Key reused with a different request, or the first request with it is still in progress. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body larger than the limit. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body not sent as application/json. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Well-formed request refused: it breaks a rule this document cannot state (one field against another, the clock; see the operation description) or a business rule (state, balances, quotas). */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency is unavailable. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getEventType: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        name: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EventType'];
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  putEventType: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        name: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          description?: string;
          /**
           * @description JSON Schema of the properties object.
           * @example {
           *       "type": "object",
           *       "properties": {
           *         "minutes": {
           *           "type": "integer",
           *           "minimum": 0
           *         }
           *       },
           *       "required": [
           *         "minutes"
           *       ]
           *     }
           */
          propertiesSchema: {
            [key: string]: unknown;
          };
        };
      };
    };
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EventType'];
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body larger than the limit. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body not sent as application/json. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Well-formed request refused: it breaks a rule this document cannot state (one field against another, the clock; see the operation description) or a business rule (state, balances, quotas). */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listEventTypes: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['EventType'][];
          };
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  requestCompensationCredit: {
    parameters: {
      query?: never;
      header?: {
        /** @description Optional on every POST. Retries with the same key and the same request replay the first response (header Idempotent-Replayed: true); a different request with the same key is a 409. Keys are scoped to the API key and remembered for 24 hours. */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CompensationRequest'];
      };
    };
    responses: {
      /** @description Success. */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CompensationAccepted'];
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Idempotency-Key reused with a different request, or the first request with it is still in progress. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body larger than the limit. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body not sent as application/json. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Well-formed request refused: it breaks a rule this document cannot state (one field against another, the clock; see the operation description) or a business rule (state, balances, quotas). */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listCompensationCampaigns: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              campaignId: string;
              name: string;
            }[];
          };
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getCompensationQuota: {
    parameters: {
      query?: {
        /** @description The compensation campaign; the only launched one if absent. */
        campaignId?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CompensationQuota'];
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Well-formed request refused: it breaks a rule this document cannot state (one field against another, the clock; see the operation description) or a business rule (state, balances, quotas). */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listSupportTasks: {
    parameters: {
      query?: {
        status?: 'open' | 'done' | 'cancelled';
        kind?: string;
        assignee?: string;
        limit?: number;
        /** @description The `next` of the previous page: tasks older than this task id. */
        before?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['SupportTask'][];
            /** @description Pass as `before` for the next page; null on the last. */
            next: number | null;
          };
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  closeSupportTask: {
    parameters: {
      query?: never;
      header?: {
        /** @description Optional on every POST. Retries with the same key and the same request replay the first response (header Idempotent-Replayed: true); a different request with the same key is a 409. Keys are scoped to the API key and remembered for 24 hours. */
        'Idempotency-Key'?: string;
      };
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @enum {string} */
          status: 'done' | 'cancelled';
          note?: string;
        };
      };
    };
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SupportTask'];
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Idempotency-Key reused with a different request, or the first request with it is still in progress. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body larger than the limit. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body not sent as application/json. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  assignSupportTask: {
    parameters: {
      query?: never;
      header?: {
        /** @description Optional on every POST. Retries with the same key and the same request replay the first response (header Idempotent-Replayed: true); a different request with the same key is a 409. Keys are scoped to the API key and remembered for 24 hours. */
        'Idempotency-Key'?: string;
      };
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /**
           * @description An API key id or agent id.
           * @example c-42
           */
          assignee: string | null;
        };
      };
    };
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SupportTask'];
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Idempotency-Key reused with a different request, or the first request with it is still in progress. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body larger than the limit. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body not sent as application/json. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  decideApproval: {
    parameters: {
      query?: never;
      header?: {
        /** @description Optional on every POST. Retries with the same key and the same request replay the first response (header Idempotent-Replayed: true); a different request with the same key is a 409. Keys are scoped to the API key and remembered for 24 hours. */
        'Idempotency-Key'?: string;
      };
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ApprovalDecision'];
      };
    };
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            taskId: number;
            workflowId: string;
            decision: string;
            status: string;
          };
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Idempotency-Key reused with a different request, or the first request with it is still in progress. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body larger than the limit. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body not sent as application/json. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Well-formed request refused: it breaks a rule this document cannot state (one field against another, the clock; see the operation description) or a business rule (state, balances, quotas). */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getWallet: {
    parameters: {
      query?: {
        expiringWithinDays?: number;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Wallet'];
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getStatement: {
    parameters: {
      query?: {
        limit?: number;
        /** @description The nextCursor of the previous page. */
        cursor?: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            entries: {
              transactionId: string;
              type: string;
              amount: number;
              lotId: string;
              occurredAt: string;
              memo: string | null;
            }[];
            nextCursor: string | null;
          };
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Well-formed request refused: it breaks a rule this document cannot state (one field against another, the clock; see the operation description) or a business rule (state, balances, quotas). */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  redeemCredit: {
    parameters: {
      query?: never;
      header?: {
        /** @description Optional on every POST. Retries with the same key and the same request replay the first response (header Idempotent-Replayed: true); a different request with the same key is a 409. Keys are scoped to the API key and remembered for 24 hours. */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RedemptionRequest'];
      };
    };
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Redemption'];
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Idempotency-Key reused with a different request, or the first request with it is still in progress. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body larger than the limit. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body not sent as application/json. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Well-formed request refused: it breaks a rule this document cannot state (one field against another, the clock; see the operation description) or a business rule (state, balances, quotas). */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getLiability: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            currency: string;
            asOf: string;
            total: number;
            byCampaign: {
              campaignId: string;
              amount: number;
            }[];
          };
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getBreakage: {
    parameters: {
      query: {
        from: string;
        to: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            currency: string;
            from: string;
            to: string;
            total: number;
            byCampaign: {
              campaignId: string;
              amount: number;
            }[];
          };
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Well-formed request refused: it breaks a rule this document cannot state (one field against another, the clock; see the operation description) or a business rule (state, balances, quotas). */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getMarketingExpense: {
    parameters: {
      query: {
        from: string;
        to: string;
        campaignId?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            currency: string;
            from: string;
            to: string;
            total: number;
            campaigns: {
              campaignId: string;
              granted: number;
              redeemed: number;
              expired: number;
              revoked: number;
              /** @description Percent and free-shipping coupons: the unused part of their caps, back in the campaign budget. */
              released: number;
              /** @description Money value of points spent at checkout on this campaign’s points, net of refunds. */
              points: number;
              /** @description redeemed + points. */
              expense: number;
            }[];
          };
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Well-formed request refused: it breaks a rule this document cannot state (one field against another, the clock; see the operation description) or a business rule (state, balances, quotas). */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getProgramBudget: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            currency: string;
            funded: number;
            allocated: number;
            remaining: number;
          };
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  fundProgramBudget: {
    parameters: {
      query?: never;
      header?: {
        /** @description Optional on every POST. Retries with the same key and the same request replay the first response (header Idempotent-Replayed: true); a different request with the same key is a 409. Keys are scoped to the API key and remembered for 24 hours. */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /**
           * @description Integer minor units of the ledger currency (5000 = 50.00), at least 1.
           * @example 5000
           */
          amount: number;
          memo?: string;
        };
      };
    };
    responses: {
      /** @description Success. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            currency: string;
            funded: number;
            allocated: number;
            remaining: number;
          };
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Idempotency-Key reused with a different request, or the first request with it is still in progress. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body larger than the limit. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body not sent as application/json. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Well-formed request refused: it breaks a rule this document cannot state (one field against another, the clock; see the operation description) or a business rule (state, balances, quotas). */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getCampaignPointsBudget: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            campaignId: string;
            journeyType: string;
            configured: number | null;
            budget: number | null;
            earned: number;
            remaining: number | null;
          };
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getPointsTerms: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PointsTerms'];
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  setPointsTerms: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PointsTerms'];
      };
    };
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PointsTerms'];
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body larger than the limit. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body not sent as application/json. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Well-formed request refused: it breaks a rule this document cannot state (one field against another, the clock; see the operation description) or a business rule (state, balances, quotas). */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getPointsLiability: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            currency: string;
            asOf: string;
            rate: {
              points: number;
              minor: number;
            };
            points: number;
            value: number;
            byCampaign: {
              campaignId: string | null;
              points: number;
              value: number;
            }[];
          };
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getPointsActivity: {
    parameters: {
      query: {
        from: string;
        to: string;
        campaignId?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            currency: string;
            from: string;
            to: string;
            campaigns: {
              earned: number;
              /** @description Spent on catalog rewards or deducted for refunded orders. */
              redeemed: number;
              /** @description Spent at checkout, net of what refunds gave back. */
              spentAtCheckout: number;
              expired: number;
              /** @description Money value of the points spent at checkout, net of refunds. */
              expense: number;
              campaignId: string | null;
            }[];
            totals: {
              earned: number;
              /** @description Spent on catalog rewards or deducted for refunded orders. */
              redeemed: number;
              /** @description Spent at checkout, net of what refunds gave back. */
              spentAtCheckout: number;
              expired: number;
              /** @description Money value of the points spent at checkout, net of refunds. */
              expense: number;
            };
          };
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Well-formed request refused: it breaks a rule this document cannot state (one field against another, the clock; see the operation description) or a business rule (state, balances, quotas). */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getCustomerJourney: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        customerId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['JourneyState'];
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getJourney: {
    parameters: {
      query: {
        workflowId: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['JourneyState'];
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listJourneyTemplates: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['JourneyTemplate'][];
          };
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  validateJourneyDefinition: {
    parameters: {
      query?: never;
      header?: {
        /** @description Optional on every POST. Retries with the same key and the same request replay the first response (header Idempotent-Replayed: true); a different request with the same key is a 409. Keys are scoped to the API key and remembered for 24 hours. */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /**
           * @description A flow definition: `config.definition` of a `flow` campaign (Create_flowJourney_Campaign).
           * @example {
           *       "nodes": [
           *         {
           *           "id": "start",
           *           "type": "entry",
           *           "on": {
           *             "type": "signed_up"
           *           },
           *           "next": "done"
           *         },
           *         {
           *           "id": "done",
           *           "type": "exit",
           *           "outcome": "finished"
           *         }
           *       ]
           *     }
           */
          definition: {
            [key: string]: unknown;
          };
        };
      };
    };
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @enum {boolean} */
            valid: true;
          };
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Idempotency-Key reused with a different request, or the first request with it is still in progress. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body larger than the limit. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body not sent as application/json. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Well-formed request refused: it breaks a rule this document cannot state (one field against another, the clock; see the operation description) or a business rule (state, balances, quotas). */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getCampaignKpis: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CampaignKpis'];
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getReferralLeaderboard: {
    parameters: {
      query?: {
        month?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReferralLeaderboard'];
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listRewards: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['Reward'][];
          };
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  upsertReward: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        rewardId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RewardUpsert'];
      };
    };
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Reward'];
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body larger than the limit. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body not sent as application/json. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  redeemReward: {
    parameters: {
      query?: never;
      header?: {
        /** @description Optional on every POST. Retries with the same key and the same request replay the first response (header Idempotent-Replayed: true); a different request with the same key is a 409. Keys are scoped to the API key and remembered for 24 hours. */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @example c-42 */
          rewardId: string;
          fulfilment?: components['schemas']['RewardFulfilmentRequest'];
        };
      };
    };
    responses: {
      /** @description Success. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RewardRedemption'];
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Idempotency-Key reused with a different request, or the first request with it is still in progress. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body larger than the limit. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body not sent as application/json. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Well-formed request refused: it breaks a rule this document cannot state (one field against another, the clock; see the operation description) or a business rule (state, balances, quotas). */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getRewardFulfilment: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        redemptionId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RewardFulfilmentDetail'];
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listCustomerRewardFulfilments: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              redemptionId: string;
              /** @enum {string} */
              mode: 'delivery' | 'pickup';
              /** @enum {string} */
              status:
                'requested' | 'shipped' | 'ready' | 'delivered' | 'picked-up' | 'cancelling' | 'cancelled';
              storeId: string | null;
              taskId: number | null;
              pointsReturnedTransactionId: string | null;
              rewardId: string;
            }[];
          };
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  advanceRewardFulfilment: {
    parameters: {
      query?: never;
      header?: {
        /** @description Optional on every POST. Retries with the same key and the same request replay the first response (header Idempotent-Replayed: true); a different request with the same key is a 409. Keys are scoped to the API key and remembered for 24 hours. */
        'Idempotency-Key'?: string;
      };
      path: {
        redemptionId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @enum {string} */
          status: 'shipped' | 'ready' | 'delivered' | 'picked-up' | 'cancelled';
        };
      };
    };
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RewardFulfilment'];
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Idempotency-Key reused with a different request, or the first request with it is still in progress. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body larger than the limit. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body not sent as application/json. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getPoints: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PointsBalance'];
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  donatePoints: {
    parameters: {
      query?: never;
      header?: {
        /** @description Optional on every POST. Retries with the same key and the same request replay the first response (header Idempotent-Replayed: true); a different request with the same key is a 409. Keys are scoped to the API key and remembered for 24 hours. */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PointsDonationRequest'];
      };
    };
    responses: {
      /** @description Success. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PointsDonation'];
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Idempotency-Key reused with a different request, or the first request with it is still in progress. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body larger than the limit. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body not sent as application/json. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Well-formed request refused: it breaks a rule this document cannot state (one field against another, the clock; see the operation description) or a business rule (state, balances, quotas). */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getMemberTier: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MemberTier'];
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  openPointsDispute: {
    parameters: {
      query?: never;
      header?: {
        /** @description Optional on every POST. Retries with the same key and the same request replay the first response (header Idempotent-Replayed: true); a different request with the same key is a 409. Keys are scoped to the API key and remembered for 24 hours. */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PointsDisputeRequest'];
      };
    };
    responses: {
      /** @description Success. */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PointsDisputeAccepted'];
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Idempotency-Key reused with a different request, or the first request with it is still in progress. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body larger than the limit. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body not sent as application/json. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Well-formed request refused: it breaks a rule this document cannot state (one field against another, the clock; see the operation description) or a business rule (state, balances, quotas). */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createCodeBatch: {
    parameters: {
      query?: never;
      header?: {
        /** @description Optional on every POST. Retries with the same key and the same request replay the first response (header Idempotent-Replayed: true); a different request with the same key is a 409. Keys are scoped to the API key and remembered for 24 hours. */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['NewCodeBatch'];
      };
    };
    responses: {
      /** @description Success. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CodeBatch'];
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Idempotency-Key reused with a different request, or the first request with it is still in progress. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body larger than the limit. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body not sent as application/json. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Well-formed request refused: it breaks a rule this document cannot state (one field against another, the clock; see the operation description) or a business rule (state, balances, quotas). */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getCodeBatch: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        batchId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CodeBatch'];
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listCodes: {
    parameters: {
      query?: {
        /** @description The last code of the previous page. */
        after?: string;
        limit?: number;
      };
      header?: never;
      path: {
        batchId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['PromotionCode'][];
            next: string | null;
          };
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Well-formed request refused: it breaks a rule this document cannot state (one field against another, the clock; see the operation description) or a business rule (state, balances, quotas). */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getCode: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PromotionCodeTerms'];
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Well-formed request refused: it breaks a rule this document cannot state (one field against another, the clock; see the operation description) or a business rule (state, balances, quotas). */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  claimCode: {
    parameters: {
      query?: never;
      header?: {
        /** @description Optional on every POST. Retries with the same key and the same request replay the first response (header Idempotent-Replayed: true); a different request with the same key is a 409. Keys are scoped to the API key and remembered for 24 hours. */
        'Idempotency-Key'?: string;
      };
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @example c-42 */
          customerId: string;
        };
      };
    };
    responses: {
      /** @description Success. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CodeClaim'];
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Idempotency-Key reused with a different request, or the first request with it is still in progress. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body larger than the limit. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body not sent as application/json. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Well-formed request refused: it breaks a rule this document cannot state (one field against another, the clock; see the operation description) or a business rule (state, balances, quotas). */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  voidCode: {
    parameters: {
      query?: never;
      header?: {
        /** @description Optional on every POST. Retries with the same key and the same request replay the first response (header Idempotent-Replayed: true); a different request with the same key is a 409. Keys are scoped to the API key and remembered for 24 hours. */
        'Idempotency-Key'?: string;
      };
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PromotionCodeTerms'];
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Idempotency-Key reused with a different request, or the first request with it is still in progress. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Well-formed request refused: it breaks a rule this document cannot state (one field against another, the clock; see the operation description) or a business rule (state, balances, quotas). */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  requestAdjustment: {
    parameters: {
      query?: never;
      header?: {
        /** @description Optional on every POST. Retries with the same key and the same request replay the first response (header Idempotent-Replayed: true); a different request with the same key is a 409. Keys are scoped to the API key and remembered for 24 hours. */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ManualAdjustmentRequest'];
      };
    };
    responses: {
      /** @description Success. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ManualAdjustment'];
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Idempotency-Key reused with a different request, or the first request with it is still in progress. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body larger than the limit. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body not sent as application/json. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Well-formed request refused: it breaks a rule this document cannot state (one field against another, the clock; see the operation description) or a business rule (state, balances, quotas). */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listAdjustments: {
    parameters: {
      query?: {
        status?: 'pending-approval' | 'approved' | 'executed' | 'rejected' | 'refused';
        customerId?: string;
        limit?: number;
        /** @description The `next` of the previous page (absent: the newest). */
        after?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['ManualAdjustment'][];
            /** @description Pass as `after` for the next page; null on the last. */
            next: string | null;
          };
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Well-formed request refused: it breaks a rule this document cannot state (one field against another, the clock; see the operation description) or a business rule (state, balances, quotas). */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  decideAdjustment: {
    parameters: {
      query?: never;
      header?: {
        /** @description Optional on every POST. Retries with the same key and the same request replay the first response (header Idempotent-Replayed: true); a different request with the same key is a 409. Keys are scoped to the API key and remembered for 24 hours. */
        'Idempotency-Key'?: string;
      };
      path: {
        adjustmentId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @enum {string} */
          decision: 'approve' | 'reject';
          note?: string;
        };
      };
    };
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ManualAdjustment'];
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Idempotency-Key reused with a different request, or the first request with it is still in progress. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body larger than the limit. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body not sent as application/json. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Well-formed request refused: it breaks a rule this document cannot state (one field against another, the clock; see the operation description) or a business rule (state, balances, quotas). */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getReferralLink: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReferralLink'];
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  simulateCampaign: {
    parameters: {
      query?: never;
      header?: {
        /** @description Optional on every POST. Retries with the same key and the same request replay the first response (header Idempotent-Replayed: true); a different request with the same key is a 409. Keys are scoped to the API key and remembered for 24 hours. */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** Format: date-time */
          startAt?: string;
          timelines: {
            name?: string;
            /**
             * @default {
             *       "customerId": "sim-customer",
             *       "email": "customer@example.com",
             *       "locale": "zh-CN",
             *       "orders": [],
             *       "credit": []
             *     }
             */
            profile?: {
              /**
               * @default sim-customer
               * @example c-42
               */
              customerId?: string;
              /**
               * Format: email
               * @default customer@example.com
               */
              email?: string;
              /**
               * @default zh-CN
               * @enum {string}
               */
              locale?: 'zh-CN' | 'en';
              phone?: string;
              signedUpDaysAgo?: number;
              /** @default [] */
              orders?: {
                /** @example c-42 */
                orderId?: string;
                daysAgo: number;
                amount: number;
                /** @default [] */
                categories?: string[];
              }[];
              /** @default [] */
              credit?: {
                amount: number;
                expiresInDays: number;
              }[];
            };
            events: (
              | {
                  /** @example P3D */
                  at: string;
                  /** @example c-42 */
                  customerId?: string;
                  /** @example c-42 */
                  eventId?: string;
                  event:
                    | {
                        /** @enum {string} */
                        type: 'signed_up';
                        /** Format: email */
                        email: string;
                        /**
                         * @default zh-CN
                         * @enum {string}
                         */
                        locale?: 'zh-CN' | 'en';
                        phone?: string;
                        deviceId?: string;
                        paymentFingerprint?: string;
                        referralCode?: string;
                      }
                    | {
                        /** @enum {string} */
                        type: 'order_placed';
                        /** @example c-42 */
                        orderId: string;
                        amount: number;
                        /** @default [] */
                        categories?: string[];
                        paymentFingerprint?: string;
                      }
                    | {
                        /** @enum {string} */
                        type: 'order_refunded';
                        /** @example c-42 */
                        orderId: string;
                        /** @description How much of the order this refund covers, in the terms of the order amount at checkout: that share of the cash and rebate credit redeemed on it comes back (coupons with the refund completing the order). Left out: the rest of the order. */
                        amount?: number;
                      }
                    | {
                        /** @enum {string} */
                        type: 'active';
                        /** @default visit */
                        activity?: string;
                      }
                    | {
                        /** @enum {string} */
                        type: 'review_submitted';
                        /** @example c-42 */
                        orderId?: string;
                        rating: number;
                      }
                    | {
                        /** @enum {string} */
                        type: 'custom';
                        /** @example webinar_attended */
                        name: string;
                        /** @default {} */
                        properties?: {
                          [key: string]: string | number | boolean | null | (string | number | boolean)[];
                        };
                      };
                }
              | {
                  /** @example P3D */
                  at: string;
                  /** @example c-42 */
                  customerId?: string;
                  /** @enum {string} */
                  decision: 'approve' | 'reject';
                  /**
                   * @default simulated-manager
                   * @example c-42
                   */
                  by?: string;
                }
              | {
                  /** @example P3D */
                  at: string;
                  /** @example c-42 */
                  customerId?: string;
                  compensation: {
                    /**
                     * @default simulated-agent
                     * @example c-42
                     */
                    agentId?: string;
                    amount: number;
                    reason: string;
                  };
                }
              | {
                  /** @example P3D */
                  at: string;
                  /** @example c-42 */
                  customerId?: string;
                  pointsDispute: {
                    /** @example c-42 */
                    orderId: string;
                    claimedAmount?: number;
                    claimedCategories?: string[];
                  };
                }
            )[];
            /** @example P3D */
            horizon?: string;
            variant?: string;
          }[];
        };
      };
    };
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            campaignId: string;
            journeyType: string;
            /**
             * Format: date-time
             * @description Business time (rounded to the minute).
             */
            startAt: string;
            results: {
              name: string | null;
              customerId: string;
              variant: string | null;
              /**
               * Format: date-time
               * @description Business time (rounded to the minute).
               */
              startAt: string;
              /**
               * Format: date-time
               * @description Business time (rounded to the minute).
               */
              endAt: string;
              /** @enum {string} */
              clock: 'exact' | 'shifted';
              horizonReached: boolean;
              deliveries: {
                /**
                 * Format: date-time
                 * @description Business time (rounded to the minute).
                 */
                at: string;
                customerId: string;
                event: string;
                delivery: string;
              }[];
              journeys: {
                workflowId: string;
                customerId: string;
                status: string;
                step: string;
                outcome: string | null;
                failureReason: string | null;
              }[];
              steps: {
                /**
                 * Format: date-time
                 * @description Business time (rounded to the minute).
                 */
                at: string;
                workflowId: string;
                step: string;
                kind: string;
                detail: {
                  [key: string]: unknown;
                };
              }[];
              credit: {
                /**
                 * Format: date-time
                 * @description Business time (rounded to the minute).
                 */
                at: string;
                type: string;
                customerId: string;
                /** @description Signed minor units: + into the wallet, − out of it. */
                amount: number;
                /** @description lot-1, lot-2, …: in the order lots first moved. */
                lotId: string | null;
                kind: string | null;
                /**
                 * Format: date-time
                 * @description Business time (rounded to the minute).
                 */
                expiresAt: string | null;
                memo: string | null;
              }[];
              points: {
                /**
                 * Format: date-time
                 * @description Business time (rounded to the minute).
                 */
                at: string;
                type: string;
                customerId: string;
                points: number;
                /**
                 * Format: date-time
                 * @description Business time (rounded to the minute).
                 */
                expiresAt: string | null;
                memo: string | null;
              }[];
              emails: {
                /**
                 * Format: date-time
                 * @description Business time (rounded to the minute).
                 */
                at: string;
                to: string;
                template: string;
                locale: string;
                subject: string;
                text: string;
              }[];
              tasks: {
                /**
                 * Format: date-time
                 * @description Business time (rounded to the minute).
                 */
                at: string;
                customerId: string;
                kind: string;
                title: string;
              }[];
              cost: {
                currency: string;
                granted: number;
                revoked: number;
                net: number;
                pointsAwarded: number;
              };
              summary: string[];
            }[];
          };
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Idempotency-Key reused with a different request, or the first request with it is still in progress. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body larger than the limit. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body not sent as application/json. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Well-formed request refused: it breaks a rule this document cannot state (one field against another, the clock; see the operation description) or a business rule (state, balances, quotas). */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency is unavailable. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  findCustomers: {
    parameters: {
      query?: {
        email?: string;
        phone?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CustomerSearch'];
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Well-formed request refused: it breaks a rule this document cannot state (one field against another, the clock; see the operation description) or a business rule (state, balances, quotas). */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getCustomer: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Customer'];
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  eraseCustomer: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CustomerErasure'];
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listCustomerJourneys: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CustomerJourneys'];
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getJourneyOverview: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['JourneyOverview'];
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  exportCustomer: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CustomerExport'];
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Well-formed request refused: it breaks a rule this document cannot state (one field against another, the clock; see the operation description) or a business rule (state, balances, quotas). */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  putAttributeType: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        name: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @enum {string} */
          type: 'string' | 'number' | 'boolean' | 'date' | 'string-list';
          description?: string;
        };
      };
    };
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AttributeType'];
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Idempotency-Key reused with a different request, or the first request with it is still in progress. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body larger than the limit. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body not sent as application/json. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listAttributeTypes: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['AttributeType'][];
          };
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  replaceCustomerAttributes: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          attributes: {
            [key: string]: string | number | boolean | string[];
          };
        };
      };
    };
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CustomerAttributesWritten'];
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Idempotency-Key reused with a different request, or the first request with it is still in progress. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body larger than the limit. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body not sent as application/json. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Well-formed request refused: it breaks a rule this document cannot state (one field against another, the clock; see the operation description) or a business rule (state, balances, quotas). */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  mergeCustomerAttributes: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          attributes: {
            [key: string]: string | number | boolean | string[] | null;
          };
        };
      };
    };
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CustomerAttributesWritten'];
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Idempotency-Key reused with a different request, or the first request with it is still in progress. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body larger than the limit. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body not sent as application/json. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Well-formed request refused: it breaks a rule this document cannot state (one field against another, the clock; see the operation description) or a business rule (state, balances, quotas). */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listSegments: {
    parameters: {
      query?: {
        /** @description The `next` of the previous page (absent: the first page). */
        after?: string;
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['Segment'][];
            /** @description Pass as `after` for the next page; null on the last. */
            next: string | null;
          };
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Well-formed request refused: it breaks a rule this document cannot state (one field against another, the clock; see the operation description) or a business rule (state, balances, quotas). */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createSegment: {
    parameters: {
      query?: never;
      header?: {
        /** @description Optional on every POST. Retries with the same key and the same request replay the first response (header Idempotent-Replayed: true); a different request with the same key is a 409. Keys are scoped to the API key and remembered for 24 hours. */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          name: string;
          /**
           * @description A segment filter tree (see POST /v1/segments).
           * @example {
           *       "all": [
           *         {
           *           "attribute": "region",
           *           "op": "eq",
           *           "value": "east"
           *         },
           *         {
           *           "fact": "orderCount",
           *           "op": "gte",
           *           "value": 2
           *         },
           *         {
           *           "not": {
           *             "attribute": "tags",
           *             "op": "contains",
           *             "value": "churned"
           *           }
           *         },
           *         {
           *           "birthday": {
           *             "withinDays": 7
           *           }
           *         }
           *       ]
           *     }
           */
          filter: {
            [key: string]: unknown;
          };
        };
      };
    };
    responses: {
      /** @description Success. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Segment'];
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Idempotency-Key reused with a different request, or the first request with it is still in progress. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body larger than the limit. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body not sent as application/json. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Well-formed request refused: it breaks a rule this document cannot state (one field against another, the clock; see the operation description) or a business rule (state, balances, quotas). */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  previewSegmentFilter: {
    parameters: {
      query?: never;
      header?: {
        /** @description Optional on every POST. Retries with the same key and the same request replay the first response (header Idempotent-Replayed: true); a different request with the same key is a 409. Keys are scoped to the API key and remembered for 24 hours. */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /**
           * @description A segment filter tree (see POST /v1/segments).
           * @example {
           *       "all": [
           *         {
           *           "attribute": "region",
           *           "op": "eq",
           *           "value": "east"
           *         },
           *         {
           *           "fact": "orderCount",
           *           "op": "gte",
           *           "value": 2
           *         },
           *         {
           *           "not": {
           *             "attribute": "tags",
           *             "op": "contains",
           *             "value": "churned"
           *           }
           *         },
           *         {
           *           "birthday": {
           *             "withinDays": 7
           *           }
           *         }
           *       ]
           *     }
           */
          filter: {
            [key: string]: unknown;
          };
        };
      };
    };
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SegmentPreview'];
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Idempotency-Key reused with a different request, or the first request with it is still in progress. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body larger than the limit. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body not sent as application/json. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Well-formed request refused: it breaks a rule this document cannot state (one field against another, the clock; see the operation description) or a business rule (state, balances, quotas). */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getSegment: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Segment'];
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  previewSegment: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SegmentPreview'];
        };
      };
      /** @description Invalid request: malformed JSON, or params/query/body/headers that do not match the schema. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No API key, or an unknown or revoked one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The API key lacks every role this operation allows. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Well-formed request refused: it breaks a rule this document cannot state (one field against another, the clock; see the operation description) or a business rule (state, balances, quotas). */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit exceeded (see Retry-After). */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error; quote the requestId. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getMetrics: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Metrics. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/plain': string;
        };
      };
    };
  };
}
