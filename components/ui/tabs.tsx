"use client";

/**
 * Tabs with the WAI-ARIA tabs pattern, as Radix's Tabs render them (same roles, ids, data-state and
 * keyboard: arrows, Home and End move between the tabs and select the one focused), in a few lines
 * instead of Radix's roving-focus collection, which was most of a configuration server page's own script.
 */
import * as React from "react";
import { cn } from "@/lib/utils";

type TabsContextValue = { value: string; select: (value: string) => void; baseId: string };

const TabsContext = React.createContext<TabsContextValue | null>(null);

function useTabs(): TabsContextValue {
  const tabs = React.useContext(TabsContext);
  if (!tabs) throw new Error("A tab is used outside <Tabs>.");
  return tabs;
}

const triggerId = (baseId: string, value: string) => `${baseId}-trigger-${value}`;
const contentId = (baseId: string, value: string) => `${baseId}-content-${value}`;

/** The selected tab is `value` (controlled, with onValueChange) or starts at `defaultValue`. */
export function Tabs({
  value: controlled,
  defaultValue,
  onValueChange,
  ...props
}: Omit<React.ComponentProps<"div">, "defaultValue" | "dir"> & {
  value?: string;
  defaultValue?: string;
  onValueChange?: (value: string) => void;
}) {
  const [own, setOwn] = React.useState(defaultValue ?? "");
  const value = controlled ?? own;
  const baseId = React.useId();
  const select = React.useCallback(
    (next: string) => {
      if (next === value) return;
      if (controlled === undefined) setOwn(next);
      onValueChange?.(next);
    },
    [value, controlled, onValueChange],
  );
  const context = React.useMemo(() => ({ value, select, baseId }), [value, select, baseId]);
  return (
    <TabsContext.Provider value={context}>
      <div data-slot="tabs" dir="ltr" data-orientation="horizontal" {...props} />
    </TabsContext.Provider>
  );
}

const NAVIGATION_KEYS = ["ArrowLeft", "ArrowRight", "Home", "End"];

export function TabsList({ className, onKeyDown, ...props }: React.ComponentProps<"div">) {
  return (
    <div
      data-slot="tabs-list"
      role="tablist"
      aria-orientation="horizontal"
      data-orientation="horizontal"
      className={cn("flex gap-4 border-b border-border", className)}
      onKeyDown={(event) => {
        onKeyDown?.(event);
        if (event.defaultPrevented || !NAVIGATION_KEYS.includes(event.key) || event.altKey || event.ctrlKey || event.metaKey) return;
        const tabs = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('[role="tab"]:not(:disabled)')];
        const at = tabs.indexOf(event.target as HTMLButtonElement);
        if (at < 0 || !tabs.length) return;
        event.preventDefault();
        // Arrows wrap around; focusing a tab selects it (automatic activation).
        const next =
          event.key === "Home"
            ? 0
            : event.key === "End"
              ? tabs.length - 1
              : (at + (event.key === "ArrowRight" ? 1 : -1) + tabs.length) % tabs.length;
        tabs[next]!.focus();
      }}
      {...props}
    />
  );
}

export function TabsTrigger({
  value,
  className,
  disabled,
  onMouseDown,
  onKeyDown,
  onFocus,
  ...props
}: Omit<React.ComponentProps<"button">, "value"> & { value: string }) {
  const tabs = useTabs();
  const active = tabs.value === value;
  return (
    <button
      type="button"
      role="tab"
      aria-selected={active}
      aria-controls={contentId(tabs.baseId, value)}
      data-state={active ? "active" : "inactive"}
      data-disabled={disabled ? "" : undefined}
      disabled={disabled}
      data-orientation="horizontal"
      id={triggerId(tabs.baseId, value)}
      // Tab reaches the selected tab only; the arrows move between them.
      tabIndex={active ? 0 : -1}
      data-slot="tabs-trigger"
      className={cn(
        "-mb-px border-b-2 border-transparent px-1 py-2 text-fg-muted hover:text-fg data-[state=active]:border-accent data-[state=active]:font-semibold data-[state=active]:text-fg",
        className,
      )}
      onMouseDown={(event) => {
        onMouseDown?.(event);
        // The main button selects (not a Ctrl+click, the macOS right click); the others do not even focus it.
        if (!disabled && event.button === 0 && !event.ctrlKey) tabs.select(value);
        else event.preventDefault();
      }}
      onKeyDown={(event) => {
        onKeyDown?.(event);
        if (event.key === " " || event.key === "Enter") tabs.select(value);
      }}
      onFocus={(event) => {
        onFocus?.(event);
        if (!active && !disabled) tabs.select(value);
      }}
      {...props}
    />
  );
}

/** The panel of tab `value`; its content is rendered only while the tab is selected. */
export function TabsContent({ value, className, children, ...props }: Omit<React.ComponentProps<"div">, "value"> & { value: string }) {
  const tabs = useTabs();
  const active = tabs.value === value;
  return (
    <div
      data-slot="tabs-content"
      data-state={active ? "active" : "inactive"}
      data-orientation="horizontal"
      role="tabpanel"
      aria-labelledby={triggerId(tabs.baseId, value)}
      hidden={!active}
      id={contentId(tabs.baseId, value)}
      tabIndex={0}
      className={cn("pt-3", className)}
      {...props}
    >
      {active ? children : null}
    </div>
  );
}
