import { TEMPLATES, type EmailTemplate, type Locale, type TemplateId, type TemplateVars } from './templates';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function fill(template: string, vars: TemplateVars, templateId: string): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = vars[name];
    // A missing variable is a bug in the caller; sending "{amount}" to a customer is worse than failing the activity.
    if (value === undefined) throw new Error(`email template ${templateId} needs variable "${name}"`);
    return String(value);
  });
}

export function renderEmail(
  templateId: TemplateId,
  locale: Locale,
  vars: TemplateVars,
  /** A campaign's own copy, rendered instead of the catalogue's text (flow journeys). */
  copy?: EmailTemplate,
): RenderedEmail {
  // Typed callers cannot name an unknown template, but the id arrives through an activity's JSON payload.
  const template: EmailTemplate | undefined = copy ?? TEMPLATES[templateId];
  if (!template) throw new Error(`unknown email template ${templateId}`);
  const subject = fill(template.subject[locale], vars, templateId);
  const text = fill(template.body[locale], vars, templateId);
  const paragraphs = text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
  const html =
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>` +
    `<body style="font-family:sans-serif;line-height:1.5">${paragraphs}</body></html>`;
  return { subject, text, html };
}
