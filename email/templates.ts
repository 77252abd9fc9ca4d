/** Locales every template ships in; zh-CN first because the programs come from Chinese marketing plans. */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export type TemplateVars = Record<string, string | number>;

export interface EmailTemplate {
  subject: Record<Locale, string>;
  body: Record<Locale, string>;
}

/**
 * Message catalogue. `{name}` placeholders are filled from the vars (a missing one fails the send rather than
 * mailing a customer a raw placeholder). Amounts arrive formatted in major units. Bodies are plain-text paragraphs
 * separated by blank lines; the HTML part is derived from them.
 */
export const TEMPLATES = {
  'journey-probe': {
    subject: { 'zh-CN': '旅程测试：{step}', en: 'Journey probe: {step}' },
    body: { 'zh-CN': '您好 {name}，旅程步骤 {step} 已执行。', en: 'Hello {name}, journey step {step} ran.' },
  },
  'trial-credit-granted': {
    subject: {
      'zh-CN': '您的新品体验金 {amount} {currency} 已到账',
      en: 'Your {amount} {currency} trial credit is ready',
    },
    body: {
      'zh-CN':
        '您好 {name}，\n\n欢迎加入！我们已向您的账户发放 {amount} {currency} 新品体验金，有效期至 {expiresOn}。\n\n首单即可抵扣，低门槛体验高品质。',
      en: 'Hello {name},\n\nWelcome! We added {amount} {currency} of trial credit to your account. It is valid until {expiresOn}.\n\nUse it on your first order.',
    },
  },
  'trial-credit-expiring': {
    subject: {
      'zh-CN': '您的体验金将在 {daysLeft} 天后过期',
      en: 'Your trial credit expires in {daysLeft} days',
    },
    body: {
      'zh-CN': '您好 {name}，\n\n您的 {amount} {currency} 新品体验金将于 {expiresOn} 过期，别错过首单优惠。',
      en: 'Hello {name},\n\nYour {amount} {currency} trial credit expires on {expiresOn}. Place your first order before then.',
    },
  },
  'repurchase-voucher': {
    subject: {
      'zh-CN': '送您一张复购券：满 {minOrder} 减 {amount}',
      en: 'A repurchase voucher for you: {amount} off {minOrder}',
    },
    body: {
      'zh-CN':
        '您好 {name}，\n\n感谢您的首单！我们为您准备了复购启动金：订单满 {minOrder} {currency} 立减 {amount} {currency}，有效期至 {expiresOn}。',
      en: 'Hello {name},\n\nThank you for your first order! Here is a repurchase voucher: {amount} {currency} off any order of {minOrder} {currency} or more, valid until {expiresOn}.',
    },
  },
  'dormancy-offer': {
    subject: { 'zh-CN': '好久不见，{name}！专属回归礼遇', en: 'We miss you, {name}: a welcome-back offer' },
    body: {
      'zh-CN': '您好 {name}，\n\n您已有 {dormantDays} 天没有光顾了。{offer}\n\n期待您的回归。',
      en: 'Hello {name},\n\nIt has been {dormantDays} days since your last visit. {offer}\n\nWe hope to see you again soon.',
    },
  },
  'dormancy-gift': {
    subject: {
      'zh-CN': '回归礼：{amount} {currency} 权益金已到账',
      en: 'A welcome-back gift: {amount} {currency} credit',
    },
    body: {
      'zh-CN':
        '您好 {name}，\n\n为感谢您一直以来的支持，我们向您的账户发放了 {amount} {currency} 专属权益金，有效期至 {expiresOn}。',
      en: 'Hello {name},\n\nAs a thank-you, we added {amount} {currency} of credit to your account, valid until {expiresOn}.',
    },
  },
  'referral-reward': {
    subject: {
      'zh-CN': '推荐奖励 {amount} {currency} 已到账',
      en: 'Your referral reward of {amount} {currency} is here',
    },
    body: {
      'zh-CN':
        '您好 {name}，\n\n{reason}，{amount} {currency} 推荐权益金已发放到您的账户，有效期至 {expiresOn}。',
      en: 'Hello {name},\n\n{reason}: {amount} {currency} of referral credit is now in your account, valid until {expiresOn}.',
    },
  },
  'referral-tier': {
    subject: {
      'zh-CN': '恭喜！您已成功推荐 {count} 位好友',
      en: 'Congratulations: {count} successful referrals',
    },
    body: {
      'zh-CN': '您好 {name}，\n\n您已成功推荐 {count} 位好友，获得：{reward}。感谢您的信任与分享！',
      en: 'Hello {name},\n\nYou have referred {count} friends successfully and earned: {reward}. Thank you for spreading the word!',
    },
  },
  'compensation-granted': {
    subject: {
      'zh-CN': '客情维护金 {amount} {currency} 已到账',
      en: '{amount} {currency} of credit from our support team',
    },
    body: {
      'zh-CN':
        '您好 {name}，\n\n对于给您带来的不便我们深表歉意。客服已为您发放 {amount} {currency} 权益金（{reason}），有效期至 {expiresOn}。',
      en: 'Hello {name},\n\nWe are sorry for the trouble. Our support team added {amount} {currency} of credit to your account ({reason}), valid until {expiresOn}.',
    },
  },
  'lot-expiring': {
    subject: {
      'zh-CN': '您有 {amount} {currency} 权益金即将过期',
      en: '{amount} {currency} of your credit expires soon',
    },
    body: {
      'zh-CN':
        '您好 {name}，\n\n您账户中的 {amount} {currency} 权益金将于 {expiresOn}（{daysLeft} 天后）过期，请尽快使用。',
      en: 'Hello {name},\n\n{amount} {currency} of credit in your account expires on {expiresOn} (in {daysLeft} days). Use it before then.',
    },
  },
  'support-task': {
    subject: { 'zh-CN': '[perkflow 客服] {title}', en: '[perkflow support] {title}' },
    body: {
      'zh-CN': '任务 #{taskId}（{kind}），客户 {customerId}。\n\n{detail}',
      en: 'Task #{taskId} ({kind}) for customer {customerId}.\n\n{detail}',
    },
  },
} satisfies Record<string, EmailTemplate>;

export type TemplateId = keyof typeof TEMPLATES;
