import { ShieldCheck } from "lucide-react";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex h-10 items-center gap-2 bg-topbar px-3 font-semibold text-white">
        <ShieldCheck aria-hidden className="size-5" />
        Failback Portal
      </header>
      <main className="flex flex-1 items-start justify-center px-4 pt-16">
        <div className="w-full max-w-sm rounded-sm border border-border bg-bg p-6 shadow-sm">{children}</div>
      </main>
    </div>
  );
}
