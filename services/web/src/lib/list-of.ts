/** Admin lists come as `{data: [...]}`; a bare array is accepted too. */
export function listOf<T>(value: { data?: T[] } | T[] | null | undefined): T[] {
  if (!value) return [];
  return Array.isArray(value) ? value : (value.data ?? []);
}
