import { integer, text, type AnySQLiteColumn } from "drizzle-orm/sqlite-core";

/** Primary key: a random UUID unless the caller supplies one (the seed uses readable ids). */
export const id = () =>
  text("id")
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID());

/** Timestamps are stored as epoch milliseconds and read back as Date. */
export const timestamp = (name: string) => integer(name, { mode: "timestamp_ms" });

export const bool = (name: string) => integer(name, { mode: "boolean" });

/** JSON documents that have no life of their own outside their row. */
export const json = <T>(name: string) => text(name, { mode: "json" }).$type<T>();

/** A row that belongs to its parent: a required reference, deleted with the parent. */
export const ownedBy = (name: string, parent: () => AnySQLiteColumn) => text(name).notNull().references(parent, { onDelete: "cascade" });
