/**
 * tRPC over HTTP as the browser calls it (session cookie, superjson): timed page queries against a
 * trivial procedure, interleaved so that both see the same machine load.
 */
import { performance } from "node:perf_hooks";
import { BENCH_ADMIN } from "./scratch";

export type Session = { url: string; cookie: string };

export async function signIn(url: string): Promise<Session> {
  const res = await fetch(`${url}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: url },
    body: JSON.stringify({ email: BENCH_ADMIN.email, password: BENCH_ADMIN.password }),
  });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return { url, cookie };
}

/** GET /api/trpc/<path>; returns the decoded `json` of the result, throws on an error answer. */
export async function query<T = unknown>(session: Session, procedure: string, input?: unknown): Promise<T> {
  const qs = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  const res = await fetch(`${session.url}/api/trpc/${procedure}${qs}`, { headers: { cookie: session.cookie } });
  const body = (await res.json()) as { result?: { data: { json: T } }; error?: unknown };
  if (!res.ok || !body.result) throw new Error(`${procedure}: ${res.status} ${JSON.stringify(body.error)}`);
  return body.result.data.json;
}

export async function mutate<T = unknown>(session: Session, procedure: string, input: unknown): Promise<T> {
  const res = await fetch(`${session.url}/api/trpc/${procedure}`, {
    method: "POST",
    headers: { cookie: session.cookie, "content-type": "application/json", origin: session.url },
    body: JSON.stringify({ json: input }),
  });
  const text = await res.text();
  let body: { result?: { data: { json: T } }; error?: unknown };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new Error(`${procedure}: ${res.status} ${res.statusText}: ${text.slice(0, 500) || "(empty body)"}`);
  }
  if (!res.ok || !body.result) throw new Error(`${procedure}: ${res.status} ${JSON.stringify(body.error)}`);
  return body.result.data.json;
}

/**
 * Times each named call `runs` times, round-robin (one of each in turn), after `warm` untimed
 * rounds. Returns the samples by name.
 */
export async function timeCalls(calls: Record<string, () => Promise<unknown>>, runs: number, warm = 3): Promise<Record<string, number[]>> {
  const out: Record<string, number[]> = Object.fromEntries(Object.keys(calls).map((k) => [k, []]));
  for (let i = 0; i < warm + runs; i++) {
    for (const [name, call] of Object.entries(calls)) {
      const t = performance.now();
      await call();
      if (i >= warm) out[name]!.push(performance.now() - t);
    }
  }
  return out;
}
