import * as React from "react";

/** A blade's title row, optional command bar, and body. */
export function BladeHeader({ title, subtitle, commands }: { title: string; subtitle?: React.ReactNode; commands?: React.ReactNode }) {
  return (
    <div className="mb-3">
      <h1 className="text-xl font-semibold">{title}</h1>
      {subtitle ? <p className="text-fg-muted">{subtitle}</p> : null}
      {commands ? (
        <div role="toolbar" aria-label="Commands" className="mt-2 flex flex-wrap items-center gap-1 border-b border-border-subtle pb-1">
          {commands}
        </div>
      ) : null}
    </div>
  );
}

/** A titled part of a blade: a section named by its h2 (`id` is the heading's, from the title by default). */
export function Section({
  title,
  children,
  id,
  className = "mt-5",
}: {
  title: string;
  children: React.ReactNode;
  id?: string;
  className?: string;
}) {
  const headingId = id ?? title.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  return (
    <section aria-labelledby={headingId} className={className || undefined}>
      <h2 id={headingId} className="mb-2 text-base font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

export function EmptyState({ children }: { children: React.ReactNode }) {
  return <p className="py-6 text-center text-fg-muted">{children}</p>;
}

/** What a view shows until its query has data: the error that stopped it, or Loading…. */
export function QueryFallback({ error }: { error: { message: string } | null }) {
  return error ? (
    <p role="alert" className="text-danger">
      {error.message}
    </p>
  ) : (
    <p className="text-fg-muted">Loading…</p>
  );
}
