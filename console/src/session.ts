/**
 * The signed-in API key lives in sessionStorage only: gone when the tab closes, never in a URL, a cookie or
 * localStorage, and sent only as an Authorization header to this origin (api/client.ts).
 */
const API_KEY = 'perkflow.console.apiKey';

export function readApiKey(): string | null {
  return sessionStorage.getItem(API_KEY);
}

export function storeApiKey(key: string): void {
  sessionStorage.setItem(API_KEY, key);
}

export function forgetApiKey(): void {
  sessionStorage.removeItem(API_KEY);
}
