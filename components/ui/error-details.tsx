"use client";

import Link from "next/link";
import { useParams } from "next/navigation";
import { XCircle } from "lucide-react";
import { placesIn } from "@/lib/portal-places";

export type ErrorFields = { code?: string | null; message: string; possibleCauses?: string | null; recommendedAction?: string | null };

/** The one way an error is shown: message, error code, possible causes, recommended action. */
export function ErrorDetails({ error, title }: { error: ErrorFields; title?: string }) {
  // The places the action names link to their pages in this vault: no dead end.
  const vaultId = useParams<{ vault?: string }>()?.vault;
  const places = vaultId ? placesIn(error.recommendedAction) : [];
  return (
    <div data-slot="error-details" role="alert" className="border-l-4 border-danger bg-bg-subtle p-3">
      <p className="flex items-start gap-1 font-semibold">
        <XCircle aria-hidden className="mt-0.5 size-4 shrink-0 text-danger" />
        {title ?? error.message}
      </p>
      <dl className="mt-1 grid grid-cols-[10rem_1fr] gap-x-2 gap-y-1">
        {title ? (
          <>
            <dt className="text-fg-muted">Message</dt>
            <dd>{error.message}</dd>
          </>
        ) : null}
        {error.code ? (
          <>
            <dt className="text-fg-muted">Error code</dt>
            <dd>{error.code}</dd>
          </>
        ) : null}
        {error.possibleCauses ? (
          <>
            <dt className="text-fg-muted">Possible causes</dt>
            <dd>{error.possibleCauses}</dd>
          </>
        ) : null}
        {error.recommendedAction ? (
          <>
            <dt className="text-fg-muted">Recommended action</dt>
            <dd>
              {error.recommendedAction}
              {places.map((p) => (
                <Link key={p.label} href={p.href(vaultId!)} className="ml-2 text-accent underline">
                  {p.label}
                </Link>
              ))}
            </dd>
          </>
        ) : null}
      </dl>
    </div>
  );
}

/** Reads the domain error fields out of a tRPC client error. */
export function errorFieldsOf(err: unknown): ErrorFields {
  const e = err as { message?: string; data?: { domainError?: ErrorFields | null } } | null;
  return e?.data?.domainError ?? { message: e?.message ?? "The request failed." };
}
