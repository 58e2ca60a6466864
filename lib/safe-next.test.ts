import { describe, expect, it } from "vitest";
import { safeNext } from "./safe-next";

describe("safeNext: only a path on this portal after sign-in", () => {
  it("keeps the portal's own paths, with their query and hash", () => {
    for (const p of [
      "/",
      "/vaults/contoso-dr-vault/overview",
      "/vaults/v/replicated-items?search=web%20server&status=healthy",
      "/jobs#top",
    ])
      expect(safeNext(p)).toBe(p);
  });

  it("refuses other sites and non-paths", () => {
    for (const p of [
      undefined,
      null,
      "",
      "https://evil.example",
      "evil.example",
      "javascript:alert(1)",
      "//evil.example",
      "///evil.example",
      "/\\evil.example",
      "\\/evil.example",
      "/x\\..\\..\\evil",
      "/" + "a".repeat(3000),
    ])
      expect(safeNext(p), String(p)).toBe("/");
  });

  it("refuses control characters and whitespace the URL parser would strip", () => {
    for (const p of [
      "/\t/evil.example",
      "/\n/evil.example",
      "/\r/evil.example",
      "/\u0000x",
      "/x\u007f",
      "/x\u0085",
      " //evil.example",
      "/\u2028/evil",
    ])
      expect(safeNext(p), JSON.stringify(p)).toBe("/");
  });

  it("refuses the same tricks percent-encoded, once or twice", () => {
    for (const p of [
      "/%2Fevil.example",
      "/%2F%2Fevil.example",
      "/%5Cevil.example",
      "/%252F%252Fevil.example",
      "/%09/evil.example",
      "/x%0aSet-Cookie:a",
      "/%E0%A4%A",
    ])
      expect(safeNext(p), p).toBe("/");
  });
});
