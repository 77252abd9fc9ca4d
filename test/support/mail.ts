import type { CapturedMail } from '../../infra/dev/mail-capture';
import { harnessValue } from './shared-env';

export function testSmtpSettings(): { host: string; port: number; secure: false } {
  return { host: '127.0.0.1', port: Number(harnessValue('smtpPort')), secure: false };
}

export async function mailTo(recipient: string): Promise<CapturedMail[]> {
  const res = await fetch(`${harnessValue('inboxUrl')}/api/messages?to=${encodeURIComponent(recipient)}`);
  if (!res.ok) throw new Error(`inbox answered ${res.status}`);
  return (await res.json()) as CapturedMail[];
}

/** A recipient address no other test uses, so assertions never see another test's mail. */
export function uniqueRecipient(tag: string): string {
  return `${tag}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@test.perkflow.local`;
}
