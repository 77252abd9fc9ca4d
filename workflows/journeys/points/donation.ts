import { Journey } from '../../shared/journey';
import { dateOnly } from '../../shared/money';
import { startField, type JourneyStart } from '../../shared/journey-input';
import type { PointsConfig, PointsDonation } from './config';

/** A donation certificate run starts with the donation the ledger recorded. */
export type PointsDonationStart = JourneyStart<PointsConfig> & { donation: PointsDonation };

/**
 * 积分捐赠公益: the certificate (电子证书) of one donation. The API moved the points to the charity's account in the
 * ledger first (refusing when they are short); this run emails the certificate through the email outbox with the
 * mail activity's retries, once per donation (its workflow id and the email's key are the donation's).
 */
export async function pointsDonationCertificate(start: PointsDonationStart): Promise<string> {
  const donation = startField(start, 'donation');
  const j = new Journey<PointsConfig>(start);
  if (!donation) return j.finish('refused', 'no-donation');
  j.state.details.donation = donation;
  const sent = await j.emailCustomer('email:certificate', 'points-donation-certificate', {
    points: donation.points,
    charity: donation.charityName,
    donatedOn: dateOnly(donation.donatedAt),
    certificateId: donation.donationId,
  });
  return j.finish('completed', sent ? 'certificate-sent' : 'no-email', { points: donation.points });
}
