/** A page of an API list kept oldest first: its items and the `after` of the next page (null: the last). */
export interface Paged<T, Cursor = string> {
  items: T[];
  next: Cursor | null;
}

/** How many items the console asks for per page (the API's most). */
export const PAGE_LIMIT = 500;

/**
 * The first `pages` pages of a list, walked by `next`; `more` when the list goes on beyond them. The screen shows
 * what it loaded and offers the rest on demand, so a program with thousands of campaigns does not load them all.
 */
export async function firstPages<T, Cursor = string>(
  fetchPage: (after: Cursor | undefined) => Promise<Paged<T, Cursor>>,
  pages: number,
): Promise<{ items: T[]; more: boolean }> {
  const items: T[] = [];
  let after: Cursor | undefined;
  for (let page = 0; page < pages; page++) {
    const result = await fetchPage(after);
    items.push(...result.items);
    if (result.next === null) return { items, more: false };
    after = result.next;
  }
  return { items, more: true };
}

/** A whole list (one an operator picks from, such as the segments), walked by `next`. */
export async function allPages<T>(fetchPage: (after: string | undefined) => Promise<Paged<T>>): Promise<T[]> {
  return (await firstPages(fetchPage, Number.POSITIVE_INFINITY)).items;
}
