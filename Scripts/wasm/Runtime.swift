// The few C runtime symbols an Embedded Swift module needs on wasm32-unknown-none-wasm, written
// in Swift so the .wasm imports nothing: a size-class allocator over the memory above the
// linker's __heap_base (posix_memalign/free; the loader calls pure_heap_init first),
// memset/memcpy/memmove/memcmp, arc4random_buf (fixed sequence, for Hasher seeds only), and
// __multi3 (the 128-bit multiply LLVM may call for UInt128 `*`, which wasm32 has no instruction
// for; today LLVM expands the library's 64x64 products inline, and run.mjs tests __multi3 directly)
// and __lshrti3 (a UInt128 shifted right by a variable count; checked the same way).
// Defining `free` draws a compiler warning (the name is reserved for the runtime); that is the
// point here.
//
// Not part of the library: only Scripts/embedded/build.sh compiles this file, for targets
// without a C library.

// MARK: - __multi3 from 32-bit pieces

/// The full 128-bit product of two 64-bit words, computed from 32-bit halves so that nothing here
/// asks LLVM for an i128 multiply (which would call __multi3 again).
@inline(__always)
private func wideProduct(_ a: UInt64, _ b: UInt64) -> (high: UInt64, low: UInt64) {
    let a0 = a & 0xFFFF_FFFF, a1 = a >> 32
    let b0 = b & 0xFFFF_FFFF, b1 = b >> 32
    let p00 = a0 &* b0, p01 = a0 &* b1, p10 = a1 &* b0, p11 = a1 &* b1
    // Middle column: at most 3 * (2^32 - 1), fits in 64 bits.
    let middle = (p00 >> 32) &+ (p01 & 0xFFFF_FFFF) &+ (p10 & 0xFFFF_FFFF)
    let low = (middle << 32) | (p00 & 0xFFFF_FFFF)
    let high = p11 &+ (p01 >> 32) &+ (p10 >> 32) &+ (middle >> 32)
    return (high, low)
}

/// `__int128 __multi3(__int128 a, __int128 b)` as wasm32 lowers it: the result goes through a
/// pointer passed first, each operand arrives as (low, high) 64-bit words.
@_cdecl("__multi3")
public func multi3(
    _ result: UnsafeMutablePointer<UInt64>, _ aLow: UInt64, _ aHigh: UInt64, _ bLow: UInt64, _ bHigh: UInt64
) {
    let (high, low) = wideProduct(aLow, bLow)
    result[0] = low
    result[1] = high &+ aLow &* bHigh &+ aHigh &* bLow
}

// MARK: - __lshrti3

/// `__int128 __lshrti3(__int128 a, int b)` as wasm32 lowers it: the result through a pointer
/// passed first, the operand as (low, high) 64-bit words, the count as a 32-bit integer. LLVM
/// calls it for a `UInt128` shifted by a count that is not a constant (the reduced-radix loop
/// kernels shift their column accumulator by the radix, which is public). Branches on the count.
@_cdecl("__lshrti3")
public func lshrti3(_ result: UnsafeMutablePointer<UInt64>, _ low: UInt64, _ high: UInt64, _ count: Int32) {
    let shift = UInt64(UInt32(bitPattern: count) & 127)
    if shift == 0 {
        result[0] = low
        result[1] = high
    } else if shift < 64 {
        result[0] = (low &>> shift) | (high &<< (64 &- shift))
        result[1] = high &>> shift
    } else {
        result[0] = high &>> (shift &- 64)
        result[1] = 0
    }
}

// MARK: - memory functions (byte loops; sizes here are small)

@_cdecl("memset")
public func memset(_ dest: UnsafeMutableRawPointer, _ value: Int32, _ count: Int) -> UnsafeMutableRawPointer {
    let bytes = dest.assumingMemoryBound(to: UInt8.self)
    let byte = UInt8(truncatingIfNeeded: value)
    var i = 0
    while i < count { bytes[i] = byte; i &+= 1 }
    return dest
}

@_cdecl("memcpy")
public func memcpy(_ dest: UnsafeMutableRawPointer, _ source: UnsafeRawPointer, _ count: Int) -> UnsafeMutableRawPointer {
    let d = dest.assumingMemoryBound(to: UInt8.self), s = source.assumingMemoryBound(to: UInt8.self)
    var i = 0
    while i < count { d[i] = s[i]; i &+= 1 }
    return dest
}

@_cdecl("memmove")
public func memmove(_ dest: UnsafeMutableRawPointer, _ source: UnsafeRawPointer, _ count: Int) -> UnsafeMutableRawPointer {
    let d = dest.assumingMemoryBound(to: UInt8.self), s = source.assumingMemoryBound(to: UInt8.self)
    if UInt(bitPattern: dest) <= UInt(bitPattern: source) {
        var i = 0
        while i < count { d[i] = s[i]; i &+= 1 }
    } else {
        var i = count
        while i > 0 { i &-= 1; d[i] = s[i] }
    }
    return dest
}

@_cdecl("memcmp")
public func memcmp(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Int32 {
    let x = a.assumingMemoryBound(to: UInt8.self), y = b.assumingMemoryBound(to: UInt8.self)
    var i = 0
    while i < count {
        if x[i] != y[i] { return Int32(x[i]) - Int32(y[i]) }
        i &+= 1
    }
    return 0
}

// MARK: - allocator: power-of-two size classes with free lists, between __heap_base and the end
// of memory

// The heap's bounds come from the loader (`pure_heap_init(__heap_base, memory size)`): Swift cannot
// name the linker's __heap_base symbol, and a static arena as a Swift value compiles far too slowly.
nonisolated(unsafe) private var heapStart: UInt = 0
nonisolated(unsafe) private var heapEnd: UInt = 0
nonisolated(unsafe) private var heapNext: UInt = 0
/// Heads of the free lists: class k holds blocks of 16 << k bytes, header included.
nonisolated(unsafe) private var freeLists:
    (
        UInt, UInt, UInt, UInt, UInt, UInt, UInt, UInt, UInt, UInt, UInt, UInt, UInt, UInt, UInt, UInt,
        UInt, UInt, UInt, UInt, UInt, UInt, UInt, UInt, UInt, UInt, UInt, UInt
    ) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
private let classCount = 28
private let headerBytes: UInt = 16

private func freeListHead(_ sizeClass: Int) -> UnsafeMutablePointer<UInt> {
    withUnsafeMutablePointer(to: &freeLists) { UnsafeMutableRawPointer($0).assumingMemoryBound(to: UInt.self) + sizeClass }
}

/// Tells the allocator which memory it owns: from `start` (the linker's __heap_base) to `end`
/// (the memory's size in bytes). Call once, before anything else.
@_cdecl("pure_heap_init")
public func heapInit(_ start: UInt, _ end: UInt) {
    heapStart = (start + 15) & ~15
    heapNext = heapStart
    heapEnd = end
}

private func allocate(_ size: Int) -> UnsafeMutableRawPointer? {
    guard size >= 0, UInt(size) <= heapEnd - heapStart else { return nil }
    var sizeClass = 0
    while sizeClass < classCount && (UInt(16) << UInt(sizeClass)) < UInt(size) + headerBytes { sizeClass += 1 }
    guard sizeClass < classCount else { return nil }
    let head = freeListHead(sizeClass)
    let block: UInt
    if head.pointee != 0 {
        block = head.pointee
        head.pointee = UnsafeMutableRawPointer(bitPattern: block)!.load(fromByteOffset: 4, as: UInt.self)
    } else {
        let blockBytes = UInt(16) << UInt(sizeClass)
        guard heapEnd - heapNext >= blockBytes else { return nil }
        block = heapNext
        heapNext += blockBytes
    }
    let pointer = UnsafeMutableRawPointer(bitPattern: block)!
    pointer.storeBytes(of: UInt32(sizeClass), as: UInt32.self)
    return pointer + Int(headerBytes)
}

// The C library's name, which the linker resolves.
// swift-format-ignore: AlwaysUseLowerCamelCase
@_cdecl("posix_memalign")
public func posix_memalign(_ out: UnsafeMutablePointer<UnsafeMutableRawPointer?>, _ alignment: Int, _ size: Int) -> Int32 {
    guard alignment <= 16, let p = allocate(size) else { return 12 }  // ENOMEM
    out.pointee = p
    return 0
}

@_cdecl("free")
public func free(_ pointer: UnsafeMutableRawPointer?) {
    guard let pointer else { return }
    let block = pointer - Int(headerBytes)
    let sizeClass = Int(block.load(as: UInt32.self))
    let head = freeListHead(sizeClass)
    block.storeBytes(of: head.pointee, toByteOffset: 4, as: UInt.self)
    head.pointee = UInt(bitPattern: block)
}

/// Allocates `size` bytes in the module's memory for the caller; returns 0 when memory is full.
@_cdecl("pure_alloc")
public func pureAlloc(_ size: Int) -> UnsafeMutableRawPointer? { allocate(size) }

/// Returns a block from ``pureAlloc(_:)``.
@_cdecl("pure_free")
public func pureFree(_ pointer: UnsafeMutableRawPointer?) { free(pointer) }

/// Bytes of the heap handed out so far (blocks are reused after `free`, never returned).
@_cdecl("pure_heap_used")
public func heapUsed() -> UInt { heapNext - heapStart }

// MARK: - arc4random_buf

nonisolated(unsafe) private var randomState: UInt64 = 0x9E37_79B9_7F4A_7C15

/// The standard library asks for random bytes to seed `Hasher` (the `Set`s in PureJWT's parser).
/// This module has no entropy source and must import nothing, so the bytes come from a fixed
/// splitmix64 sequence: hashing works, but its seeds are predictable. The library itself draws
/// no randomness for signing (PKCS#1 v1.5 is deterministic); do not reuse this generator for
/// anything secret.
// swift-format-ignore: AlwaysUseLowerCamelCase
@_cdecl("arc4random_buf")
public func arc4random_buf(_ buffer: UnsafeMutableRawPointer, _ count: Int) {
    let bytes = buffer.assumingMemoryBound(to: UInt8.self)
    var i = 0
    while i < count {
        randomState &+= 0x9E37_79B9_7F4A_7C15
        var z = randomState
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        var k = 0
        while k < 8 && i < count { bytes[i] = UInt8(truncatingIfNeeded: z >> UInt64(8 * k)); k += 1; i += 1 }
    }
}
