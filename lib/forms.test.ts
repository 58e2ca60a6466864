import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fieldErrorsOf, isRefusal, needsBanner, placedFieldErrors } from "./forms";
import { withoutBlanks } from "./schema-values";
import { reprotectLegacySettings } from "@/server/domain/replicated-item/inputs";

const zodRefusal = { data: { domainError: null, fieldErrors: { name: ["Enter a name."], extra: undefined } } };
const invalidInput = { data: { domainError: { kind: "Invalid" }, fieldErrors: { "legacy.cores": ["Too big"] } } };
const notAllowed = {
  data: { domainError: { kind: "NotAllowed" }, fieldErrors: { processServerId: ["Choose an on-premises process server."] } },
};
const conflict = { data: { domainError: { kind: "Conflict" }, fieldErrors: null } };

describe("refused requests in forms", () => {
  it("reads the field messages, leaving out empty ones", () => {
    expect(fieldErrorsOf(zodRefusal)).toEqual({ name: ["Enter a name."] });
    expect(fieldErrorsOf(new Error("network"))).toEqual({});
    expect(fieldErrorsOf(null)).toEqual({});
  });

  it("tells a refusal from bad input", () => {
    expect(isRefusal(notAllowed)).toBe(true);
    expect(isRefusal(conflict)).toBe(true);
    expect(isRefusal(invalidInput)).toBe(false);
    expect(isRefusal(zodRefusal)).toBe(false);
  });

  it("places a nested message under its top-level field", () => {
    expect(placedFieldErrors(invalidInput, ["legacy"])).toEqual({ "legacy.cores": ["Too big"] });
    expect(placedFieldErrors(invalidInput, ["legacyX", "cores"])).toEqual({});
  });

  it.each([
    ["nothing refused", null, ["name"], false],
    ["bad input the form shows", zodRefusal, ["name"], false],
    ["bad input of a field the form does not show", zodRefusal, ["email"], true],
    ["a refusal with a field message", notAllowed, ["processServerId"], true],
    ["a refusal without field messages", conflict, ["processServerId"], true],
    ["an error that is not a refusal at all", new Error("offline"), ["name"], true],
  ] as const)("banner for %s: %s", (_, err, fields, banner) => {
    expect(needsBanner(err, fields)).toBe(banner);
  });
});

describe("blank inputs", () => {
  const schema = z.object({
    required: z.string().min(1, "Choose one."),
    optional: z.string().min(1).optional(),
    count: z.number().int().optional(),
    nested: z.object({ name: z.string().trim().min(1).optional(), keep: z.string() }),
    rows: z.array(z.object({ note: z.string().optional() })),
  });

  it("drops the blanks of optional fields only, at any depth", () => {
    const out = withoutBlanks(schema, {
      required: "",
      optional: "  ",
      count: Number.NaN,
      nested: { name: "", keep: "" },
      rows: [{ note: "" }, { note: "x" }],
    });
    expect(out).toEqual({
      required: "",
      optional: undefined,
      count: undefined,
      nested: { name: undefined, keep: "" },
      rows: [{ note: undefined }, { note: "x" }],
    });
    expect(schema.safeParse(out).error?.issues.map((i) => i.message)).toEqual(["Choose one."]);
  });

  it("lets the re-protect legacy settings be left empty", () => {
    const out = withoutBlanks(reprotectLegacySettings, { displayName: "", cores: Number.NaN, memoryMb: 4096, folderName: " " });
    expect(reprotectLegacySettings.safeParse(out).success).toBe(true);
  });
});
