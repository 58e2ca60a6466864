import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { isNavigating, navigationSettled, navigationStarted } from "./navigation-guard";

describe("the navigation guard of URL filter updates", () => {
  beforeEach(() => {
    vi.stubGlobal("location", new URL("http://portal.test/vaults/v/replicated-items?search=web"));
    navigationSettled();
  });
  afterEach(() => vi.unstubAllGlobals());

  it("holds from the start of a navigation until the URL changes", () => {
    expect(isNavigating()).toBe(false);
    navigationStarted("/vaults/v/replicated-items/web-01");
    expect(isNavigating()).toBe(true);
    navigationSettled();
    expect(isNavigating()).toBe(false);
  });

  it("counts a navigation to the same page with other filters (the Overview's links)", () => {
    navigationStarted("/vaults/v/replicated-items?state=protected");
    expect(isNavigating()).toBe(true);
  });

  it("ignores a navigation to the page shown, which also replaces one still in flight", () => {
    navigationStarted("/vaults/v/replicated-items?search=web");
    expect(isNavigating()).toBe(false);
    navigationStarted("/vaults/v/jobs");
    navigationStarted("http://portal.test/vaults/v/replicated-items?search=web");
    expect(isNavigating()).toBe(false);
  });

  it("waits for the last of several navigations", () => {
    navigationStarted("/vaults/v/jobs");
    navigationStarted("/vaults/v/lab");
    expect(isNavigating()).toBe(true);
    navigationSettled();
    expect(isNavigating()).toBe(false);
  });
});
