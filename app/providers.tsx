"use client";

import dynamic from "next/dynamic";
import { ThemeProvider } from "next-themes";
import { TRPCReactProvider } from "@/lib/trpc/client";
import { UrlStateProvider } from "@/lib/url-state";

/** The toasts' host (sonner) loads after the page: no toast is shown before a user acts. */
const Toaster = dynamic(() => import("@/components/ui/toaster").then((m) => m.Toaster), { ssr: false });

export function Providers({ children }: { children: React.ReactNode }) {
  return (
    <ThemeProvider attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange>
      <TRPCReactProvider>
        <UrlStateProvider>
          {children}
          <Toaster />
        </UrlStateProvider>
      </TRPCReactProvider>
    </ThemeProvider>
  );
}
