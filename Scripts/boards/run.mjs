// Runs the checks of Scripts/wasm/checks.mjs (the wasm32 test's checks, unchanged) against a
// board: an emulator process (qemu-user or qemu-system-arm) running Scripts/boards/shim/server.c
// linked with the library. Requests go to the board's standard input through a FIFO and answers
// come back through another, one line each, so every check runs on the board while the vectors
// and the comparisons stay here.
//
// Usage: node Scripts/boards/run.mjs --label NAME --int-bits 32|64 [--native path/to/rs256]
//            [--max-modulus-bits N] [--every N] [--stack-size BYTES] [--measure] -- EMULATOR ARGS...
//   {in} and {out} in the emulator's arguments become the FIFOs' paths (else stdin and stdout)
//   --every N  run every n-th Node-made token and native comparison (checks.mjs), for a slow board
//   --stack-size BYTES  the board's stack: fail if the whole run used all of it (painted stacks only)
//   --measure  first, on the fresh board: heap and stack used by one RS256 signature (the stack
//              only where the board paints it) and the emulated wall time of a signature
// Exit status 1 on any mismatch, if the board stops early or answers something unexpected.

import { execFileSync, spawn } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { fromHex, hex, runChecks } from "../wasm/checks.mjs";

const args = process.argv.slice(2);
const split = args.indexOf("--");
const options = split >= 0 ? args.slice(0, split) : args;
const command = split >= 0 ? args.slice(split + 1) : [];
const option = (name) => {
  const at = options.indexOf(name);
  return at >= 0 ? options[at + 1] : undefined;
};
const label = option("--label");
const intBits = Number(option("--int-bits"));
const nativePath = option("--native");
const maxModulusBits = option("--max-modulus-bits") ? Number(option("--max-modulus-bits")) : Infinity;
const measure = options.includes("--measure");
const every = option("--every") ? Number(option("--every")) : 1;
const stackSize = option("--stack-size") ? Number(option("--stack-size")) : undefined;
if (!label || !(intBits === 32 || intBits === 64) || command.length === 0) {
  console.error("usage: node run.mjs --label NAME --int-bits 32|64 [--native rs256] [--max-modulus-bits N] [--measure] -- EMULATOR ARGS...");
  process.exit(2);
}

// ---- the board process, behind two FIFOs (blocking reads and writes keep every call synchronous)
const fifoDir = mkdtempSync(join(tmpdir(), "pure-board-"));
const toBoard = join(fifoDir, "in"), fromBoard = join(fifoDir, "out");
execFileSync("mkfifo", [toBoard, fromBoard]);
// A command that names {in} and {out} opens the FIFOs itself (the microcontroller, through
// semihosting); any other gets them as its standard input and output.
const named = command.some((a) => a.includes("{in}"));
const argv = command.map((a) => a.replaceAll("{in}", toBoard).replaceAll("{out}", fromBoard));
const child = spawn("/bin/sh", ["-c", named ? 'exec "$@"' : 'exec "$@" <"$BOARD_IN" >"$BOARD_OUT"', "sh", ...argv], {
  env: { ...process.env, BOARD_IN: toBoard, BOARD_OUT: fromBoard },
  stdio: ["ignore", "inherit", "inherit"],
});
const exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
// The board opens its input first, then its output: open ours in the same order.
const writer = openSync(toBoard, "w");
const reader = openSync(fromBoard, "r");
rmSync(fifoDir, { recursive: true });

let pending = "";
const chunk = Buffer.alloc(65536);
function readLine() {
  for (;;) {
    const end = pending.indexOf("\n");
    if (end >= 0) {
      const line = pending.slice(0, end);
      pending = pending.slice(end + 1);
      return line;
    }
    const n = readSync(reader, chunk, 0, chunk.length, null);
    if (n === 0) throw new Error(`${label}: the board stopped (end of its output) before answering "${lastRequest.slice(0, 80)}" (request ${requests})`);
    pending += chunk.toString("latin1", 0, n);
  }
}
let requests = 0;
let lastRequest = "";
function request(text) {
  lastRequest = text;
  writeSync(writer, text + "\n");
  requests += 1;
  const answer = readLine();
  if (!answer.startsWith("=")) throw new Error(`${label}: the board answered "${answer.slice(0, 200)}" to "${text.slice(0, 80)}"`);
  return answer.slice(2);
}

// The functions the board's test server answers (its `IS(name, arity)` lines), so the shared
// checks can ask `typeof x.name === "function"` as they do of a WebAssembly instance.
const served = new Set([...readFileSync(join(dirname(fileURLToPath(import.meta.url)), "shim", "server.c"), "utf8")
  .matchAll(/IS\((\w+),/g)].map((m) => m[1]));
const x = new Proxy({}, {
  get: (_, name) => typeof name === "string" && served.has(name)
    ? (...values) => Number(request(`c ${name}${values.map((v) => " " + String(v)).join("")}`))
    : undefined,
});
const piece = 1024;
function put(bytes) {
  const p = x.pure_alloc(Math.max(bytes.length, 1));
  if (p === 0) throw new Error(`${label}: the board's heap is full`);
  for (let at = 0; at < bytes.length; at += piece) request(`w ${p + at} ${hex(bytes.subarray(at, at + piece))}`);
  return p;
}
function take(p, n) {
  const parts = [];
  for (let at = 0; at < n; at += piece) parts.push(fromHex(request(`r ${p + at} ${Math.min(piece, n - at)}`)));
  return Uint8Array.from(Buffer.concat(parts));
}

// ---- run
const started = Date.now();
let failures = 0;
let checks = 0;
let status;
try {
  if (measure) {
    // One RS256 signature on the fresh board (nothing freed yet, so the allocator's high-water mark
    // grows by exactly what the signature needs), then two more to time; the signature must be
    // the Node-made token's.
    const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
    const pem = readFileSync(join(root, "Vectors", "keys", "demo-rsa-2048.pem"), "utf8");
    const der = Uint8Array.from(Buffer.from(pem.replace(/-----[^-]+-----/g, "").replace(/\s+/g, ""), "base64"));
    const token = JSON.parse(readFileSync(join(root, "Vectors", "jwt", "tokens.json"), "utf8")).cases[0].token;
    const dot = token.lastIndexOf(".");
    const input = new TextEncoder().encode(token.slice(0, dot));
    const pk = put(der), pi = put(input), out = x.pure_alloc(512);
    const before = x.pure_heap_used();
    request("s");
    const times = [];
    let signature = "";
    for (let i = 0; i < 3; i++) {
      const t0 = process.hrtime.bigint();
      const n = x.pure_rs256_sign(pk, der.length, pi, input.length, out, 512);
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      signature = n > 0 ? Buffer.from(take(out, n)).toString("base64url") : `error ${n}`;
      if (i === 0) {
        const heap = x.pure_heap_used() - before;
        const stack = Number(request("S"));
        console.log(`${label}: one RS256 signature (2048-bit key) used ${heap} bytes of heap` +
          (stack >= 0 ? `, ${stack} bytes of stack (deepest painted word, the test server's frames included)` : ""));
        console.log(`board-figure ${JSON.stringify({ label, heapBytes: heap, stackBytes: stack >= 0 ? stack : null })}`);
      }
    }
    checks += 1;
    if (signature !== token.slice(dot + 1)) {
      failures += 1;
      console.error(`${label}: MISMATCH the measured signature is not the Node-made token's: ${signature.slice(0, 30)}`);
    }
    times.sort((a, b) => a - b);
    console.log(`${label}: RS256 signature ${times[1].toFixed(1)} ms median of 3 (emulated wall time, informational)`);
    console.log(`board-figure ${JSON.stringify({ label, signMs: Number(times[1].toFixed(1)) })}`);
    for (const p of [pk, pi, out]) x.pure_free(p);
  }
  const result = await runChecks({ label, x, put, take, intBits, multi3: false, tokenCapacity: 16384, maxModulusBits, every, nativePath });
  checks += result.checks;
  failures += result.failures;
  const deepest = Number(request("S"));
  if (deepest >= 0) {
    checks += 1;
    console.log(`${label}: deepest stack use of the whole run ${deepest} bytes` + (stackSize ? ` of ${stackSize}` : ""));
    if (stackSize && deepest >= stackSize - 64) {
      failures += 1;
      console.error(`${label}: MISMATCH the stack overflowed or came within 64 bytes of its end`);
    }
  }
  console.log(`${label}: heap high-water ${x.pure_heap_used()} bytes; ${requests} requests in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  writeSync(writer, "q\n");
} catch (error) {
  failures += 1;
  console.error(error instanceof Error ? error.message : String(error));
} finally {
  closeSync(writer);
  try { while (readSync(reader, chunk, 0, chunk.length, null) > 0); } catch {}
  closeSync(reader);
  status = await exited;
}
if (status.code !== 0) {
  failures += 1;
  console.error(`${label}: the board exited with ${status.signal ?? `status ${status.code}`}`);
}
if (failures > 0) {
  console.error(`${label}: ${failures} of ${checks} checks FAILED`);
  process.exit(1);
}
console.log(`${label}: all ${checks} checks passed`);
