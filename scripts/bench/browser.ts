/**
 * Blades in Chromium (Debian's /usr/bin/chromium through @playwright/test): time from navigation
 * to the first row of the grid visible, time for a search to narrow the grid, JS heap after
 * load — each against a trivial page of the portal measured in the same browser.
 */
import { performance } from "node:perf_hooks";
import { chromium, type BrowserContext, type Page } from "@playwright/test";
import { BENCH_ADMIN } from "./scratch";

export type BladeTiming = { firstRowMs: number[]; searchMs: number[]; heapMb: number };
export type BrowserResults = { trivial: { firstRowMs: number[]; heapMb: number }; items: BladeTiming; jobs: BladeTiming };

const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking"];

async function signIn(context: BrowserContext, url: string): Promise<void> {
  const page = await context.newPage();
  await page.goto(`${url}/sign-in`);
  await page.getByLabel("Email").fill(BENCH_ADMIN.email);
  await page.getByLabel("Password").fill(BENCH_ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: "Sign out" }).waitFor({ timeout: 120_000 });
  await page.close();
}

async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("HeapProfiler.collectGarbage");
  const { usedSize } = await cdp.send("Runtime.getHeapUsage");
  await cdp.detach();
  return usedSize / 1024 / 1024;
}

/** Polls the grid's rows until `done` holds for their texts (rows[0] is the header row). */
async function waitForRows(page: Page, table: string, done: (rows: string[]) => boolean, timeoutMs = 120_000): Promise<void> {
  const rows = page.getByRole("table", { name: table }).getByRole("row");
  const until = Date.now() + timeoutMs;
  for (;;) {
    const texts = await rows.allInnerTexts();
    if (done(texts)) return;
    if (Date.now() > until) throw new Error(`${table}: the rows never matched (${texts.length} rows)`);
    await page.waitForTimeout(20);
  }
}

/** Navigation start → first data row visible; then the search's time to narrow the rows to `term`. */
async function blade(
  context: BrowserContext,
  url: string,
  table: string,
  searchId: string,
  term: string,
  runs: number,
): Promise<BladeTiming> {
  const firstRowMs: number[] = [];
  const searchMs: number[] = [];
  let heap = 0;
  for (let i = 0; i <= runs; i++) {
    const page = await context.newPage();
    const t0 = performance.now();
    await page.goto(url, { waitUntil: "commit" });
    await page.getByRole("table", { name: table }).getByRole("row").nth(1).waitFor({ state: "visible", timeout: 120_000 });
    const loaded = performance.now() - t0;
    // The first row may be server-rendered: type once the search box is hydrated (has React's props).
    await page.waitForFunction((id) => Object.keys(document.getElementById(id) ?? {}).some((k) => k.startsWith("__reactProps")), searchId, {
      timeout: 120_000,
    });
    const t1 = performance.now();
    await page.locator(`#${searchId}`).fill(term);
    await waitForRows(page, table, (rows) => rows.length > 1 && rows.slice(1).every((r) => r.includes(term)));
    const searched = performance.now() - t1;
    // The first run warms the server's and the browser's caches; it is not counted.
    if (i > 0) {
      firstRowMs.push(loaded);
      searchMs.push(searched);
    }
    if (i === runs) heap = await heapMb(page);
    await page.close();
  }
  return { firstRowMs, searchMs, heapMb: heap };
}

export async function measureBlades(o: { url: string; vaultId: string; runs: number; itemTerm: string }): Promise<BrowserResults> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await signIn(context, o.url);
    const vault = `${o.url}/vaults/${o.vaultId}`;
    // The floor: the vault's Profile page (a trivial tRPC + Query page), navigation → its heading.
    const trivialMs: number[] = [];
    let trivialHeap = 0;
    for (let i = 0; i <= o.runs; i++) {
      const page = await context.newPage();
      const t0 = performance.now();
      await page.goto(`${vault}/profile`, { waitUntil: "commit" });
      await page.getByRole("heading", { level: 1 }).first().waitFor({ state: "visible", timeout: 120_000 });
      await page.getByRole("button", { name: "Sign out" }).waitFor({ state: "visible", timeout: 120_000 });
      if (i > 0) trivialMs.push(performance.now() - t0);
      if (i === o.runs) trivialHeap = await heapMb(page);
      await page.close();
    }
    const items = await blade(context, `${vault}/replicated-items`, "Replicated items", "items-search", o.itemTerm, o.runs);
    const jobs = await blade(context, `${vault}/jobs`, "Site Recovery jobs", "jobs-search", o.itemTerm, o.runs);
    return { trivial: { firstRowMs: trivialMs, heapMb: trivialHeap }, items, jobs };
  } finally {
    await browser.close();
  }
}
