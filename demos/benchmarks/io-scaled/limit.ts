/**
 * Calls `fn` on every item with at most `limit` calls in flight, like a thread
 * pool's `map` with `max_workers=limit`. Results keep the order of `items`.
 */
export async function mapWithLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  const queue = items.entries(); // one iterator, shared: each lane takes the next item
  async function lane(): Promise<void> {
    for (const [index, item] of queue) {
      results[index] = await fn(item);
    }
  }
  const lanes = Math.min(limit, items.length);
  await Promise.all(Array.from({ length: lanes }, () => lane()));
  return results;
}
