"use client";

import * as React from "react";

export type FieldErrors = Record<string, string[]>;

/** A form's values and its per-field errors: changing a field clears that field's error; `reset` restores `initial`. */
export function useFormFields<F extends object>(initial: F) {
  const [values, setValues] = React.useState<F>(initial);
  const [errors, setErrors] = React.useState<FieldErrors>({});
  const set = (patch: Partial<F>) => {
    setValues((prev) => ({ ...prev, ...patch }));
    setErrors((prev) => {
      const next = { ...prev };
      for (const k of Object.keys(patch)) delete next[k];
      return next;
    });
  };
  const reset = () => {
    setValues(initial);
    setErrors({});
  };
  return { values, set, errors, setErrors, reset };
}
