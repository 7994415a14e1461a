// Generates Vectors/jwt/tokens.json and Vectors/jwt/numbers.json with Node (tested on 20.x).
// No npm packages: the token is built exactly as node-jsonwebtoken 9 + jws 3/4 build it, using
// JSON.stringify and node:crypto only:
//   header  = Object.assign({alg: "RS256", typ: "JWT", kid: options.keyid}, options.header)
//   payload = Object.assign({}, payload); payload.iat = payload.iat || Math.floor(Date.now() / 1000)
//   input   = base64url(Buffer.from(JSON.stringify(header), "binary")) + "." +
//             base64url(Buffer.from(JSON.stringify(payload), "utf8"))
//   token   = input + "." + base64url(crypto.sign("RSA-SHA256", input, key))
// Run from the repository root:  node Vectors/jwt/generate.mjs
// The output is deterministic (fixed times, seeded PRNG, PKCS#1 v1.5 signatures).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import url from "node:url";

const here = path.dirname(url.fileURLToPath(import.meta.url));
const keyPem = fs.readFileSync(path.join(here, "..", "keys", "demo-rsa-2048.pem"), "utf8");
const key = crypto.createPrivateKey(keyPem);
const publicKey = crypto.createPublicKey(key);

const b64u = (buf) => buf.toString("base64").replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");

// --- An unambiguous, typed encoding of JavaScript values (the "input" side of each case) ---
// Strings as UTF-16 code unit arrays (so lone surrogates survive), numbers as exact integers
// when safe, else as the IEEE 754 bit pattern; objects as members in insertion order.
function bitsOf(x) {
  const b = Buffer.alloc(8);
  b.writeDoubleBE(x);
  return b.toString("hex");
}
function u16(s) {
  const out = [];
  for (let i = 0; i < s.length; i++) out.push(s.charCodeAt(i));
  return out;
}
function tag(v) {
  if (v === null) return { t: "null" };
  if (typeof v === "boolean") return { t: "bool", v };
  if (typeof v === "number") {
    if (Number.isSafeInteger(v) && !Object.is(v, -0)) return { t: "int", v: String(v) };
    return { t: "double", bits: bitsOf(v) };
  }
  if (typeof v === "string") return { t: "str", u16: u16(v) };
  if (Array.isArray(v)) return { t: "arr", a: v.map(tag) };
  if (v instanceof Pairs) return { t: "obj", m: v.pairs.map(([k, x]) => ({ k: u16(k), v: tag(x) })) };
  throw new Error("untaggable " + v);
}
// An object given as [key, value] pairs in insertion order (JavaScript reorders array-index keys).
class Pairs {
  constructor(pairs) { this.pairs = pairs; }
  toObject() {
    const o = {};
    for (const [k, v] of this.pairs) o[k] = v instanceof Pairs ? v.toObject() : deep(v);
    return o;
  }
}
const deep = (v) => (Array.isArray(v) ? v.map(deep) : v instanceof Pairs ? v.toObject() : v);
const obj = (...pairs) => new Pairs(pairs);
const isWellFormed = (s) => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
function representable(v) {
  if (typeof v === "string") return isWellFormed(v);
  if (Array.isArray(v)) return v.every(representable);
  if (v instanceof Pairs) return v.pairs.every(([k, x]) => isWellFormed(k) && representable(x));
  return true;
}

// --- jsonwebtoken.sign(payload, key, {algorithm: "RS256", keyid, header}), reproduced ---
function jwtSign(payloadPairs, { keyid, header: headerOption } = {}) {
  const header = Object.assign({ alg: "RS256", typ: "JWT", kid: keyid }, headerOption ? headerOption.toObject() : undefined);
  const payload = Object.assign({}, payloadPairs.toObject());
  payload.iat = payload.iat || 1700000000;  // jsonwebtoken: `payload.iat || now`
  const headerJson = JSON.stringify(header);
  const payloadJson = JSON.stringify(payload);
  const headerBytes = Buffer.from(headerJson, "binary");  // jws encodes the header as Latin-1
  const payloadBytes = Buffer.from(payloadJson, "utf8");
  if (!/^[\x20-\x7e]*$/.test(headerJson)) throw new Error("header must be ASCII so Latin-1 and UTF-8 agree");
  const input = b64u(headerBytes) + "." + b64u(payloadBytes);
  const signature = crypto.sign("RSA-SHA256", Buffer.from(input, "ascii"), key);
  if (!crypto.verify("RSA-SHA256", Buffer.from(input, "ascii"), publicKey, signature)) throw new Error("self-check");
  return { headerJson, payloadJson, headerBytes, payloadBytes, token: input + "." + b64u(signature) };
}

const cases = [];
function add(name, { sub, iat = 1700000000, exp = 1700003600, extra = [], keyid, header } = {}) {
  const pairs = [];
  if (sub !== undefined) pairs.push(["sub", sub]);
  if (iat !== undefined) pairs.push(["iat", iat]);
  if (exp !== undefined) pairs.push(["exp", exp]);
  pairs.push(...extra);
  const claims = new Pairs(pairs);
  const r = jwtSign(claims, { keyid, header });
  cases.push({
    name,
    claims: tag(claims),
    keyid: keyid ?? null,
    header_extra: header ? tag(header) : null,
    iat, exp,
    swift_representable: representable(claims),
    header_json: r.headerJson,
    header_hex: r.headerBytes.toString("hex"),
    payload_json: r.payloadJson,
    payload_hex: r.payloadBytes.toString("hex"),
    token: r.token,
  });
}

// Tenant IDs
add("plain tenant id", { sub: "tenant-123" });
add("empty tenant id", { sub: "" });
add("double quote", { sub: 'a"b"' });
add("backslash", { sub: "a\\b\\\\c" });
add("slash and html", { sub: "</script><b>&amp;" });
for (let c = 0; c < 0x20; c++) add(`control character U+${c.toString(16).padStart(4, "0").toUpperCase()}`, { sub: `x${String.fromCharCode(c)}y` });
add("every control character at once", { sub: Array.from({ length: 32 }, (_, c) => String.fromCharCode(c)).join("") });
add("DEL", { sub: "a\u007fb" });
add("U+0080 and U+009F (C1 controls, written raw)", { sub: "\u0080\u009f" });
add("line and paragraph separators U+2028 U+2029", { sub: "a\u2028b\u2029c" });
add("latin-1 and combining forms stay distinct", { sub: "\u00e9-e\u0301" });
add("BOM, U+FFFD, U+FFFF", { sub: "\ufeff\ufffd\uffff" });
add("emoji with skin tone and ZWJ family", { sub: "\u{1F44D}\u{1F3FD} \u{1F468}\u200d\u{1F469}\u200d\u{1F467}" });
add("non-BMP: musical symbol and U+10FFFF", { sub: "\u{1D11E}\u{10FFFF}" });
add("1000 ASCII characters", { sub: "t".repeat(1000) });
add("1000 emoji", { sub: "\u{1F600}".repeat(1000) });
add("1000 characters needing escapes", { sub: '"\\\n\u0001'.repeat(250) });
add("lone high surrogate (not representable in Swift)", { sub: "a\ud800b" });
add("lone low surrogate (not representable in Swift)", { sub: "\udc00" });
add("reversed surrogate pair (not representable in Swift)", { sub: "\udc00\ud800" });

// Times
add("iat and exp at 2^53 - 1", { sub: "t", iat: 9007199254740000, exp: 9007199254740991 });
add("small times", { sub: "t", iat: 1, exp: 2 });
add("iat before sub (insertion order kept)", { sub: undefined, iat: undefined, exp: undefined, extra: [["iat", 1700000000], ["sub", "t"], ["exp", 1700003600]] });

// Claims of every JSON type
add("registered claims", { sub: "t", extra: [["nbf", 1699999990], ["iss", "https://issuer.example"], ["aud", "hotglue"], ["jti", "id-1"]] });
add("audience array", { sub: "t", extra: [["aud", ["a", "b", "c"]]] });
add("null true false", { sub: "t", extra: [["n", null], ["yes", true], ["no", false]] });
add("nested objects and arrays", { sub: "t", extra: [["ctx", obj(["a", [1, [2, [3, obj()]], []]], ["b", obj(["c", obj(["d", "e"])])])]] });
add("floats", { sub: "t", extra: [["f", [0.1, 0.2 + 0.1, 1.5, -2.25, 4.35, 100.5, 1 / 3]]] });
add("large and small magnitudes", { sub: "t", extra: [["f", [1e21, 1e20, 123456789012345680000, 1e-6, 1e-7, 1.5e-7, 0.000001234, 5e-324, 1.7976931348623157e308, 2.2250738585072014e-308]]] });
add("negative zero", { sub: "t", extra: [["z", -0], ["zs", [-0, 0, -0.0]]] });
add("integers up to 2^53", { sub: "t", extra: [["i", [0, -1, 2147483647, 4294967296, 9007199254740991, -9007199254740991, 9007199254740992, 2 ** 60]]] });
add("array-index keys are reordered by JavaScript", { sub: "t", extra: [["b", 1], ["10", 2], ["2", 3], ["0", 4], ["4294967294", 5], ["4294967295", 6], ["01", 7], ["-1", 8], ["1.5", 9], ["a", 10]] });
add("keys needing escapes", { sub: "t", extra: [['"', 1], ["\\", 2], ["\n", 3], ["\u0000", 4], ["\u{1F511}", 5], ["", 6]] });
add("many custom claims", { sub: "t", extra: Array.from({ length: 40 }, (_, i) => [`claim${i}`, i % 3 === 0 ? `v${i}` : i % 3 === 1 ? i * 1.25 : [i]]) });

// Headers
add("kid header", { sub: "t", keyid: "key-1" });
add("kid with quote and backslash", { sub: "t", keyid: 'k"\\1' });
add("extra header member", { sub: "t", keyid: "k", header: obj(["cty", "tenant"]) });
add("header option overrides typ in place", { sub: "t", header: obj(["typ", "at+jwt"]) });
add("header option sets kid after cty", { sub: "t", header: obj(["x5t", "abc"], ["kid", "late"]) });

// numbers.json: JavaScript's String(x) for many doubles (the serializer's float layout oracle).
let state = 0x9e3779b97f4a7c15n;
function next64() {  // xorshift64*
  state ^= state >> 12n; state ^= (state << 25n) & 0xffffffffffffffffn; state ^= state >> 27n;
  return (state * 0x2545f4914f6cdd1dn) & 0xffffffffffffffffn;
}
const numbers = [];
const seen = new Set();
function addNumber(x) {
  const bits = bitsOf(x);
  if (seen.has(bits) || !Number.isFinite(x)) return;
  seen.add(bits);
  numbers.push({ bits, js: JSON.stringify(x) });
}
for (const x of [0, -0, 1, -1, 0.1, 0.2, 0.3, 1 / 3, 2 / 3, 1e21, 1e20, 999999999999999900000, 1e-6, 1e-7, 9.999999999999999e-7,
  123e-20, 5e-324, -5e-324, Number.MAX_VALUE, Number.MIN_VALUE, 2.2250738585072014e-308, 2 ** 53, 2 ** 53 + 2, 2 ** 64, 2 ** 70,
  1e15, 1e16, 1e17, 1.5, 100, 1e100, 1.7976931348623157e308, 4.35, 0.000001, 0.0000011, 12345678.9, 9007199254740993]) addNumber(x);
for (let e = -330; e <= 310; e++) { addNumber(Number(`1e${e}`)); addNumber(Number(`4.9e${e}`)); addNumber(-Number(`7.123456789012345e${e}`)); }
const view = new DataView(new ArrayBuffer(8));
while (numbers.length < 3000) {
  view.setBigUint64(0, next64());
  addNumber(view.getFloat64(0));
}

const out = {
  about: "RS256 JWTs made as node-jsonwebtoken makes them, signed with Vectors/keys/demo-rsa-2048.pem. See Vectors/README.md.",
  node: process.version,
  cases,
};
fs.writeFileSync(path.join(here, "tokens.json"), JSON.stringify(out, null, 1) + "\n");
fs.writeFileSync(path.join(here, "numbers.json"), JSON.stringify({ about: "bits: IEEE 754 double, big-endian hex; js: JSON.stringify of it in Node", node: process.version, numbers }, null, 0).replace(/\},\{/g, "},\n{") + "\n");
console.log(`${cases.length} token cases, ${numbers.length} numbers`);
