"use client";

import * as React from "react";
import { Select } from "./control";

/**
 * A grid's filter: a labelled select whose first option, "All", clears it. `options` are
 * [value, label] pairs, in the order shown; `width` is the select's (w-48 by default). Memoized: a
 * grid re-renders at each key typed in its search and at each page of rows, and a filter can have
 * thousands of choices (the Jobs grid's Item); with `options` and `onChange` kept stable by the
 * caller, those renders skip it.
 */
export const FilterSelect = React.memo(FilterSelectImpl) as typeof FilterSelectImpl;

function FilterSelectImpl<T extends string>({
  id,
  label,
  value,
  options,
  onChange,
  width = "w-48",
}: {
  id: string;
  label: string;
  value: T | null;
  options: readonly (readonly [string, string])[];
  onChange: (v: T | null) => void;
  width?: `w-${string}`;
}) {
  return (
    <div className="grid gap-0.5">
      <label htmlFor={id} className="text-xs text-fg-muted">
        {label}
      </label>
      <Select id={id} value={value ?? ""} onChange={(e) => onChange((e.target.value || null) as T | null)} width={width}>
        <option value="">All</option>
        {options.map(([k, v]) => (
          <option key={k} value={k}>
            {v}
          </option>
        ))}
      </Select>
    </div>
  );
}
