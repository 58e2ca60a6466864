"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { LayoutDashboard, Server, ListChecks, ClipboardList, Network, FileCog, FlaskConical, Users, ScrollText } from "lucide-react";
import { cn } from "@/lib/utils";

const MAIN = [
  { slug: "overview", label: "Overview", icon: LayoutDashboard },
  { slug: "replicated-items", label: "Replicated items", icon: Server },
  { slug: "recovery-plans", label: "Recovery Plans", icon: ListChecks },
  { slug: "jobs", label: "Jobs", icon: ClipboardList },
];
const INFRA = [
  { slug: "configuration-servers", label: "Configuration Servers", icon: Network },
  { slug: "policies", label: "Replication policies", icon: FileCog },
];
const MANAGE = [
  { slug: "lab", label: "Lab", icon: FlaskConical },
  { slug: "activity-log", label: "Activity log", icon: ScrollText },
  { slug: "users", label: "Users", icon: Users },
];

export function VaultNav({ vaultId }: { vaultId: string }) {
  const pathname = usePathname();
  const link = (item: (typeof MAIN)[number]) => {
    const href = `/vaults/${vaultId}/${item.slug}`;
    const active = pathname === href || pathname.startsWith(href + "/");
    const Icon = item.icon;
    return (
      <li key={item.slug}>
        <Link
          href={href}
          aria-current={active ? "page" : undefined}
          className={cn("flex items-center gap-2 px-3 py-1.5 hover:bg-bg-muted", active && "bg-bg-muted font-semibold")}
        >
          <Icon aria-hidden className="size-4 text-accent" />
          {item.label}
        </Link>
      </li>
    );
  };
  return (
    <nav aria-label="Vault menu" className="w-56 shrink-0 border-r border-border bg-bg-subtle py-2">
      <ul>{MAIN.map(link)}</ul>
      <h2 className="mt-3 px-3 py-1 text-xs font-semibold text-fg-muted">Site Recovery infrastructure</h2>
      <ul>{INFRA.map(link)}</ul>
      <h2 className="mt-3 px-3 py-1 text-xs font-semibold text-fg-muted">Manage</h2>
      <ul>{MANAGE.map(link)}</ul>
    </nav>
  );
}
