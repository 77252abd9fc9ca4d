/** What the search box holds: an email (has an @), a phone number (digits, +, spaces, dashes), else a customer id. */
export function searchKind(text: string): 'email' | 'phone' | 'id' {
  if (text.includes('@')) return 'email';
  if (/^\+?[\d\s\-().]{6,}$/.test(text) && /\d{5}/.test(text.replace(/\D/g, ''))) return 'phone';
  return 'id';
}
