/**
 * How a form reads a refused request. Pure functions, no zod (pages whose forms have no schema do
 * not load it): the React side is `components/ui/use-server-errors.ts`.
 */

type ErrorData = {
  domainError?: { kind?: string } | null;
  fieldErrors?: Record<string, string[] | undefined> | null;
} | null;

function dataOf(err: unknown): ErrorData | undefined {
  return (err as { data?: ErrorData } | null)?.data;
}

/** Per-field messages of a refused request (the server's zod schema or a domain rule), keyed by input field path. */
export function fieldErrorsOf(err: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(dataOf(err)?.fieldErrors ?? {})) if (v?.length) out[k] = v;
  return out;
}

/**
 * A refusal other than bad input (not allowed in this state, a conflict, not found): its error code,
 * possible causes and recommended action deserve the banner even when a field shows its message.
 */
export function isRefusal(err: unknown): boolean {
  const kind = dataOf(err)?.domainError?.kind;
  return !!kind && kind !== "Invalid";
}

/** Whether a form with these top-level `fields` shows the message of `key` (an input path like `legacy.cores`). */
function shows(fields: readonly string[], key: string): boolean {
  return fields.some((f) => key === f || key.startsWith(`${f}.`));
}

/** The field messages of a refused request that go under one of the form's `fields`. */
export function placedFieldErrors(err: unknown, fields: readonly string[]): Record<string, string[]> {
  return Object.fromEntries(Object.entries(fieldErrorsOf(err)).filter(([k]) => shows(fields, k)));
}

/**
 * The one rule every form follows: a refused request is a banner (ErrorDetails) unless all it says is
 * field messages that the form's `fields` show.
 */
export function needsBanner(err: unknown, fields: readonly string[]): boolean {
  if (!err) return false;
  const keys = Object.keys(fieldErrorsOf(err));
  return isRefusal(err) || keys.length === 0 || keys.some((k) => !shows(fields, k));
}

/** The one choice a list offers, proposed before the user chooses (empty when there are several or none). */
export function soleId(list: readonly { id: string }[] | undefined): string {
  return list?.length === 1 ? list[0]!.id : "";
}
