import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl p-10">
      <h1 className="text-xl font-semibold">Not found</h1>
      <p className="mt-2 text-fg-muted">The resource you are looking for does not exist, or it was deleted.</p>
      <p className="mt-4">
        <Link href="/" className="text-accent hover:underline">
          Go to the vault overview
        </Link>
      </p>
    </main>
  );
}
