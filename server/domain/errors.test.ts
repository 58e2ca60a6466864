import { describe, expect, it } from "vitest";
import { DomainError } from "./errors";

describe("DomainError", () => {
  it("is recognised by instanceof even when it comes from another copy of the module", async () => {
    const copy = (await import("./errors?copy" as string)) as typeof import("./errors");
    expect(copy.DomainError).not.toBe(DomainError);
    const foreign = new copy.DomainError("NotAllowed", { code: "95226", message: "refused" });
    expect(foreign).toBeInstanceOf(DomainError);
    expect(new DomainError("Invalid", { code: "x", message: "y" })).toBeInstanceOf(copy.DomainError);
    expect(new Error("plain")).not.toBeInstanceOf(DomainError);
    expect({ kind: "NotAllowed", code: "1", message: "m" }).not.toBeInstanceOf(DomainError);
  });
});
