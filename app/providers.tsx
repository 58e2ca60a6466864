"use client";

import { ThemeProvider } from "next-themes";
import { TRPCReactProvider } from "@/lib/trpc/client";
import { TooltipProvider } from "@/components/ui/tooltip";
import { Toaster } from "@/components/ui/toaster";
import { UrlStateProvider } from "@/lib/url-state";

export function Providers({ children }: { children: React.ReactNode }) {
  return (
    <ThemeProvider attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange>
      <TRPCReactProvider>
        <UrlStateProvider>
          <TooltipProvider>
            {children}
            <Toaster />
          </TooltipProvider>
        </UrlStateProvider>
      </TRPCReactProvider>
    </ThemeProvider>
  );
}
