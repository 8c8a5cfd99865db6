import type { List, ListParams } from '../types.js';

/** Walks every page of a list, following `nextCursor`, one request per page. */
export async function* autoPaginate<T, P extends ListParams>(
  fetchPage: (params: P) => Promise<List<T>>,
  params: P,
): AsyncGenerator<T, void, undefined> {
  let cursor = params.startingAfter;
  for (;;) {
    const page = await fetchPage({ ...params, startingAfter: cursor });
    yield* page.data;
    const last = page.data.at(-1) as { id?: string } | undefined;
    const next = page.nextCursor ?? last?.id;
    if (!page.hasMore || next === undefined || next === cursor) return;
    cursor = next;
  }
}
