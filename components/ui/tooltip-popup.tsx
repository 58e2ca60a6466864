"use client";

import * as React from "react";
import { Tooltip as TooltipPrimitive } from "radix-ui";

/** Radix's tooltip around `children`, with its own provider (loaded on demand by ./tooltip). */
export default function TooltipPopup({ content, children }: { content: React.ReactNode; children: React.ReactNode }) {
  return (
    <TooltipPrimitive.Provider delayDuration={200}>
      <TooltipPrimitive.Root>
        <TooltipPrimitive.Trigger asChild>{children}</TooltipPrimitive.Trigger>
        <TooltipPrimitive.Portal>
          <TooltipPrimitive.Content
            data-slot="tooltip-content"
            sideOffset={4}
            className="z-50 max-w-xs rounded-sm bg-fg px-2 py-1 text-xs text-bg shadow"
          >
            {content}
          </TooltipPrimitive.Content>
        </TooltipPrimitive.Portal>
      </TooltipPrimitive.Root>
    </TooltipPrimitive.Provider>
  );
}
