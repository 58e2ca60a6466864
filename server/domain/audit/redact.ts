/** Keys whose values are credentials: never stored in the activity log, never logged. */
export const SECRET_KEY = /pass|secret|token/i;
export const REDACTED = "[redacted]";

/** A deep copy of `value` with every secret-looking key's value replaced; cycles and depth are bounded. */
export function redactSecrets(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (value === null || typeof value !== "object") return value;
  if (value instanceof Date) return value.toISOString();
  if (seen.has(value) || depth > 8) return "[…]";
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => redactSecrets(v, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = SECRET_KEY.test(k) ? REDACTED : redactSecrets(v, depth + 1, seen);
  }
  return out;
}

const MAX_SUMMARY = 2000;

/** The input summary an activity-log row stores: redacted JSON, truncated. */
export function summarizeInput(input: unknown): string | null {
  if (input === undefined) return null;
  let text: string;
  try {
    text = JSON.stringify(redactSecrets(input)) ?? "";
  } catch {
    text = "[unserializable input]";
  }
  return text.length > MAX_SUMMARY ? text.slice(0, MAX_SUMMARY - 1) + "…" : text;
}
