/** JSON answers of the automation API. */
export function json(body: unknown, status = 200, headers?: Record<string, string>): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });
}

/** A list page: `{ value, nextLink }` (nextLink only when there is a next page). */
export function page(value: unknown[], nextLink?: string | null): Response {
  return json(nextLink ? { value, nextLink } : { value });
}
