import { createElement as h, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { twMerge } from "tailwind-merge";
import { describe, expect, it } from "vitest";
import { Button } from "@/components/ui/button";
import { StatusBadge, type StatusTone } from "@/components/ui/badge";
import { dialogContentClass } from "@/components/ui/dialog";
import { Checkbox, Field, FieldError, FieldSet, Input, Select, Textarea } from "@/components/ui/field";
import { FilterSelect } from "@/components/ui/filter-select";
import { SearchBox } from "@/components/ui/search-box";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { Switch } from "@/components/ui/switch";
import { RadioGroup, RadioItem } from "@/components/ui/radio-group";
import { ThemeToggle } from "@/components/shell/theme-toggle";

// `cn` only joins class names: a class list in which tailwind-merge would drop a class (two
// utilities for the same property) would now leave the winner to the stylesheet's order. Every
// element the primitives render, with their variants and the classNames their callers pass, must
// be one tailwind-merge leaves as it is.
function classLists(element: ReactElement): string[] {
  const html = renderToStaticMarkup(element);
  return [...html.matchAll(/class="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, "&"));
}

function expectNoConflicts(element: ReactElement) {
  const lists = classLists(element);
  expect(lists.length).toBeGreaterThan(0);
  for (const list of lists) expect(twMerge(list), list).toBe(list.trim().replace(/\s+/g, " "));
}

const noop = () => undefined;

describe("class names of the UI primitives have no conflicting utilities", () => {
  const variants = ["primary", "secondary", "command", "topbar", "danger", "link"] as const;
  const sizes = ["default", "sm", "icon"] as const;
  it.each(variants.flatMap((variant) => sizes.map((size) => [variant, size] as const)))("Button %s %s", (variant, size) => {
    expectNoConflicts(h(Button, { variant, size }, "OK"));
  });

  it("a command's padding is its size's, and px-2 around an icon alone", () => {
    const cls = (size: "default" | "sm" | "icon") => classLists(h(Button, { variant: "command", size }, "OK"))[0]!.split(" ");
    expect(cls("default")).toEqual(expect.arrayContaining(["h-8", "px-3"]));
    expect(cls("default")).not.toContain("px-2");
    expect(cls("sm")).toEqual(expect.arrayContaining(["h-7", "px-2"]));
    expect(cls("icon")).toEqual(expect.arrayContaining(["size-8", "px-2"]));
  });

  it("the theme toggle and the callers' buttons", () => {
    expectNoConflicts(h(ThemeToggle));
    expectNoConflicts(h(Button, { variant: "link", className: "self-end" }, "Clear filters"));
  });

  it.each(["success", "warning", "danger", "info", "progress", "neutral", "paused"] as StatusTone[])("StatusBadge %s", (tone) => {
    expectNoConflicts(h(StatusBadge, { tone, children: "Healthy" }));
  });

  it("text controls, with their widths and the callers' classNames", () => {
    expectNoConflicts(h(Input, { defaultValue: "x" }));
    expectNoConflicts(h(Input, { readOnly: true, value: "t", className: "font-mono" }));
    expectNoConflicts(h(SearchBox, { value: "", onSearch: noop, className: "pl-7" }));
    expectNoConflicts(h(SearchBox, { value: "", onSearch: noop, width: "w-56" }));
    for (const width of [undefined, "w-24", "w-32", "w-40", "w-56"] as const)
      expectNoConflicts(h(Select, { width }, h("option", null, "a")));
    expectNoConflicts(h(Textarea, { defaultValue: "notes" }));
    expectNoConflicts(h(FilterSelect, { id: "f", label: "Status", value: null, options: [["a", "A"]], onChange: noop }));
    expectNoConflicts(h(FilterSelect, { id: "f", label: "Status", value: "a", options: [["a", "A"]], onChange: noop, width: "w-44" }));
  });

  it("a select's and a search box's width replaces the full row's", () => {
    expect(classLists(h(Select, { width: "w-40" }))[0]!.split(" ")).not.toContain("w-full");
    expect(classLists(h(Select, {}))[0]!.split(" ")).toContain("w-full");
    expect(classLists(h(SearchBox, { value: "", onSearch: noop, width: "w-56" }))[0]!.split(" ")).toContain("w-56");
  });

  it("fields, field sets and their errors", () => {
    for (const className of [undefined, "w-36", "w-52", "w-72", "min-w-40"])
      expectNoConflicts(h(Field, { label: "Name", description: "d", error: "bad", required: true, className, children: h(Input) }));
    expectNoConflicts(
      h(Field, {
        label: "Location",
        group: true,
        children: h(RadioGroup, null, h(RadioItem, { value: "a", label: "A", description: "d" })),
      }),
    );
    expectNoConflicts(h(FieldError, { error: "Wrong password", size: "body" }));
    expectNoConflicts(h(FieldSet, { legend: "Items", error: "Choose one", dense: true, children: h(Checkbox, { label: "a" }) }));
    expectNoConflicts(h(FieldSet, { legend: "Items", children: h(Checkbox, { label: "a" }) }));
    expect(classLists(h(FieldError, { error: "x", size: "body" }))[0]!.split(" ")).not.toContain("text-xs");
  });

  it("tables, with the callers' cells", () => {
    const cells = [
      "py-6 text-center text-fg-muted",
      "text-right",
      "whitespace-nowrap",
      "max-w-xs",
      "max-w-xs truncate font-mono text-xs",
      "text-fg-muted",
      "font-semibold",
    ];
    expectNoConflicts(
      h(
        Table,
        { className: "mt-2" },
        h(TableHeader, null, h(TableRow, null, h(TableHead, null, "Name"))),
        h(TableBody, null, h(TableRow, null, ...cells.map((className) => h(TableCell, { key: className, className }, "x")))),
      ),
    );
  });

  it("tabs, switch and dialog boxes", () => {
    expectNoConflicts(
      h(Tabs, { defaultValue: "a" }, h(TabsList, null, h(TabsTrigger, { value: "a" }, "A")), h(TabsContent, { value: "a" }, "x")),
    );
    expectNoConflicts(h(Switch, { checked: true }));
    for (const side of ["center", "right"] as const)
      for (const wide of [false, true]) {
        const cls = dialogContentClass(side, wide);
        expect(twMerge(cls)).toBe(cls);
      }
    expect(dialogContentClass("right", true).split(" ")).toEqual(expect.arrayContaining(["max-w-2xl"]));
    expect(dialogContentClass("right", true).split(" ")).not.toContain("max-w-xl");
  });
});
