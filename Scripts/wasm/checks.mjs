// The checks of the 32-bit and emulated builds, shared by Scripts/wasm/run.mjs (the wasm32 module
// under Node) and Scripts/boards/run.mjs (the library on AArch64, ARMv7, RISC-V 64 and a Cortex-M4
// under QEMU): SHA-256 (NIST CAVP ShortMsg and LongMsg, the hashlib boundary file), modular
// exponentiation (every ModExp block of Vectors/bigint, Python's pow as the oracle), RS256
// signatures (Vectors/jose, RFC 7515 A.2 and RFC 7520 4.1, and the Node-made tokens of
// Vectors/jwt), PureJWT's JSON.stringify-exact writer, tenant tokens and verification, and, with a
// native rs256 command, tenant tokens compared with it byte for byte. The same vectors are what the
// native test suite checks, so agreement here means the build under test computes what the 64-bit
// build computes.
//
// A target is an object with:
//   label          the prefix of every line printed ("wasm", "aarch64-linux", ...)
//   x              the C-ABI exports of Scripts/wasm/Exports*.swift, called with numbers/BigInts
//   put(bytes)     copies bytes into the target's memory (pure_alloc), returns the address
//   take(p, n)     reads n bytes at address p
//   intBits        the Int width the target must report (pure_int_bits)
//   multi3         true to check the shim's __multi3 (wasm32's 128-bit multiply helper)
//   tokenCapacity  output capacity for tokens (a microcontroller cannot spare 200 KB)
//   maxModulusBits ModExp blocks with a wider modulus are counted and reported as not run here
//   nativePath     optional: a native rs256 command to compare tenant tokens with
//   every          run every n-th Node-made token and native comparison only (default 1: all), for
//                  a board where one signature takes seconds; the lines printed say how many ran
// runChecks returns { checks, failures } and prints one line per group.

import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const vectors = (path) => readFileSync(join(root, "Vectors", path), "utf8");
export const hex = (bytes) => Buffer.from(bytes).toString("hex");
export const fromHex = (text) => Uint8Array.from(Buffer.from(text.length % 2 ? "0" + text : text, "hex"));

export async function runChecks(target) {
const { label, x, put, take, nativePath } = target;
const opt = { tokenCapacity: 200000, maxModulusBits: Infinity, every: 1, ...target };
const sampled = (i) => i % opt.every === 0;
const ofAll = (ran, all) => (ran === all ? `${ran}` : `${ran} (every ${opt.every}th of ${all})`);
const log = (line) => console.log(`${label}: ${line}`);
let failures = 0;
let checks = 0;
function check(ok, what) {
  checks += 1;
  if (!ok) {
    failures += 1;
    console.error(`${label}: MISMATCH ${what}`);
  }
}
check(x.pure_int_bits() === opt.intBits, `Int is ${x.pure_int_bits()} bits, expected ${opt.intBits}`);

// ---- SHA-256
function sha256(bytes) {
  const input = put(bytes);
  const out = x.pure_alloc(32);
  x.pure_sha256(input, bytes.length, out);
  const digest = hex(take(out, 32));
  x.pure_free(input);
  x.pure_free(out);
  return digest;
}
function sha256Chunked(bytes, chunk) {
  const input = put(bytes);
  const out = x.pure_alloc(32);
  x.pure_sha256_chunked(input, bytes.length, chunk, out);
  const digest = hex(take(out, 32));
  x.pure_free(input);
  x.pure_free(out);
  return digest;
}

function rsp(text) {
  const cases = [];
  let len = null;
  let msg = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    let m;
    if ((m = /^Len = (\d+)$/.exec(line))) len = Number(m[1]);
    else if ((m = /^Msg = ([0-9a-f]*)$/i.exec(line))) msg = m[1];
    else if ((m = /^MD = ([0-9a-f]+)$/i.exec(line))) {
      cases.push({ msg: len === 0 ? new Uint8Array(0) : fromHex(msg), md: m[1].toLowerCase() });
    }
  }
  return cases;
}

let shaCount = 0;
for (const file of ["sha256/SHA256ShortMsg.rsp", "sha256/SHA256LongMsg.rsp", "sha256/boundaries.rsp"]) {
  const cases = rsp(vectors(file));
  check(cases.length > 0, `${file} has no cases`);
  for (const [i, c] of cases.entries()) {
    check(sha256(c.msg) === c.md, `${file} case ${i} (${c.msg.length} bytes)`);
    // Streaming in odd pieces crosses the block buffer in every possible way.
    check(sha256Chunked(c.msg, 7 + (i % 61)) === c.md, `${file} case ${i} streamed`);
    shaCount += 1;
  }
}
log(`SHA-256 ${shaCount} NIST/hashlib messages, one-shot and streamed`);

// ---- SHA-384 and SHA-512 (64-bit words on a 32-bit target) and HMAC over all three, when the
// target exports them (wasm32 does; the boards' test server does not serve them yet)
if (typeof x.pure_sha2 === "function") {
function sha2(bits, bytes, chunk) {
  const input = put(bytes);
  const out = x.pure_alloc(64);
  const n = x.pure_sha2(bits, input, bytes.length, chunk, out);
  const digest = n > 0 ? hex(take(out, n)) : `error ${n}`;
  x.pure_free(input);
  x.pure_free(out);
  return digest;
}
let sha512Count = 0;
for (const bits of [384, 512]) {
  for (const kind of ["ShortMsg", "LongMsg"]) {
    const file = `sha2/SHA${bits}${kind}.rsp`;
    const cases = rsp(vectors(file));
    check(cases.length === (kind === "ShortMsg" ? 129 : 128), `${file} has ${cases.length} cases`);
    for (const [i, c] of cases.entries()) {
      check(sha2(bits, c.msg, 0) === c.md, `${file} case ${i} (${c.msg.length} bytes)`);
      check(sha2(bits, c.msg, 5 + (i % 131)) === c.md, `${file} case ${i} streamed`);
      sha512Count += 1;
    }
  }
}
log(`SHA-384/SHA-512 ${sha512Count} NIST messages, one-shot and streamed`);

function hmacTag(bits, key, msg) {
  const pk = put(key), pm = put(msg);
  const out = x.pure_alloc(64);
  const n = x.pure_hmac(bits, pk, key.length, pm, msg.length, out);
  const tag = n > 0 ? hex(take(out, n)) : `error ${n}`;
  for (const p of [pk, pm, out]) x.pure_free(p);
  return tag;
}
let hmacCount = 0;
for (const bits of [256, 384, 512]) {
  const file = `hmac/rfc-4231-sha${bits}.txt`;
  let key = null, msg = null;
  for (const raw of vectors(file).split(/\r?\n/)) {
    const line = raw.trim();
    let m;
    if ((m = /^Key = ([0-9a-f]*)$/i.exec(line))) key = fromHex(m[1]);
    else if ((m = /^Msg = ([0-9a-f]*)$/i.exec(line))) msg = fromHex(m[1]);
    else if ((m = /^MD = ([0-9a-f]+)$/i.exec(line))) {
      check(hmacTag(bits, key, msg) === m[1].toLowerCase(), `${file} case with a ${key.length}-byte key`);
      hmacCount += 1;
    }
  }
}
check(hmacCount === 18, `RFC 4231: ${hmacCount} cases, expected 18`);
log(`HMAC-SHA-256/384/512 ${hmacCount} RFC 4231 cases (tag computed, verified, a changed tag refused)`);
}


// ---- __multi3 (wasm32's shim: the 128-bit multiply LLVM may call for UInt128 products)
if (opt.multi3) {
  const mask = (1n << 64n) - 1n;
  const out = x.pure_alloc(16);
  let seed = 0x9e3779b97f4a7c15n;
  const next = () => (seed = (seed * 6364136223846793005n + 1442695040888963407n) & mask);
  const edges = [0n, 1n, mask, 1n << 63n, 0xffffffffn, 1n << 32n];
  let n = 0;
  for (let i = 0; i < 400; i++) {
    const [al, ah, bl, bh] = i < 36
      ? [edges[i % 6], edges[Math.floor(i / 6)], edges[Math.floor(i / 6)], edges[i % 6]]
      : [next(), next(), next(), next()];
    x.__multi3(out, BigInt.asIntN(64, al), BigInt.asIntN(64, ah), BigInt.asIntN(64, bl), BigInt.asIntN(64, bh));
    const view = new DataView(take(out, 16).buffer);
    const got = view.getBigUint64(0, true) | (view.getBigUint64(8, true) << 64n);
    const want = (((ah << 64n) | al) * ((bh << 64n) | bl)) & ((1n << 128n) - 1n);
    check(got === want, `__multi3 ${al} ${ah} ${bl} ${bh}`);
    n += 1;
  }
  x.pure_free(out);
  log(`__multi3 ${n} products against JavaScript BigInt`);

  // __lshrti3: a 128-bit value shifted right by every count 0...127, edges and random values.
  const shiftOut = x.pure_alloc(16);
  let shifts = 0;
  for (let i = 0; i < 24; i++) {
    const [lo, hi] = i < 6 ? [edges[i], edges[5 - i]] : [next(), next()];
    const value = (hi << 64n) | lo;
    for (let count = 0; count < 128; count++) {
      x.__lshrti3(shiftOut, BigInt.asIntN(64, lo), BigInt.asIntN(64, hi), count);
      const view = new DataView(take(shiftOut, 16).buffer);
      const got = view.getBigUint64(0, true) | (view.getBigUint64(8, true) << 64n);
      check(got === value >> BigInt(count), `__lshrti3 ${lo} ${hi} ${count}`);
      shifts += 1;
    }
  }
  x.pure_free(shiftOut);
  log(`__lshrti3 ${shifts} shifts against JavaScript BigInt`);
}

// ---- modular exponentiation
function modexp(a, e, m) {
  const pa = put(a), pe = put(e), pm = put(m);
  const cap = m.length + 1;
  const out = x.pure_alloc(cap);
  const n = x.pure_modexp(pa, a.length, pe, e.length, pm, m.length, out, cap);
  const result = n >= 0 ? hex(take(out, n)) : `error ${n}`;
  for (const p of [pa, pe, pm, out]) x.pure_free(p);
  return result;
}
const normal = (h) => h.replace(/^0+/, "");

function modexpMontgomery(a, e, m, secret) {
  const pa = put(a), pe = put(e), pm = put(m);
  const cap = m.length + 1;
  const out = x.pure_alloc(cap);
  const n = x.pure_modexp_montgomery(pa, a.length, pe, e.length, pm, m.length, secret, out, cap);
  const result = n >= 0 ? hex(take(out, n)) : `error ${n}`;
  for (const p of [pa, pe, pm, out]) x.pure_free(p);
  return result;
}

let modexpCount = 0;
let montgomeryCount = 0;
let tooWide = 0;
for (const block of vectors("bigint/bigint_tests.txt").split(/\n\s*\n/)) {
  const fields = Object.fromEntries(
    block.split("\n").filter((l) => /^\w+ = /.test(l)).map((l) => l.split(" = ").map((s) => s.trim())),
  );
  if (!("ModExp" in fields)) continue;
  if (fields.M.length * 4 > opt.maxModulusBits) { tooWide += 1; continue; }
  const [a, e, m] = [fromHex(fields.A), fromHex(fields.E), fromHex(fields.M)];
  const got = modexp(a, e, m);
  check(normal(got) === normal(fields.ModExp), `ModExp (BigUInt.power) with ${fields.M.length * 4}-bit modulus: got ${got.slice(0, 40)}`);
  modexpCount += 1;
  // The Montgomery core takes odd moduli above 1: both the constant-time and the public ladder.
  if (BigInt("0x" + fields.M) % 2n === 1n && BigInt("0x" + fields.M) > 1n) {
    for (const secret of [1, 0]) {
      const mont = modexpMontgomery(a, e, m, secret);
      check(normal(mont) === normal(fields.ModExp),
        `ModExp (Montgomery, ${secret ? "secret" : "public"} exponent) with ${fields.M.length * 4}-bit modulus: got ${mont.slice(0, 40)}`);
      montgomeryCount += 1;
    }
  }
}
check(modexpCount + tooWide >= 50 && modexpCount >= 40, `only ${modexpCount} ModExp blocks run`);
// A zero modulus is an error, not a trap.
check(modexp(fromHex("05"), fromHex("03"), new Uint8Array(0)) === "error -2", "zero modulus is reported");
check(montgomeryCount >= (tooWide ? 50 : 60), `only ${montgomeryCount} Montgomery runs`);
check(modexpMontgomery(fromHex("05"), fromHex("03"), fromHex("10"), 1) === "error -2", "even modulus is refused by the Montgomery core");
log(`modular exponentiation ${modexpCount} ModExp blocks from Vectors/bigint (BigUInt.power), ${montgomeryCount} Montgomery runs (odd moduli, secret and public ladders)` +
  (tooWide ? `; ${tooWide} blocks with moduli above ${opt.maxModulusBits} bits NOT run on this target (too slow under emulation)` : ""));

// ---- RS256 (only when the build includes PureRSA)
if (typeof x.pure_rs256_sign === "function") {
  const { createPrivateKey, createPublicKey } = await import("node:crypto");
  const pemToDer = (pem) =>
    Uint8Array.from(Buffer.from(pem.replace(/-----[^-]+-----/g, "").replace(/\s+/g, ""), "base64"));
  const b64url = (bytes) => Buffer.from(bytes).toString("base64url");
  const ascii = (text) => new TextEncoder().encode(text);
  function sign(keyDer, input) {
    const pk = put(keyDer), pi = put(input);
    const cap = 1024;
    const out = x.pure_alloc(cap);
    const n = x.pure_rs256_sign(pk, keyDer.length, pi, input.length, out, cap);
    const result = n >= 0 ? b64url(take(out, n)) : `error ${n}`;
    for (const p of [pk, pi, out]) x.pure_free(p);
    return result;
  }
  function verify(keyDer, input, signature) {
    const pk = put(keyDer), pi = put(input), ps = put(signature);
    const result = x.pure_rs256_verify(pk, keyDer.length, pi, input.length, ps, signature.length);
    for (const p of [pk, pi, ps]) x.pure_free(p);
    return result;
  }
  // One case: sign, compare with the vector's signature, verify it, and refuse it after a flip.
  let rsCount = 0;
  function rs256Case(name, privateDer, publicDer, signingInput, signature) {
    const input = ascii(signingInput);
    const got = sign(privateDer, input);
    check(got === signature, `${name}: RS256 signature ${got.slice(0, 24)}...`);
    const raw = Buffer.from(signature, "base64url");
    check(verify(publicDer, input, raw) === 1, `${name}: the vector's signature does not verify`);
    raw[raw.length >> 1] ^= 1;
    check(verify(publicDer, input, raw) === 0, `${name}: a flipped bit still verifies`);
    rsCount += 1;
  }

  // RFC 7515 A.2: PKCS#1 and PKCS#8 private keys (PEM files), SPKI and PKCS#1 public keys.
  const a2 = JSON.parse(vectors("jose/rfc7515_a2_rs256.json"));
  const pemDer = (name) => pemToDer(vectors(join("jose", a2.pem_files[name])));
  for (const [priv, pub] of [["private_pkcs1", "public_spki"], ["private_pkcs8", "public_pkcs1"]]) {
    rs256Case(`RFC 7515 A.2 (${priv}, ${pub})`, pemDer(priv), pemDer(pub), a2.signing_input, a2.signature_b64u);
  }
  // RFC 7520 4.1: the key is given as a JWK only; Node turns it into DER (a format conversion).
  const b = JSON.parse(vectors("jose/rfc7520_4_1_rs256.json"));
  const jwk = typeof b.jwk === "string" ? JSON.parse(b.jwk) : b.jwk;
  rs256Case("RFC 7520 4.1",
    Uint8Array.from(createPrivateKey({ key: jwk, format: "jwk" }).export({ type: "pkcs8", format: "der" })),
    Uint8Array.from(createPublicKey({ key: jwk, format: "jwk" }).export({ type: "spki", format: "der" })),
    b.signing_input, b.signature_b64u);
  // Vectors/jwt/tokens.json: tokens Node made with Vectors/keys/demo-rsa-2048.pem.
  const demoPrivate = pemToDer(vectors("keys/demo-rsa-2048.pem"));
  const demoPublic = pemToDer(vectors("keys/demo-rsa-2048.pub.pem"));
  const tokens = JSON.parse(vectors("jwt/tokens.json")).cases;
  let tokenRuns = 0;
  for (const [i, t] of tokens.entries()) {
    if (!sampled(i)) continue;
    tokenRuns += 1;
    const dot = t.token.lastIndexOf(".");
    rs256Case(`jwt/tokens.json "${t.name}"`, demoPrivate, demoPublic, t.token.slice(0, dot), t.token.slice(dot + 1));
  }
  check(rsCount === 3 + tokenRuns && tokenRuns >= tokens.length / opt.every, `RS256 ran ${rsCount} cases`);
  // Garbage instead of a key is an error code, not a trap.
  check(sign(Uint8Array.from([0x30, 0x03, 0x02, 0x01]), new Uint8Array(3)) === "error -2", "bad private key DER is reported");
  check(verify(Uint8Array.from([0x30, 0x00]), new Uint8Array(3), new Uint8Array(256)) === -2, "bad public key DER is reported");
  log(`RS256 ${rsCount} signatures (RFC 7515 A.2 x2, RFC 7520 4.1, ${ofAll(tokenRuns, tokens.length)} Node jsonwebtoken tokens), each verified and refused after a bit flip`);
}

// ---- ES256 (only when the build includes PureP256): NIST SigGen [P-256,SHA-256] re-signed with
// its recorded nonce, byte for byte; each signature verified, and refused after a bit flip.
if (typeof x.pure_es256_sign_with_nonce === "function") {
  const records = [];
  let section = "", record = null;
  for (const line of vectors("ecdsa/SigGen.txt").split(/\r?\n/)) {
    if (line.startsWith("[")) { section = line; continue; }
    const m = line.match(/^(\w+) = ([0-9a-f]+)$/);
    if (!m || section !== "[P-256,SHA-256]") continue;
    if (m[1] === "Msg") { record = {}; records.push(record); }
    if (record) record[m[1]] = m[2];
  }
  check(records.length === 15, `SigGen [P-256,SHA-256] has ${records.length} records`);
  function es256Verify(q, msg, sig) {
    const pq = put(q), pm = put(msg), ps = put(sig);
    const result = x.pure_es256_verify(pq, q.length, pm, msg.length, ps, sig.length);
    for (const p of [pq, pm, ps]) x.pure_free(p);
    return result;
  }
  let esCount = 0;
  for (const r of records) {
    const d = put(fromHex(r.d)), msg = fromHex(r.Msg), pm = put(msg), k = put(fromHex(r.k)), out = x.pure_alloc(64);
    const n = x.pure_es256_sign_with_nonce(d, pm, msg.length, k, out);
    const got = n === 64 ? hex(take(out, 64)) : `error ${n}`;
    for (const p of [d, pm, k, out]) x.pure_free(p);
    check(got === r.R + r.S, `ES256 SigGen d=${r.d.slice(0, 8)}: ${got.slice(0, 24)}...`);
    const q = fromHex("04" + r.Qx + r.Qy), sig = fromHex(r.R + r.S);
    check(es256Verify(q, msg, sig) === 1, `ES256 SigGen d=${r.d.slice(0, 8)}: the vector's signature does not verify`);
    sig[40] ^= 1;
    check(es256Verify(q, msg, sig) === 0, `ES256 SigGen d=${r.d.slice(0, 8)}: a flipped bit still verifies`);
    esCount += 1;
  }
  check(es256Verify(new Uint8Array(65), new Uint8Array(1), new Uint8Array(64)) === -2, "a zero point is refused as a key");
  log(`ES256 ${esCount} NIST SigGen signatures re-made with their nonce, each verified and refused after a bit flip`);
}

// ---- PureJWT: JSON.stringify-exact serializer, RS256 tokens, verification
if (typeof x.pure_jwt_sign_json === "function") {
  const pemToDer = (pem) =>
    Uint8Array.from(Buffer.from(pem.replace(/-----[^-]+-----/g, "").replace(/\s+/g, ""), "base64"));
  const utf8 = (text) => new TextEncoder().encode(text);
  const text = (bytes) => new TextDecoder().decode(bytes);
  function call(fn, args, cap) {
    const pointers = [];
    const flat = [];
    for (const a of args) {
      if (a instanceof Uint8Array) {
        const p = put(a);
        pointers.push(p);
        flat.push(p, a.length);
      } else flat.push(a);
    }
    let result;
    if (cap) {
      const out = x.pure_alloc(cap);
      pointers.push(out);
      const n = fn(...flat, out, cap);
      result = n >= 0 ? text(take(out, n)) : `error ${n}`;
    } else result = fn(...flat);
    for (const p of pointers) x.pure_free(p);
    return result;
  }
  // numbers.json: every JSON.stringify output must come back unchanged (parse, then serialize).
  const numbers = JSON.parse(vectors("jwt/numbers.json")).numbers;
  let numberCount = 0;
  for (const n of numbers) {
    const got = call(x.pure_json_restringify, [utf8(n.js)], 64);
    check(got === n.js, `JSON number ${n.bits}: ${n.js} came back as ${got}`);
    numberCount += 1;
  }
  check(numberCount === 3000, `numbers.json has ${numberCount} numbers`);
  // tokens.json: parse header and payload, serialize, sign: Node's token byte for byte.
  const demoPrivate = pemToDer(vectors("keys/demo-rsa-2048.pem"));
  const demoPublic = pemToDer(vectors("keys/demo-rsa-2048.pub.pem"));
  const cases = JSON.parse(vectors("jwt/tokens.json")).cases;
  let tokenCount = 0, tenantCount = 0, verifyCount = 0;
  for (const [i, c] of cases.entries()) {
    if (!sampled(i)) continue;
    if (c.swift_representable) {
      const got = call(x.pure_jwt_sign_json, [demoPrivate, fromHex(c.header_hex), fromHex(c.payload_hex)], opt.tokenCapacity);
      check(got === c.token, `tokens.json "${c.name}": re-serialized and signed token differs`);
      tokenCount += 1;
    }
    // The main job: plain tenant tokens {sub, iat, exp} without kid or extra header.
    const members = c.claims.m.map((m) => String.fromCharCode(...m.k));
    if (c.swift_representable && c.keyid === null && c.header_extra === null &&
        members.join() === "sub,iat,exp" && c.claims.m[0].v.t === "str") {
      const tenant = utf8(String.fromCharCode(...c.claims.m[0].v.u16));
      const got = call(x.pure_jwt_tenant_token, [demoPrivate, tenant, BigInt(c.iat), BigInt(c.exp - c.iat)], opt.tokenCapacity);
      check(got === c.token, `tokens.json "${c.name}": tenant token differs`);
      tenantCount += 1;
    }
    if (c.swift_representable && c.exp > c.iat) {
      const token = utf8(c.token);
      check(call(x.pure_jwt_verify, [demoPublic, token, BigInt(c.iat)]) === 1, `tokens.json "${c.name}": does not verify`);
      check(call(x.pure_jwt_verify, [demoPublic, token, BigInt(c.exp + 3600)]) === 0, `tokens.json "${c.name}": verifies after expiry`);
      const tampered = Uint8Array.from(token);
      tampered[tampered.length - 5] ^= 1;  // a bit of the signature's base64url
      check(call(x.pure_jwt_verify, [demoPublic, tampered, BigInt(c.iat)]) === 0, `tokens.json "${c.name}": tampered token verifies`);
      verifyCount += 1;
    }
  }
  // Against the native build: tenant tokens at times a 32-bit Int cannot hold (2038, 2106,
  // 2^53 - 1 seconds), odd tenant IDs and lifetimes; the 64-bit rs256 command is the reference.
  if (nativePath) {
    const { execFileSync } = await import("node:child_process");
    const keyPath = join(root, "Vectors", "keys", "demo-rsa-2048.pem");
    let nativeCount = 0, pairs = 0;
    const tenants = ["tenant-123", "t\u00e9nant \"quoted\" \\ back", "\u{1F600}-emoji", "x".repeat(300)];
    const times = [[1, 1], [1700000000, 3600], [2147483647, 1], [2147483648, 3600], [4294967296, 86400], [9007199254730000, 9991], [9007199254740991, 1], [0, 60]];  // the last two: both refuse
    for (const tenant of tenants) {
      for (const [iat, ttl] of times) {
        if (!sampled(pairs++)) continue;
        const ours = call(x.pure_jwt_tenant_token, [demoPrivate, utf8(tenant), BigInt(iat), BigInt(ttl)], opt.tokenCapacity);
        let native;
        try {
          native = execFileSync(nativePath, ["token", "--tenant", tenant, "--iat", String(iat), "--ttl", String(ttl), "--key", keyPath],
            { env: {}, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
        } catch (e) {
          native = `native failed: ${e.stderr ?? e.message}`.trim();
        }
        const bothRefuse = ours.startsWith("error") && native.startsWith("native failed");
        check(ours === native || bothRefuse, `tenant ${JSON.stringify(tenant.slice(0, 20))} iat ${iat} ttl ${ttl}: ${label} ${ours.slice(0, 30)}... native ${native.slice(0, 60)}...`);
        nativeCount += 1;
      }
    }
    log(`${ofAll(nativeCount, pairs)} tenant tokens identical to the native rs256 command's, or refused by both (iat up to 2^53, non-ASCII tenants)`);
  } else {
    log("no --native rs256 given: the comparison with the native command was not run");
  }
  check(tokenCount > 60 / opt.every && tenantCount > 10 / opt.every && verifyCount > 60 / opt.every, `JWT cases: ${tokenCount} tokens, ${tenantCount} tenant, ${verifyCount} verified`);
  log(`JWT ${numberCount} JSON.stringify numbers round-tripped, ${tokenCount} Node tokens re-made from their JSON, ${tenantCount} tenant tokens, ${verifyCount} verified${opt.every > 1 ? ` (every ${opt.every}th of ${cases.length} cases)` : ""} (and refused expired/tampered)`);
}

return { checks, failures };
}
