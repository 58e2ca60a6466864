import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MENU_ENTRIES, PORTAL_PLACES, menuPathsIn, placesIn } from "./portal-places";

const root = path.resolve(__dirname, "..");
const portalApp = path.join(root, "app", "(portal)");

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "tests" ? [] : sources(p);
    return /\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [p] : [];
  });
}

/** Every portal path a refusal or a job error of the domain or the jobs names in its text. */
const named = [...sources(path.join(root, "server", "domain")), ...sources(path.join(root, "server", "jobs"))].flatMap((file) =>
  menuPathsIn(fs.readFileSync(file, "utf8")).map((p) => ({ file: path.relative(root, file), path: p })),
);

describe("no dead ends: every portal place a recommended action names exists", () => {
  it("finds the places the actions name", () => {
    expect(named.length).toBeGreaterThan(3);
    expect(named.map((n) => n.path)).toEqual(expect.arrayContaining([expect.stringMatching(/^Configuration Servers > .*Accounts/)]));
  });

  it.each(named.map((n) => [n.path, n.file]))("%s (%s) links to a page that has a route", (p) => {
    const places = placesIn(p);
    expect(places.length).toBeGreaterThan(0);
    for (const place of places) expect(fs.existsSync(path.join(portalApp, place.route, "page.tsx"))).toBe(true);
  });

  it.each(PORTAL_PLACES.map((p) => [p.label, p.route]))("%s: app/(portal)/%s/page.tsx exists", (_label, route) => {
    expect(fs.existsSync(path.join(portalApp, route, "page.tsx"))).toBe(true);
  });

  it("every vault menu entry an action may start with is a place", () => {
    for (const entry of MENU_ENTRIES) expect(placesIn(`${entry} > x`).length, entry).toBeGreaterThan(0);
  });

  it("links an action's places once each, most specific first", () => {
    const links = placesIn(
      "Update the credentials (Configuration Servers > Accounts > Update credentials), then switch it off in the Lab.",
    );
    expect(links.map((l) => [l.label, l.href("v1")])).toEqual([
      ["Open Accounts", "/vaults/v1/configuration-servers"],
      ["Open the Lab", "/vaults/v1/lab"],
    ]);
  });
});
