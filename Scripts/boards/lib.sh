# Shared by the board runners (sourced, not run). A runner sets, then calls board_main "$@":
#   BOARD          its name, e.g. aarch64-linux (the label of every line it prints)
#   TRIPLE         the Embedded Swift target (one the toolchain ships a standard library for)
#   PACKAGES       the Debian packages it needs (installed when missing: see need_packages)
#   INT_BITS       the width of Int there (the board must report it)
#   board_link     a function: links $OUT/board from the C shim and the Swift objects in $OUT
#   EMULATOR       an array: the command that runs $OUT/board, {in}/{out} for named FIFOs
#   RUN_OPTIONS    an array: extra options for Scripts/boards/run.mjs (--measure, limits)
# BOARD_REUSE_OBJECTS=1 in the environment links the Swift objects of an earlier build (when
# only the shim changed); CI never sets it.
# Steps: build the library modules as Embedded Swift with Scripts/embedded/build.sh (the same
# module list, flags and C-ABI exports as the wasm32 build), link, print the image's size, run
# Scripts/boards/run.mjs (the wasm32 test's checks, shared in Scripts/wasm/checks.mjs). The
# expected tenant tokens come from the native rs256 command at test time: RS256_NATIVE, or
# .build/release/rs256 (built here if missing).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

OUT=.build-boards/$BOARD
SHIM=Scripts/boards/shim
TOOLCHAIN_BIN=$(dirname "$(readlink -f "$(command -v swiftc)")")

# Installs the Debian packages that are missing (idempotent: nothing happens when all are there;
# `apt-get update` runs once, and only when something must be installed).
need_packages() {
    local missing=()
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "boards: installing ${missing[*]}"
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    "${sudo[@]}" apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
}

# The Swift objects to link: every library module Scripts/embedded/build.sh compiled, and the
# exports shim with its mem* functions weakened (Scripts/boards/shim/runtime.c says why) and its
# __multi3 and __lshrti3 made local: those follow wasm32's calling convention, so a library call
# to either must get libgcc's, never the wasm one.
swift_objects() {
    local objects=()
    for o in "$OUT"/Pure*.o; do
        case "$o" in */PureExports.o|*/PureExports.weak.o) ;; *) objects+=("$o") ;; esac
    done
    "$TOOLCHAIN_BIN/llvm-objcopy" --weaken-symbol=memset --weaken-symbol=memcpy \
        --weaken-symbol=memmove --weaken-symbol=memcmp --localize-symbol=__multi3 --localize-symbol=__lshrti3 "$OUT/PureExports.o" "$OUT/PureExports.weak.o"
    objects+=("$OUT/PureExports.weak.o" "$TOOLCHAIN_BIN/../lib/swift/embedded/$TRIPLE/libswiftUnicodeDataTables.a")
    printf '%s\n' "${objects[@]}"
}

# C flags for the shim: no built-in knowledge of memset & co. (runtime.c defines them).
SHIM_CFLAGS=(-O2 -ffreestanding -fno-builtin -fno-tree-loop-distribute-patterns -fno-pie -Wall -Werror)

# The link of the three Linux targets: the shim compiled by the Debian cross compiler $CC, then
# the toolchain's ld.lld (static, no C library, libgcc for the compiler's helpers).
link_linux() {
    local shim=()
    for f in linux server runtime; do
        "$CC" "${CFLAGS_TARGET[@]}" "${SHIM_CFLAGS[@]}" -c -o "$OUT/shim-$f.o" "$SHIM/$f.c"
        shim+=("$OUT/shim-$f.o")
    done
    mapfile -t objects < <(swift_objects)
    "$TOOLCHAIN_BIN/ld.lld" -static -e _start --gc-sections -o "$OUT/board" "${shim[@]}" "${objects[@]}" \
        "$("$CC" "${CFLAGS_TARGET[@]}" -print-libgcc-file-name)"
}

board_main() {
    local start=$SECONDS
    need_packages $PACKAGES $(command -v node >/dev/null || echo nodejs)
    if [ -n "${BOARD_REUSE_OBJECTS:-}" ] && [ -f "$OUT/PureExports.o" ]; then
        echo "$BOARD: BOARD_REUSE_OBJECTS is set: linking the Swift objects already in $OUT"
    else
        rm -rf "$OUT"
        mkdir -p "$OUT"
        # The shim's deliberate `free` draws a warning per board; the rest is shown.
        Scripts/embedded/build.sh "$TRIPLE" "$OUT" 2>&1 | grep -v -e "warning: symbol name 'free'" -e "^ *[0-9]* |" -e "^ *|" -e "^ *\`-" || true
        [ -f "$OUT/PureExports.o" ] || { echo "$BOARD: the Embedded Swift build FAILED" >&2; exit 1; }
    fi
    local built=$SECONDS
    board_link
    echo "$BOARD: linked $OUT/board ($(( built - start )) s to build the library for $TRIPLE)"
    "$SIZE" "$OUT/board" | sed "s|^|$BOARD: |"
    read -r text data bss _ < <("$SIZE" "$OUT/board" | tail -1)
    echo "board-figure {\"label\":\"$BOARD\",\"text\":$text,\"data\":$data,\"bss\":$bss}"
    local native=${RS256_NATIVE:-.build/release/rs256}
    if [ ! -x "$native" ]; then
        echo "$BOARD: building the native rs256 command (the reference for tenant tokens)"
        swift build -c release --product rs256 >/dev/null
        native=$(swift build -c release --show-bin-path)/rs256
    fi
    # The emulator gets 20 minutes at most: a hung board fails instead of holding CI.
    timeout 1200 node Scripts/boards/run.mjs --label "$BOARD" --int-bits "$INT_BITS" --native "$native" \
        "${RUN_OPTIONS[@]}" -- "${EMULATOR[@]}"
    echo "$BOARD: passed in $(( SECONDS - start )) s (build $(( built - start )) s, run $(( SECONDS - built )) s)"
}
