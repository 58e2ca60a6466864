"use client";

import { LogOut } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { useQueryClient } from "@tanstack/react-query";

/** The top bar's "Sign out" control. */
export function SignOutButton({ className }: { className?: string }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [pending, startTransition] = useTransition();
  return (
    <button
      type="button"
      disabled={pending}
      className={className ?? "inline-flex h-8 items-center gap-1.5 rounded-sm px-2 text-white/90 hover:bg-white/10 disabled:opacity-50"}
      onClick={() =>
        startTransition(async () => {
          // Better Auth's client is loaded when it is needed, not with every blade.
          const { authClient } = await import("./auth-client");
          await authClient.signOut();
          queryClient.clear();
          router.push("/sign-in");
          router.refresh();
        })
      }
    >
      <LogOut aria-hidden className="size-4" />
      Sign out
    </button>
  );
}
