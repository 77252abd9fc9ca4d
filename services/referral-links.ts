import type { Pool } from 'pg';
import QRCode from 'qrcode';
import { ensureShareCode } from '../stores/customers';
import { displayCode, generateCodes } from './code-format';
import { ServiceError } from './errors';

export interface ReferralLink {
  customerId: string;
  /** The share code, grouped for people (K7QM-3XTV-9CH); sign-ups may send it in any case, with or without hyphens. */
  code: string;
  /** The storefront's invitation link carrying the code. */
  link: string;
  /** The link as a QR code, an SVG document. */
  qrSvg: string;
}

const ATTEMPTS = 5;

/**
 * A referrer's share code, link and QR code (推荐码). The code is generated once per customer like a unique promotion
 * code (random, check symbol), so a referral can no longer be made up from a customer id; sign-ups that name it, or
 * the legacy customer id, bind the referral (stores/customers.ts findCustomerByReferralCode).
 */
export class ReferralLinkService {
  constructor(
    private readonly pool: Pool,
    /** The invitation URL the code is appended to, e.g. https://shop.example/invite?ref= */
    private readonly linkBase: string,
  ) {}

  async referral(customerId: string): Promise<ReferralLink> {
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      const [candidate] = generateCodes(1) as [string];
      const code = await ensureShareCode(this.pool, customerId, candidate);
      if (code === null) {
        throw new ServiceError('not-found', 'CUSTOMER_NOT_FOUND', `No customer ${customerId}.`);
      }
      if (code === 'taken') continue;
      const link = `${this.linkBase}${encodeURIComponent(displayCode(code))}`;
      const qrSvg = await QRCode.toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      return { customerId, code: displayCode(code), link, qrSvg };
    }
    throw new Error(`no free share code after ${ATTEMPTS} draws`);
  }
}
