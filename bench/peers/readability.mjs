// Mozilla Readability over a WCXB-style split, in one Node process.
//
//   node readability.mjs --data DIR --pred OUT.jsonl --timing OUT.json
//
// For each DIR/html/NNNN.html.gz it writes {"id","text"} (the article's
// textContent) to OUT.jsonl. Only the jsdom parse and Readability.parse() are
// timed, by the wall clock and by the process's CPU clock: reading and
// gunzipping happen outside the timer, as for every peer.
// A page that throws is written with empty text and counted in "failed".
import { readdirSync, readFileSync, writeFileSync, openSync, writeSync, closeSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { setImmediate as nextTurnOfEventLoop } from "node:timers/promises";
import { parseArgs } from "node:util";
import { JSDOM, VirtualConsole } from "jsdom";
import { Readability } from "@mozilla/readability";

const { values: args } = parseArgs({
  options: {
    data: { type: "string" },
    pred: { type: "string" },
    timing: { type: "string" },
  },
});
for (const name of ["data", "pred", "timing"]) {
  if (!args[name]) {
    console.error(`usage: node readability.mjs --data DIR --pred OUT.jsonl --timing OUT.json (missing --${name})`);
    process.exit(2);
  }
}

// The version goes into the report, so read it from the installed package itself.
const readabilityVersion = JSON.parse(
  readFileSync(new URL("./node_modules/@mozilla/readability/package.json", import.meta.url)),
).version;

// jsdom reports CSS it cannot parse to the console; that noise is not a failure.
const quietConsole = new VirtualConsole();

function extract(html) {
  const dom = new JSDOM(html, { virtualConsole: quietConsole });
  try {
    const article = new Readability(dom.window.document).parse();
    return article?.textContent ?? "";
  } finally {
    // Without close() each window's timers and listeners outlive the page.
    dom.window.close();
  }
}

const htmlDir = join(args.data, "html");
const files = readdirSync(htmlDir).filter((name) => name.endsWith(".html.gz")).sort();
const predFile = openSync(args.pred, "w");
let pages = 0;
let failed = 0;
let bytes = 0;
let nanoseconds = 0n;
// Process CPU time (V8's GC and compiler threads included), robust to other
// processes sharing the core, unlike the wall clock.
let cpuMicroseconds = 0;
for (const name of files) {
  const id = name.slice(0, -".html.gz".length);
  const raw = gunzipSync(readFileSync(join(htmlDir, name)));
  const html = raw.toString("utf8");
  let text = "";
  const start = process.hrtime.bigint();
  const startCpu = process.cpuUsage();
  try {
    text = extract(html);
  } catch (error) {
    failed += 1;
    console.error(`${id}: ${error?.message ?? error}`);
  }
  nanoseconds += process.hrtime.bigint() - start;
  const cpu = process.cpuUsage(startCpu);
  cpuMicroseconds += cpu.user + cpu.system;
  pages += 1;
  bytes += raw.length;
  writeSync(predFile, JSON.stringify({ id, text }) + "\n");
  // jsdom frees a closed window only once the event loop turns; a loop that
  // never yields keeps every page alive and runs out of heap after ~800 pages.
  await nextTurnOfEventLoop();
}
closeSync(predFile);

writeFileSync(
  args.timing,
  JSON.stringify({
    system: `readability ${readabilityVersion} (jsdom)`,
    pages,
    failed,
    bytes,
    seconds: Number(nanoseconds) / 1e9,
    cpu_seconds: cpuMicroseconds / 1e6,
  }) + "\n",
);
