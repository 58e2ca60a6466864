"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { ChevronRight } from "lucide-react";

const SEGMENT_LABEL: Record<string, string> = {
  overview: "Overview",
  "replicated-items": "Replicated items",
  "recovery-plans": "Recovery Plans",
  jobs: "Jobs",
  "configuration-servers": "Configuration Servers",
  policies: "Replication policies",
  lab: "Lab",
  "activity-log": "Activity log",
  users: "Users",
  profile: "Profile",
};

/** Home > vault > blade > item, derived from the URL so every view is linkable. */
export function Breadcrumbs({ vaultId, vaultName }: { vaultId: string; vaultName: string }) {
  const pathname = usePathname();
  const rest = pathname.split("/").slice(3).filter(Boolean);
  const crumbs = [{ href: `/vaults/${vaultId}/overview`, label: vaultName }];
  let href = `/vaults/${vaultId}`;
  for (const seg of rest) {
    href += `/${seg}`;
    if (seg === "overview") continue;
    crumbs.push({ href, label: SEGMENT_LABEL[seg] ?? decodeURIComponent(seg) });
  }
  return (
    <nav aria-label="Breadcrumb" className="px-5 pt-2 text-xs">
      <ol className="flex flex-wrap items-center gap-1 text-fg-muted">
        <li>
          <Link href="/" className="text-accent hover:underline">
            Home
          </Link>
        </li>
        {crumbs.map((c, i) => (
          <li key={c.href} className="flex items-center gap-1">
            <ChevronRight aria-hidden className="size-3" />
            {i === crumbs.length - 1 ? (
              <span aria-current="page">{c.label}</span>
            ) : (
              <Link href={c.href} className="text-accent hover:underline">
                {c.label}
              </Link>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
