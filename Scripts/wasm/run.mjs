// Loads the Embedded Swift WebAssembly build (Scripts/wasm/build.sh) under Node and runs the
// shared checks of Scripts/wasm/checks.mjs against it (Vectors/: SHA-256, modular exponentiation,
// RS256, PureJWT; with --native, tenant tokens compared with the native rs256 command), plus what
// only wasm32 has: the module must import nothing, and the shim's __multi3 and __lshrti3 are checked against
// JavaScript BigInt.
//
// Usage: node Scripts/wasm/run.mjs path/to/PureRS256.wasm [--native path/to/rs256]
//        (exit status 1 on any mismatch)

import { readFileSync } from "node:fs";
import { runChecks } from "./checks.mjs";

const wasmPath = process.argv[2];
// Optional: --native PATH/TO/rs256 compares tenant tokens with the native (64-bit) command.
const nativeAt = process.argv.indexOf("--native");
const nativePath = nativeAt > 0 ? process.argv[nativeAt + 1] : undefined;
if (!wasmPath || (nativeAt > 0 && !nativePath)) {
  console.error("usage: node run.mjs file.wasm [--native path/to/rs256]");
  process.exit(2);
}

const module = new WebAssembly.Module(readFileSync(wasmPath));
// Self-contained: the module must import nothing (no JS-provided runtime).
const imports = WebAssembly.Module.imports(module);
let importFailure = 0;
if (imports.length !== 0) {
  importFailure = 1;
  console.error(`wasm: MISMATCH the module imports ${JSON.stringify(imports)}`);
}

const { exports: x } = new WebAssembly.Instance(module, {});
x.pure_heap_init(x.__heap_base.value, x.memory.buffer.byteLength);
const u8 = () => new Uint8Array(x.memory.buffer); // re-read: memory may have been replaced

function put(bytes) {
  const p = x.pure_alloc(Math.max(bytes.length, 1));
  if (p === 0) throw new Error("wasm heap is full");
  u8().set(bytes, p);
  return p;
}
function take(p, n) {
  return u8().slice(p, p + n);
}

const { checks, failures } = await runChecks({ label: "wasm", x, put, take, intBits: 32, multi3: true, nativePath });
console.log(`wasm: heap high-water ${x.pure_heap_used()} bytes of ${x.memory.buffer.byteLength}`);
if (failures + importFailure > 0) {
  console.error(`wasm: ${failures + importFailure} of ${checks + 1} checks FAILED`);
  process.exit(1);
}
console.log(`wasm: all ${checks + 1} checks passed`);
