"use client";

import * as React from "react";
import { Dialog as DialogPrimitive } from "radix-ui";
import { X } from "lucide-react";
import { FormProvider, type FieldValues, type UseFormReturn } from "react-hook-form";
import { cn } from "@/lib/utils";
import { Button } from "./button";
import { ErrorDetails, errorFieldsOf } from "./error-details";

export function Dialog(props: React.ComponentProps<typeof DialogPrimitive.Root>) {
  return <DialogPrimitive.Root data-slot="dialog" {...props} />;
}
export function DialogTrigger(props: React.ComponentProps<typeof DialogPrimitive.Trigger>) {
  return <DialogPrimitive.Trigger data-slot="dialog-trigger" {...props} />;
}
export function DialogClose(props: React.ComponentProps<typeof DialogPrimitive.Close>) {
  return <DialogPrimitive.Close data-slot="dialog-close" {...props} />;
}
export function DialogOverlay({ className, ...props }: React.ComponentProps<typeof DialogPrimitive.Overlay>) {
  return <DialogPrimitive.Overlay data-slot="dialog-overlay" className={cn("fixed inset-0 z-40 bg-black/40", className)} {...props} />;
}

/** The dialog's or the pane's box. */
export function dialogContentClass(side: "center" | "right", wide: boolean) {
  return cn(
    "fixed z-50 flex flex-col bg-bg text-fg shadow-xl focus:outline-none",
    side === "center" && "top-1/2 left-1/2 max-h-[90vh] w-full -translate-x-1/2 -translate-y-1/2 border border-border",
    side === "right" && "inset-y-0 right-0 h-full w-full border-l border-border",
    wide ? "max-w-2xl" : side === "center" ? "max-w-lg" : "max-w-xl",
  );
}

/** A dialog, or with side="right" the Azure portal's context pane that slides in from the right; `wide` for a wizard. */
export function DialogContent({
  className,
  children,
  side = "center",
  wide = false,
  ...props
}: React.ComponentProps<typeof DialogPrimitive.Content> & { side?: "center" | "right"; wide?: boolean }) {
  return (
    <DialogPrimitive.Portal data-slot="dialog-portal">
      <DialogOverlay />
      <DialogPrimitive.Content
        data-slot="dialog-content"
        data-side={side}
        className={cn(dialogContentClass(side, wide), className)}
        {...props}
      >
        {children}
        <DialogPrimitive.Close
          data-slot="dialog-close"
          className="absolute top-3 right-3 rounded-sm p-1 text-fg-muted hover:bg-bg-muted"
          aria-label="Close"
        >
          <X className="size-4" aria-hidden />
        </DialogPrimitive.Close>
      </DialogPrimitive.Content>
    </DialogPrimitive.Portal>
  );
}

export function DialogHeader({ className, ...props }: React.ComponentProps<"div">) {
  return <div data-slot="dialog-header" className={cn("border-b border-border-subtle px-5 pt-4 pb-3 pr-10", className)} {...props} />;
}
export function DialogBody({ className, ...props }: React.ComponentProps<"div">) {
  return <div data-slot="dialog-body" className={cn("flex-1 overflow-y-auto px-5 py-4", className)} {...props} />;
}
export function DialogFooter({ className, ...props }: React.ComponentProps<"div">) {
  return (
    <div
      data-slot="dialog-footer"
      className={cn("flex justify-start gap-2 border-t border-border-subtle px-5 py-3", className)}
      {...props}
    />
  );
}
export function DialogTitle({ className, ...props }: React.ComponentProps<typeof DialogPrimitive.Title>) {
  return <DialogPrimitive.Title data-slot="dialog-title" className={cn("text-lg font-semibold", className)} {...props} />;
}
export function DialogDescription({ className, ...props }: React.ComponentProps<typeof DialogPrimitive.Description>) {
  return <DialogPrimitive.Description data-slot="dialog-description" className={cn("mt-1 text-fg-muted", className)} {...props} />;
}

/**
 * A dialog (or, with side="right", a context pane) that is one form: title and description, a scrolling
 * body ending with the refusal banner when there is one (`error`), and a footer with the form's
 * `actions` followed by Cancel. Without a description the title is read out as one. `onSubmit` gets the
 * submit event, so react-hook-form's `handleSubmit(…)` can be passed as it is; with `form`, the
 * fields reach that form through useFormContext.
 */
export function FormDialog({
  open,
  onOpenChange,
  side,
  wide,
  title,
  description,
  header,
  onSubmit,
  actions,
  error,
  form,
  children,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  side?: "center" | "right";
  /** A wider dialog or pane (a wizard). */
  wide?: boolean;
  title: string;
  description?: React.ReactNode;
  /** Shown under the description, e.g. a wizard's steps. */
  header?: React.ReactNode;
  onSubmit: (event: React.FormEvent<HTMLFormElement>) => void;
  actions: React.ReactNode;
  /** A refused request shown as a banner (ErrorDetails) under the fields. */
  error?: unknown;
  /** The react-hook-form form of the fields, which reach it through useFormContext. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any form: the fields know its values
  form?: UseFormReturn<any, any, any>;
  children?: React.ReactNode;
}) {
  const body = (
    <DialogBody className="grid content-start gap-4">
      {children}
      {error ? <ErrorDetails error={errorFieldsOf(error)} /> : null}
    </DialogBody>
  );
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent side={side} wide={wide}>
        <form
          data-slot="dialog-form"
          className="flex min-h-0 flex-1 flex-col"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            onSubmit(e);
          }}
        >
          <DialogHeader>
            <DialogTitle>{title}</DialogTitle>
            {description ? (
              <DialogDescription>{description}</DialogDescription>
            ) : (
              <DialogDescription className="sr-only">{title}</DialogDescription>
            )}
            {header}
          </DialogHeader>
          {form ? <FormProvider {...(form as UseFormReturn<FieldValues>)}>{body}</FormProvider> : body}
          <DialogFooter>
            {actions}
            <Button type="button" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

/**
 * The dialog of one operation: a FormDialog whose action is OK (reading "Working…" while the request
 * runs). OK does nothing while `pending` or `submitDisabled`.
 */
export function OperationDialog({
  pending,
  submitLabel = "OK",
  submitDisabled,
  onSubmit,
  side = "center",
  ...props
}: Omit<React.ComponentProps<typeof FormDialog>, "actions"> & {
  pending?: boolean;
  submitLabel?: string;
  submitDisabled?: boolean;
}) {
  return (
    <FormDialog
      {...props}
      side={side}
      onSubmit={(e) => {
        if (!pending && !submitDisabled) onSubmit(e);
      }}
      actions={
        <Button type="submit" variant="primary" disabled={pending || submitDisabled}>
          {pending ? "Working…" : submitLabel}
        </Button>
      }
    />
  );
}
