"use client";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto max-w-xl p-10">
      <h1 className="text-xl font-semibold">This blade could not be loaded</h1>
      <p role="alert" className="mt-2 text-fg-muted">
        {error.digest ? `Reference: ${error.digest}. ` : ""}Nothing was changed. Try again, or go back to the overview.
      </p>
      <button className="mt-4 rounded-sm bg-accent px-3 py-1.5 text-white" onClick={() => reset()}>
        Try again
      </button>
    </main>
  );
}
