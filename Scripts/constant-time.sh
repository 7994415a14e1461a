#!/usr/bin/env bash
# Constant-time checks for PureBigNum's secret-handling code, on the release build:
#  (a) callgrind: the instructions executed by one exponentiation are the same number for
#      different secret bases/exponents of the same length (for each specialised size and the
#      generic kernel);
#  (b) memcheck: with the secrets marked undefined (VALGRIND_MAKE_MEM_UNDEFINED), no branch and
#      no address depends on them.
# Each check is also run on a deliberately leaky square-and-multiply (in Scripts/constant-time,
# not in the library) and must flag it, which proves the check can fail.
# Exits non-zero on any failure. Needs valgrind (Debian: apt-get install valgrind).
set -euo pipefail
cd "$(dirname "$0")/constant-time"
export SWIFT_BACKTRACE=enable=no
command -v valgrind >/dev/null || { echo "constant-time: valgrind is not installed" >&2; exit 1; }

# valgrind 3.19 cannot read DWARF 5.
flags=(-c release -Xswiftc -dwarf-version=4 -Xcc -gdwarf-4)
swift build "${flags[@]}" 2>&1 | tail -1
bin="$(swift build "${flags[@]}" --show-bin-path)/ct-check"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

echo "== (b) memcheck: secrets as undefined memory"
if valgrind -q --error-exitcode=3 --leak-check=no "$bin" memcheck library >"$work/library.log" 2>&1; then
    echo "ok: library — no branch or address depends on a secret ($(tail -1 "$work/library.log"))"
else
    fail "memcheck reports secret-dependent branches or addresses in the library:"
    cat "$work/library.log"
fi
if valgrind -q --error-exitcode=3 --leak-check=no "$bin" memcheck leaky >"$work/leaky.log" 2>&1; then
    fail "memcheck did not flag the leaky square-and-multiply (the check cannot fail?)"
elif grep -q "Conditional jump or move depends on uninitialised value" "$work/leaky.log"; then
    echo "ok: leaky variant flagged ($(grep -c 'depends on uninitialised' "$work/leaky.log") report(s))"
else
    fail "the leaky run failed for another reason:"
    cat "$work/leaky.log"
fi

echo "== (a) callgrind: instruction counts across secrets"
count() {  # variant limbs seed
    valgrind --tool=callgrind --callgrind-out-file="$work/cg.$1.$2.$3" \
        --toggle-collect='*measureExponentiation*' "$bin" count "$1" "$2" "$3" >/dev/null 2>&1
    awk '/^summary:/ { print $2 }' "$work/cg.$1.$2.$3"
}
for limbs in 16 32 17; do
    counts=()
    for seed in 0 1 2 3; do counts+=("$(count library "$limbs" "$seed")"); done
    distinct=$(printf '%s\n' "${counts[@]}" | sort -u | wc -l)
    if [[ "$distinct" == 1 && "${counts[0]}" -gt 100000 ]]; then
        echo "ok: library, $limbs limbs — ${counts[0]} instructions for every secret"
    else
        fail "library, $limbs limbs — counts differ across secrets: ${counts[*]}"
    fi
done
counts=()
for seed in 0 1 2; do counts+=("$(count leaky 16 "$seed")"); done
if [[ "$(printf '%s\n' "${counts[@]}" | sort -u | wc -l)" -gt 1 ]]; then
    echo "ok: leaky variant flagged — counts ${counts[*]}"
else
    fail "callgrind saw equal counts for the leaky variant (the check cannot fail?): ${counts[*]}"
fi

if [[ "$failures" -gt 0 ]]; then
    echo "constant-time: $failures check(s) FAILED"
    exit 1
fi
echo "constant-time: all checks passed"
