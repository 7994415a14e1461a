#!/usr/bin/env bash
# Builds the DocC documentation of the library products with the toolchain's own tools (no
# package dependency, no plugin): symbol graphs from the existing debug build
# (`swift package dump-symbol-graph`, which reuses what `swift build`/`swift test` compiled),
# then `docc convert --warnings-as-errors` per module, so a broken symbol link or a malformed
# article fails. Before converting, Scripts/check-doc-comments.py fails if any public symbol
# declared in Sources/ has no documentation comment.
#
# Usage: Scripts/docs.sh            archives in .build/docs/<Module>.doccarchive
# The modules are those .spi.yml names. PureBigNum and PureDER are products too, but have no
# user API (only error types other errors carry), so they get no catalog of their own.
set -euo pipefail
cd "$(dirname "$0")/.."

modules=(PureJWT PureRSA PureJSON PureSHA2 PureP256)
docc=$(dirname "$(readlink -f "$(command -v swift)")")/docc
[[ -x $docc ]] || docc=$(command -v docc)

swift package dump-symbol-graph --minimum-access-level public --skip-synthesized-members >/dev/null
graphs=$(swift build --show-bin-path)/../symbolgraph
[[ -d $graphs ]] || graphs=$(dirname "$(swift build --show-bin-path)")/symbolgraph
python3 Scripts/check-doc-comments.py "$graphs" "${modules[@]}" PureBigNum PureDER

out=.build/docs
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
for module in "${modules[@]}"; do
    mkdir -p "$work/$module/graphs"
    cp "$graphs/$module.symbols.json" "$work/$module/graphs/"
    cp "$graphs/$module"@*.symbols.json "$work/$module/graphs/" 2>/dev/null || true
    cp -R "Sources/$module/$module.docc" "$work/$module/"
    # The chart lives once, in docs/; the Performance article shows it.
    [[ $module == PureJWT ]] && cp docs/perf.svg "$work/$module/$module.docc/perf.svg"
    rm -rf "$out/$module.doccarchive"
    "$docc" convert "$work/$module/$module.docc" \
        --additional-symbol-graph-dir "$work/$module/graphs" \
        --fallback-display-name "$module" --fallback-bundle-identifier "dev.purers256.$module" \
        --warnings-as-errors --output-path "$out/$module.doccarchive" >"$work/$module.log" 2>&1 \
        || { cat "$work/$module.log" >&2; echo "docs: $module failed" >&2; exit 1; }
    echo "docs: $module -> $out/$module.doccarchive"
done
