#!/usr/bin/env bash
# Compile-tests the platform fallbacks of Sources/PARIndex/Platform/SystemCalls.swift.
#
# 1. The Foundation-only branch (`#else`), forced with -DPARINDEX_PORTABLE, built in its own
#    scratch folder (.build-portable, ignored by git) so the normal build is left alone; then
#    a smoke run of that binary: a ranking written with -o, written again over itself, and an
#    -o inside the year folder refused.
# 2. The Musl branch, with `swift build --swift-sdk` when `swift sdk list` shows a musl SDK
#    (a static Linux SDK); skipped, saying so, when there is none.
#
# Usage: Scripts/check-portable.sh        (from anywhere; exits non-zero on any failure)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

echo "== Foundation-only fallback: swift build -Xswiftc -DPARINDEX_PORTABLE"
swift build --scratch-path .build-portable -Xswiftc -DPARINDEX_PORTABLE --product parindex
binary="$(swift build --scratch-path .build-portable -Xswiftc -DPARINDEX_PORTABLE --show-bin-path)/parindex"

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
criteria=criteria/commune-2025.json
year=Examples/2025/communes
# The example year's warnings are expected: shown only when a run fails.
run() { "$binary" "$@" 2>"$scratch/stderr" || { status=$?; cat "$scratch/stderr" >&2; return $status; }; }
run rank "$criteria" "$year" --format csv >"$scratch/expected.csv"
run rank "$criteria" "$year" --format csv -o "$scratch/ranking.csv"
run rank "$criteria" "$year" --format csv -o "$scratch/ranking.csv"  # over an existing file
cmp "$scratch/expected.csv" "$scratch/ranking.csv"
[[ -z "$(find "$scratch" -name '*.partial')" ]] || { echo "a temporary was left behind" >&2; exit 1; }
status=0
"$binary" rank "$criteria" "$year" -o "$year/ranking.csv" 2>/dev/null || status=$?
if [[ $status -ne 64 || -e "$year/ranking.csv" ]]; then
  echo "-o inside the year folder: exit $status, not 64" >&2
  exit 1
fi
echo "fallback: builds, writes, replaces and refuses as the POSIX build does"

echo "== Musl: swift build --swift-sdk"
sdk="$(swift sdk list 2>/dev/null | grep -i musl | head -n 1 || true)"
if [[ -n "$sdk" ]]; then
  swift build --scratch-path .build-musl --swift-sdk "$sdk"
  echo "musl ($sdk): builds"
else
  echo "skipped: 'swift sdk list' shows no musl SDK (install a static Linux SDK with 'swift sdk install' to check it)"
fi
