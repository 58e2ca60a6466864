"use client";

import * as React from "react";
import { useDebounced } from "@/lib/use-url-params";
import { Input } from "@/components/ui/field";

/**
 * A search input that shows what is typed at once and calls `onSearch` once typing pauses
 * (e.g. to put the search in the URL). `value` is the search it starts from.
 */
export function SearchBox({
  value,
  onSearch,
  ...props
}: Omit<React.ComponentProps<typeof Input>, "value" | "onChange" | "type"> & {
  value?: string;
  onSearch: (value: string) => void;
}) {
  const [text, setText] = React.useState(value ?? "");
  const search = useDebounced(onSearch);
  return (
    <Input
      type="search"
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        search(e.target.value);
      }}
      {...props}
    />
  );
}
