import { clsx, type ClassValue } from "clsx";

/**
 * Joins class names (clsx). It does not resolve conflicting utilities (no tailwind-merge, ≈ 9 KB of
 * every page's first load): a component never emits two classes for the same property, and a caller
 * changes a default through the component's props (variants, `width`, `size` …), not its className.
 * tests/class-names.test.ts checks the primitives and their callers for such conflicts.
 */
export function cn(...inputs: ClassValue[]) {
  return clsx(inputs);
}
