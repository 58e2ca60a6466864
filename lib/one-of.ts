/** Narrows a URL parameter to one of the values the API accepts; anything else is no filter. */
export function oneOf<const T extends string>(values: readonly T[], value: string | undefined): T | undefined {
  return (values as readonly string[]).includes(value ?? "") ? (value as T) : undefined;
}
