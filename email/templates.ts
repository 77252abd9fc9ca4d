/** Locales every template ships in; zh-CN first because the programs come from Chinese marketing plans. */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export type TemplateVars = Record<string, string | number>;

export interface EmailTemplate {
  subject: Record<Locale, string>;
  body: Record<Locale, string>;
}

/**
 * Message catalogue. `{name}` placeholders are filled from the vars; amounts arrive pre-formatted (see formatMoney).
 * Bodies are plain text paragraphs separated by blank lines; the HTML part is derived from them.
 */
export const TEMPLATES = {
  'journey-probe': {
    subject: { 'zh-CN': '旅程测试：{step}', en: 'Journey probe: {step}' },
    body: { 'zh-CN': '您好 {name}，旅程步骤 {step} 已执行。', en: 'Hello {name}, journey step {step} ran.' },
  },
} satisfies Record<string, EmailTemplate>;

export type TemplateId = keyof typeof TEMPLATES;
