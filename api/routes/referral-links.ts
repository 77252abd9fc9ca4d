import { z } from 'zod';
import type { ReferralLinkService } from '../../services/referral-links';
import { defineModule, defineRoute, type ApiModule } from '../platform/define-route';
import { Id } from './schemas';

const ReferralLinkSchema = z
  .object({
    customerId: z.string(),
    code: z.string().meta({ example: 'K7QM-3XTV-9CH' }),
    link: z.string(),
    qrSvg: z.string().meta({ description: 'The link as a QR code (an SVG document).' }),
  })
  .meta({ id: 'ReferralLink' });

/** A referrer's share code, link and QR code (推荐码): what the storefront shows on "invite a friend". */
export function createReferralLinksModule(referralLinks: ReferralLinkService): ApiModule {
  return defineModule({
    name: 'referrals',
    description: 'Share codes, links and QR codes of referrers.',
    routes: [
      defineRoute({
        method: 'get',
        path: '/v1/customers/:id/referral',
        operationId: 'getReferralLink',
        summary: 'A customer’s share code, invitation link and QR code',
        description:
          'The code is generated on first request and stays the customer’s (random, with a check symbol: it cannot be ' +
          'guessed from a customer id). A signed_up event whose referralCode is this code, in any case and with or ' +
          'without hyphens, binds the referral; a legacy code (the referrer’s customer id) still works.',
        auth: ['storefront', 'growth', 'support'],
        request: { params: z.strictObject({ id: Id }) },
        response: { status: 200, schema: ReferralLinkSchema },
        problemStatuses: [404],
        handler: ({ params }) => referralLinks.referral(params.id),
      }),
    ],
  });
}
