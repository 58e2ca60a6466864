"use client";

import * as React from "react";

/**
 * Radix's tooltip (and Floating UI under it) is loaded the first time a tooltip is rendered, so
 * blades whose buttons are all allowed do not carry it; until it arrives the trigger is shown as is
 * (what a tooltip says is also the trigger's accessible description where it matters).
 */
const TooltipPopup = React.lazy(() => import("./tooltip-popup"));

export function Tooltip({ content, children }: { content: React.ReactNode; children: React.ReactNode }) {
  return (
    <React.Suspense fallback={children}>
      <TooltipPopup content={content}>{children}</TooltipPopup>
    </React.Suspense>
  );
}
