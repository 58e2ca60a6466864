"use client";

import * as React from "react";
import { useParams } from "next/navigation";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { denialReason, type Operation } from "@/server/domain/users/roles";
import { Button, type ButtonProps } from "@/components/ui/button";
import { Tooltip } from "@/components/ui/tooltip";

/** The signed-in user's role and permissions in a vault (users.me), shared by every gate on the page. */
export function useVaultRole(vaultId?: string) {
  const params = useParams<{ vault?: string }>();
  const id = vaultId ?? params?.vault ?? "";
  const trpc = useTRPC();
  return useQuery({ ...trpc.users.me.queryOptions({ vaultId: id }), enabled: !!id, staleTime: 30_000 });
}

export type Can = { allowed: boolean; reason: string | null; loading: boolean };

/**
 * May the signed-in user run `operation` in this vault? Driven by the one role table
 * (server/domain/users/roles.ts), the same one the server enforces.
 */
export function useCan(operation: Operation, vaultId?: string): Can {
  const me = useVaultRole(vaultId);
  if (!me.data)
    return { allowed: false, reason: me.isLoading ? null : "Your role in this vault could not be loaded.", loading: me.isLoading };
  const allowed = me.data.permissions[operation];
  return { allowed, reason: allowed ? null : denialReason(me.data.role, operation), loading: false };
}

/** Renders children with the gate's answer, e.g. `<RoleGate operation="failover">{(can) => …}</RoleGate>`. */
export function RoleGate({
  operation,
  vaultId,
  children,
}: {
  operation: Operation;
  vaultId?: string;
  children: (can: Can) => React.ReactNode;
}) {
  return <>{children(useCan(operation, vaultId))}</>;
}

/**
 * A command button the user's role may disable. A refused button stays focusable
 * (aria-disabled) and says why: as its accessible description and in a tooltip.
 * `disabledReason` lets a blade add its own (state) reason; the role reason wins.
 */
export function GatedButton({
  operation,
  vaultId,
  disabledReason,
  onClick,
  children,
  ...props
}: ButtonProps & { operation: Operation; vaultId?: string; disabledReason?: string | null }) {
  const can = useCan(operation, vaultId);
  const reason = can.reason ?? (props.disabled ? null : disabledReason) ?? null;
  const refused = can.loading || !can.allowed || !!disabledReason;
  const descId = React.useId();
  const button = (
    <Button
      {...props}
      aria-disabled={refused || undefined}
      aria-describedby={[props["aria-describedby"], reason ? descId : null].filter(Boolean).join(" ") || undefined}
      onClick={(e) => {
        if (refused) {
          e.preventDefault();
          return;
        }
        onClick?.(e);
      }}
    >
      {children}
    </Button>
  );
  if (!reason) return button;
  return (
    <>
      <Tooltip content={reason}>{button}</Tooltip>
      <span id={descId} className="sr-only">
        {reason}
      </span>
    </>
  );
}
