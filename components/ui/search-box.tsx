"use client";

import * as React from "react";
import { Input } from "./control";

/**
 * A search input. Pair it with `searchParam` (lib/url-state.tsx): what is typed shows at once
 * and reaches the URL once typing pauses.
 */
export function SearchBox({
  value,
  onSearch,
  ...props
}: Omit<React.ComponentProps<typeof Input>, "value" | "onChange" | "type"> & {
  value: string;
  onSearch: (value: string) => void;
}) {
  return <Input type="search" value={value} onChange={(e) => onSearch(e.target.value)} {...props} />;
}
