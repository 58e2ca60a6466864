/**
 * The portal places a recommended action may send the administrator to ("Configuration Servers >
 * Accounts > Update credentials", "the Lab" …), each with its page. The error display links the
 * places an action names; lib/portal-places.test.ts fails when an action names a place that has
 * no route.
 */

export type PortalPlace = {
  /** What an action calls the place (the Azure portal's words). */
  phrase: RegExp;
  /** The link's text. */
  label: string;
  /** The app/ route (folder under app/(portal)) the place is on. */
  route: string;
  /** The page's URL in the vault, with its tab when the place is a tab. */
  href: (vaultId: string) => string;
};

const vault = (vaultId: string, path: string) => `/vaults/${encodeURIComponent(vaultId)}${path}`;

/** The most specific first: an action links each page once. */
export const PORTAL_PLACES: PortalPlace[] = [
  {
    phrase: /Configuration Servers >[^.()]*\bAccounts\b|\bAccounts > (Update credentials|Add account)/,
    label: "Open Accounts",
    route: "vaults/[vault]/configuration-servers",
    href: (v) => vault(v, "/configuration-servers"),
  },
  {
    phrase: /Configuration Servers >[^.()]*\bvCenter servers\b/,
    label: "Open vCenter servers",
    route: "vaults/[vault]/configuration-servers",
    href: (v) => vault(v, "/configuration-servers"),
  },
  {
    phrase: /Configuration Servers >[^.()]*(\+ )?Process server/,
    label: "Open Configuration Servers",
    route: "vaults/[vault]/configuration-servers",
    href: (v) => vault(v, "/configuration-servers"),
  },
  {
    phrase: /\bConfiguration Servers\b/,
    label: "Open Configuration Servers",
    route: "vaults/[vault]/configuration-servers",
    href: (v) => vault(v, "/configuration-servers"),
  },
  { phrase: /\bthe Lab\b|\bLab\b/, label: "Open the Lab", route: "vaults/[vault]/lab", href: (v) => vault(v, "/lab") },
  {
    phrase: /\bReplication policies\b/,
    label: "Open Replication policies",
    route: "vaults/[vault]/policies",
    href: (v) => vault(v, "/policies"),
  },
  {
    phrase: /\bRecovery Plans\b/,
    label: "Open Recovery Plans",
    route: "vaults/[vault]/recovery-plans",
    href: (v) => vault(v, "/recovery-plans"),
  },
  {
    phrase: /\bReplicated items\b/,
    label: "Open Replicated items",
    route: "vaults/[vault]/replicated-items",
    href: (v) => vault(v, "/replicated-items"),
  },
  { phrase: /\bJobs\b/, label: "Open Jobs", route: "vaults/[vault]/jobs", href: (v) => vault(v, "/jobs") },
];

/** The places an action names, each page once. */
export function placesIn(action: string | null | undefined): PortalPlace[] {
  if (!action) return [];
  const found: PortalPlace[] = [];
  for (const p of PORTAL_PLACES) if (p.phrase.test(action) && !found.some((f) => f.href("x") === p.href("x"))) found.push(p);
  return found;
}

/**
 * The portal paths an action names: "Configuration Servers > cs-01 > Accounts > Update credentials"
 * (a " > " path that starts with a vault menu entry).
 */
export const MENU_ENTRIES = ["Configuration Servers", "Replication policies", "Recovery Plans", "Replicated items", "Jobs", "Lab"] as const;
export function menuPathsIn(action: string): string[] {
  return [...action.matchAll(new RegExp(`(${MENU_ENTRIES.join("|")})( > [^.,()]+)+`, "g"))].map((m) => m[0]);
}
