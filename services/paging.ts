import type { PageOf } from '../stores/creation-order-page';
import { ServiceError } from './errors';

export type { CreationOrderPage, PageOf } from '../stores/creation-order-page';

/**
 * A store's page, or the refusal of an `after` that named nothing of the list (not an id a page handed out, or
 * one deleted since): answering an empty page would read as "no more" and silently end the caller's walk.
 */
export function pageOrRefuse<T>(page: PageOf<T> | null): PageOf<T> {
  if (page) return page;
  throw new ServiceError('unprocessable', 'UNKNOWN_PAGE_CURSOR', 'after names nothing of this list.', [
    { path: ['query', 'after'], message: 'must be the next of a previous page', code: 'unknown_cursor' },
  ]);
}
