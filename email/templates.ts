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
  'flow-message': {
    // A flow journey's emails carry their campaign's own copy (SendEmailRequest.copy), rendered instead of this text;
    // this entry names them in the log and is what a request that lost its copy would send.
    subject: { 'zh-CN': '来自 perkflow 的消息', en: 'A message from perkflow' },
    body: { 'zh-CN': '您好 {name}，\n\n您有一条新消息。', en: 'Hello {name},\n\nYou have a new message.' },
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
  'member-tier-upgraded': {
    subject: { 'zh-CN': '恭喜升级为{toZh}会员', en: 'You are now a {toEn} member' },
    body: {
      'zh-CN':
        '您好 {name}，\n\n您近 12 个月累计消费 {spend} {currency}，会员等级已由{fromZh}升级为{toZh}。\n\n自即日起，每笔订单在退货期结束后返还 {rate}% 权益金。',
      en: 'Hello {name},\n\nWith {spend} {currency} spent over the last 12 months you moved up from {fromEn} to {toEn}.\n\nFrom now on every order earns {rate}% back as rebate credit once its return window has passed.',
    },
  },
  'member-tier-downgraded': {
    subject: { 'zh-CN': '您的会员等级已调整为{toZh}', en: 'Your membership is now {toEn}' },
    body: {
      'zh-CN':
        '您好 {name}，\n\n在本期等级评估中，您近 12 个月累计消费 {spend} {currency}，会员等级由{fromZh}调整为{toZh}，订单返利比例为 {rate}%。\n\n再消费即可重新升级，期待您的光临。',
      en: 'Hello {name},\n\nAt this period review your spend over the last 12 months was {spend} {currency}, so your membership moved from {fromEn} to {toEn}; orders now earn {rate}% back.\n\nSpend more to move up again at once.',
    },
  },
  'loyalty-rebate-granted': {
    subject: {
      'zh-CN': '订单返利 {amount} {currency} 已到账',
      en: 'Your {amount} {currency} rebate is here',
    },
    body: {
      'zh-CN':
        '您好 {name}，\n\n{programZh}：订单 {orderId} 按 {rate}% 返还的 {amount} {currency} 权益金已发放到您的账户，有效期至 {expiresOn}。',
      en: 'Hello {name},\n\n{programEn}: {rate}% of order {orderId} came back as {amount} {currency} of rebate credit, valid until {expiresOn}.',
    },
  },
  'prepayment-bonus-granted': {
    subject: {
      'zh-CN': '闪电付款权益金 {amount} {currency} 已到账',
      en: 'Your prepayment bonus: {amount} {currency} credit',
    },
    body: {
      'zh-CN':
        '您好 {name}，\n\n感谢您预付订单 {orderId}！我们额外为您发放 {rate}% 的闪电付款权益金 {amount} {currency}，有效期至 {expiresOn}。',
      en: 'Hello {name},\n\nThank you for paying order {orderId} in advance! Here is a {rate}% prepayment bonus: {amount} {currency} of credit, valid until {expiresOn}.',
    },
  },
  'points-expiring': {
    subject: {
      'zh-CN': '您有 {points} 积分将于 {expiresOn} 到期',
      en: '{points} of your points expire on {expiresOn}',
    },
    body: {
      'zh-CN':
        '您好 {name}，\n\n您的积分余额为 {balance}，其中 {points} 积分将于 {expiresOn} 到期清零，请尽快兑换心仪的赠品。',
      en: 'Hello {name},\n\nYou have {balance} points; {points} of them expire on {expiresOn}. Redeem them for a reward before then.',
    },
  },
  'points-expiring-partial': {
    subject: {
      'zh-CN': '您有 {points} 积分将于 {expiresOn} 到期',
      en: '{points} of your points expire on {expiresOn}',
    },
    body: {
      'zh-CN':
        '您好 {name}，\n\n您的积分余额为 {balance}。按年度规则，未使用积分的 {percent}% 即 {points} 积分将于 {expiresOn} 到期清零，请尽快兑换心仪的赠品。',
      en: 'Hello {name},\n\nYou have {balance} points. Under the yearly rule {percent}% of unused points, {points} points, expire on {expiresOn}. Redeem them for a reward before then.',
    },
  },
  'points-donation-certificate': {
    subject: {
      'zh-CN': '公益捐赠证书：{points} 积分捐赠给 {charity}',
      en: 'Donation certificate: {points} points to {charity}',
    },
    body: {
      'zh-CN':
        '您好 {name}，\n\n感谢您的爱心！兹证明您于 {donatedOn} 向公益项目「{charity}」捐赠 {points} 积分。\n证书编号：{certificateId}',
      en: 'Hello {name},\n\nThank you! This certifies that on {donatedOn} you donated {points} points to {charity}.\nCertificate number: {certificateId}',
    },
  },
  'points-dispute-approved': {
    subject: { 'zh-CN': '积分补录完成：{points} 积分', en: 'Missing points added: {points} points' },
    body: {
      'zh-CN': '您好 {name}，\n\n经复核，订单 {orderId} 的 {points} 积分已为您补录到账。',
      en: 'Hello {name},\n\nWe checked order {orderId} and added the {points} missing points to your account.',
    },
  },
  'points-dispute-rejected': {
    subject: { 'zh-CN': '积分复核结果：订单 {orderId}', en: 'About your points claim for order {orderId}' },
    body: {
      'zh-CN':
        '您好 {name}，\n\n很抱歉，订单 {orderId} 的积分申诉未通过复核（{reason}）。如有疑问请联系客服。',
      en: 'Hello {name},\n\nSorry, we could not confirm missing points for order {orderId} ({reason}). Contact support if you have questions.',
    },
  },
} as const satisfies Record<string, EmailTemplate>;

/** The id of a template in the catalogue: an unknown id does not compile. */
export type TemplateId = keyof typeof TEMPLATES;

/** The `{placeholder}` names in one template text. */
type Placeholders<Text> = Text extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;

/** Every variable template `T` needs, in either locale: a caller that leaves one out does not compile. */
export type TemplateVarName<T extends TemplateId> = Placeholders<
  (typeof TEMPLATES)[T][keyof EmailTemplate][Locale]
>;
