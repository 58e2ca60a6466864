/**
 * `toast.success` / `toast.error` (sonner), loaded with the first toast: sonner stays out of the
 * blades' first load (the host, <Toaster>, loads after the page; see app/providers.tsx).
 */
import type { ExternalToast } from "sonner";

type Message = string | React.ReactNode;

const show = (kind: "success" | "error", message: Message, data?: ExternalToast) =>
  void import("sonner").then(({ toast }) => toast[kind](message, data));

export const toast = {
  success: (message: Message, data?: ExternalToast) => show("success", message, data),
  error: (message: Message, data?: ExternalToast) => show("error", message, data),
};
