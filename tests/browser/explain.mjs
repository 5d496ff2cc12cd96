// Opens an explain report in Debian's headless chromium and checks what a
// reader sees. Run by crates/thresher-cli/tests/explain_browser.rs:
//
//   node tests/browser/explain.mjs SPEC.json
//
// SPEC: {
//   "report": absolute path of the report,
//   "chromium": the browser binary,
//   "userDataDir": a fresh directory for the browser's profile,
//   "kept": [texts that must be shown as kept blocks, whole],
//   "labels": {"text in a removed block": "its label", ...},
//   "filterLabel": a label to filter on, or null,
//   "screenshot": where to save a PNG, or null,
//   "ranges": true when every block must link to its source bytes
// }
// Prints one line per check; exits 1 if any failed.

import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const spec = JSON.parse(readFileSync(process.argv[2], "utf8"));
const reportUrl = pathToFileURL(spec.report).href;
const failures = [];
function check(ok, what) {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures.push(what);
}

const context = await chromium.launchPersistentContext(spec.userDataDir, {
  executablePath: spec.chromium,
  headless: true,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
  ],
  viewport: { width: 1280, height: 900 },
  deviceScaleFactor: 1,
});

// Anything the report tries beyond showing itself is a failure: a dialog
// means script from the page ran; a request means something loaded.
const incidents = [];
context.on("request", (r) => {
  if (r.url() !== reportUrl) incidents.push(`request to ${r.url()}`);
});
const page = context.pages()[0] ?? (await context.newPage());
page.on("dialog", async (d) => {
  incidents.push(`dialog: ${d.message()}`);
  await d.dismiss();
});
page.on("pageerror", (e) => incidents.push(`script error: ${e.message}`));
page.on("console", (m) => {
  if (m.type() === "error") incidents.push(`console error: ${m.text()}`);
});

try {
  await page.goto(reportUrl);
  await page.waitForLoadState("load");

  // What the reader sees: every block, its state, label, chip and text.
  const blocks = () =>
    page.$$eval("article.block", (els) =>
      els.map((b) => ({
        id: b.id,
        state: b.dataset.state,
        label: b.dataset.label,
        chip: b.querySelector(".chip")?.textContent ?? "",
        text: b.querySelector(".text")?.textContent ?? "",
        visible: b.checkVisibility(),
      })),
    );
  const all = await blocks();
  check(all.length > 0, `the report shows ${all.length} blocks`);
  check(
    (await page.textContent("#shown-count")) === String(all.length),
    "the script ran: the count of shown blocks is filled in",
  );
  check(
    /^(article|forum|product|collection|listing|documentation|service)$/.test(
      (await page.textContent("#page-type b")) ?? "",
    ),
    "the page type is on top",
  );
  check(/^[01]\.\d\d$/.test((await page.textContent("#confidence b")) ?? ""), "the confidence is on top");
  check(await page.isVisible("#metadata"), "the metadata panel is visible");

  for (const text of spec.kept) {
    const hit = all.find((b) => b.text === text);
    check(
      hit !== undefined && hit.state === "kept" && hit.chip === "content" && hit.visible,
      `kept: "${text.slice(0, 50)}…"${hit ? ` (${hit.id}: ${hit.state}, ${hit.label})` : " (not found)"}`,
    );
  }
  for (const [text, label] of Object.entries(spec.labels)) {
    const hits = all.filter((b) => b.text.includes(text));
    const hit = hits.find((b) => b.state === "removed" && b.label === label && b.chip === label);
    check(
      hit !== undefined && hit.visible,
      `removed as ${label}: "${text}"${hits.length ? ` (${hits.map((b) => `${b.id}: ${b.state} ${b.label}`).join("; ")})` : " (not found)"}`,
    );
  }

  // Filters: "Removed" hides every kept block and shows every removed one.
  await page.click("button[data-show=removed]");
  let now = await blocks();
  const kept = now.filter((b) => b.state === "kept");
  const removed = now.filter((b) => b.state === "removed");
  check(kept.length > 0 && kept.every((b) => !b.visible), `"Removed" hides all ${kept.length} kept blocks`);
  check(removed.every((b) => b.visible), `"Removed" shows all ${removed.length} removed blocks`);
  check(
    (await page.textContent("#shown-count")) === String(removed.length),
    `"Removed" counts ${removed.length} shown`,
  );

  // One label: only its blocks stay.
  if (spec.filterLabel) {
    await page.click("button[data-show=all]");
    await page.selectOption("#label-filter", spec.filterLabel);
    now = await blocks();
    const shown = now.filter((b) => b.visible);
    check(
      shown.length > 0 && shown.every((b) => b.label === spec.filterLabel),
      `label filter "${spec.filterLabel}" shows only its ${shown.length} blocks`,
    );
    check(
      now.filter((b) => b.label !== spec.filterLabel).every((b) => !b.visible),
      `label filter "${spec.filterLabel}" hides every other block`,
    );
    await page.selectOption("#label-filter", "");
  }
  await page.click("button[data-show=kept]");
  now = await blocks();
  check(
    now.every((b) => b.visible === (b.state === "kept")),
    `"Kept" shows exactly the ${now.filter((b) => b.visible).length} kept blocks`,
  );
  await page.click("button[data-show=all]");
  now = await blocks();
  check(now.every((b) => b.visible), `"All" shows all ${now.length} blocks again`);

  // Source ranges: a kept block's link opens the source at its bytes,
  // and the marked bytes hold the block's first word.
  let range = null;
  let firstWord = "";
  for (const link of await page.$$("article.block[data-state=kept] a.range")) {
    firstWord = await link.evaluate(
      (a) => (a.closest("article").querySelector(".text")?.textContent ?? "").trim().split(/\s+/)[0] ?? "",
    );
    if (firstWord) {
      range = link;
      break;
    }
  }
  if (range) {
    const start = Number(await range.evaluate((a) => a.closest("article").dataset.start));
    await range.click();
    const mark = await page.$("#source-mark");
    const markText = mark ? await mark.textContent() : "";
    check(
      (await page.$eval("#source", (d) => d.open)) && markText.length > 0 && markText.includes(firstWord),
      `a kept block's source link opens the source and marks bytes ${start}… holding "${firstWord}"`,
    );
  } else if (spec.ranges) {
    check(false, "kept blocks link to their source bytes");
  } else {
    console.log("note: no block has a recorded source range (the parser records none); range links not checked");
  }

  if (spec.screenshot) {
    // The top of the report, then scrolled to where the article starts, so
    // that the picture shows removed blocks around kept ones.
    const first = await page.$("article.block[data-state=kept]");
    if (first) {
      await first.evaluate((el) => {
        const before = el.previousElementSibling?.previousElementSibling ?? el;
        window.scrollTo(0, Math.max(0, before.getBoundingClientRect().top + window.scrollY - 260));
      });
    }
    await page.screenshot({ path: spec.screenshot });
    console.log(`screenshot: ${spec.screenshot}`);
  }
} catch (e) {
  check(false, `the checks ran to the end: ${e.message}`);
} finally {
  await page.waitForTimeout(200);
  check(incidents.length === 0, `the report stayed inert${incidents.length ? `: ${incidents.join("; ")}` : ""}`);
  await context.close();
}

console.log(failures.length ? `${failures.length} checks failed` : "all checks passed");
process.exit(failures.length ? 1 : 0);
