import * as React from "react";
import { cva, type VariantProps } from "class-variance-authority";
import { cn } from "@/lib/utils";

const buttonVariants = cva(
  "inline-flex items-center justify-center gap-1.5 whitespace-nowrap rounded-sm text-[13px] font-normal transition-colors disabled:pointer-events-none disabled:opacity-50 aria-disabled:cursor-not-allowed aria-disabled:opacity-50 [&_svg]:size-4 [&_svg]:shrink-0",
  {
    variants: {
      variant: {
        primary: "bg-accent text-white hover:bg-accent-strong",
        secondary: "border border-border bg-bg text-fg hover:bg-bg-muted",
        command: "text-fg hover:bg-bg-muted [&_svg]:text-accent",
        /** A command of the dark top bar. */
        topbar: "text-white hover:bg-white/10 [&_svg]:text-white",
        danger: "bg-danger text-white hover:opacity-90",
        link: "text-accent underline-offset-2 hover:underline",
      },
      size: { default: "h-8 px-3", sm: "h-7 px-2", icon: "size-8" },
    },
    // A command's padding: its size's, and px-2 around an icon alone.
    compoundVariants: [{ variant: ["command", "topbar"], size: "icon", class: "px-2" }],
    defaultVariants: { variant: "secondary", size: "default" },
  },
);

export type ButtonProps = React.ComponentProps<"button"> & VariantProps<typeof buttonVariants>;

/** A button; a link that looks like one takes `buttonVariants(…)` as its className (no Slot: Radix stays out of every page's first load). */
export function Button({ className, variant, size, ...props }: ButtonProps) {
  return <button data-slot="button" className={cn(buttonVariants({ variant, size }), className)} {...props} />;
}

export { buttonVariants };
