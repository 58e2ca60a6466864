import * as React from "react";
import { cva, type VariantProps } from "class-variance-authority";
import { CheckCircle2, AlertTriangle, XCircle, Info, Loader2, MinusCircle, PauseCircle } from "lucide-react";
import { cn } from "@/lib/utils";

const badgeVariants = cva("inline-flex items-center gap-1 whitespace-nowrap text-[13px] [&_svg]:size-4 [&_svg]:shrink-0", {
  variants: {
    tone: {
      success: "[&_svg]:text-success",
      warning: "[&_svg]:text-warning",
      danger: "[&_svg]:text-danger",
      info: "[&_svg]:text-info",
      progress: "[&_svg]:text-info",
      neutral: "[&_svg]:text-fg-muted",
      paused: "[&_svg]:text-warning",
    },
  },
  defaultVariants: { tone: "neutral" },
});

export type StatusTone = NonNullable<VariantProps<typeof badgeVariants>["tone"]>;

const ICONS: Record<StatusTone, React.ComponentType<{ className?: string; "aria-hidden"?: boolean }>> = {
  success: CheckCircle2,
  warning: AlertTriangle,
  danger: XCircle,
  info: Info,
  progress: Loader2,
  neutral: MinusCircle,
  paused: PauseCircle,
};

/** A status shown as icon + text, never colour alone. */
export function StatusBadge({
  tone = "neutral",
  children,
  className,
}: {
  tone?: StatusTone;
  children: React.ReactNode;
  className?: string;
}) {
  const Icon = ICONS[tone];
  return (
    <span data-slot="status" className={cn(badgeVariants({ tone }), className)}>
      <Icon aria-hidden className={tone === "progress" ? "animate-spin" : undefined} />
      <span>{children}</span>
    </span>
  );
}
