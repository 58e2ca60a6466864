import type { RouterOutputs } from "@/lib/trpc/types";

export type ItemData = RouterOutputs["items"]["get"];

/** The props every item command dialog takes. */
export type ItemDialogProps = { vaultId: string; data: ItemData; open: boolean; onOpenChange: (open: boolean) => void };
