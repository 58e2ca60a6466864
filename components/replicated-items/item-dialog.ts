import type { RouterOutputs } from "@/lib/trpc/types";
import type { VaultDialogProps } from "@/lib/use-operation-done";

export type ItemData = RouterOutputs["items"]["get"];

/** The props every item command dialog takes. */
export type ItemDialogProps = VaultDialogProps & { data: ItemData };
