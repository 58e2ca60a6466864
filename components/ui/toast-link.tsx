import Link from "next/link";

/** A link in a toast's description: in the toast's own text colour, which has the contrast the toast's background needs. */
export function ToastLink({ href, children }: { href: string; children: React.ReactNode }) {
  return (
    <Link href={href} className="font-medium underline">
      {children}
    </Link>
  );
}
