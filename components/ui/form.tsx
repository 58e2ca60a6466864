"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm, type FieldValues, type Resolver, type UseFormProps } from "react-hook-form";
import type { z } from "zod";
import { withoutBlanks } from "@/lib/schema-values";

type ObjectSchema = z.ZodType<FieldValues, FieldValues>;

/** Validates with a server schema (or a `.pick()` of it); blank optional fields count as not given. */
export function schemaResolver<S extends ObjectSchema>(schema: S): Resolver<z.input<S>, unknown, z.output<S>> {
  const resolve = zodResolver(schema);
  return (values, context, options) => resolve(withoutBlanks(schema, values) as z.input<S>, context, options);
}

/**
 * A react-hook-form form over a server input schema: its values are what the schema takes, the submit
 * handler gets what it returns (trimmed, defaults applied).
 */
export function useSchemaForm<S extends ObjectSchema>(schema: S, props?: Omit<UseFormProps<z.input<S>, unknown, z.output<S>>, "resolver">) {
  return useForm<z.input<S>, unknown, z.output<S>>({ ...props, resolver: schemaResolver(schema) });
}
