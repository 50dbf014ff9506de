#!/usr/bin/env bash
# Builds and runs a libFuzzer target of PARIndex.
#
#   Fuzz/run.sh TARGET SECONDS [extra libFuzzer flags…]    TARGET: csv | criteria | values | year |
#                                                           codecs | inflate | zip | xml | workbook | api |
#                                                           spreadsheet
#   Fuzz/run.sh all SECONDS                                 every target in turn, SECONDS each
#   Fuzz/run.sh build TARGET|all                            only build Fuzz/out/TARGET
#
# Works from any directory. Everything it writes is under Fuzz/out/ (git-ignored):
#   Fuzz/out/TARGET               the binary (library sources + Fuzz/Support + the target, one module)
#   Fuzz/out/corpus/TARGET/       the working corpus: the committed seeds Fuzz/corpus/TARGET/ are
#                                 copied in; what libFuzzer adds stays here, never in Fuzz/corpus/
#   Fuzz/out/crashes/TARGET/      crash-*, timeout-*, oom-* inputs
#   Fuzz/out/logs/TARGET.log      libFuzzer's output of the last run
#
# Environment:
#   FUZZ_FRESH=1     start from the committed seeds only (empty the working corpus first)
#   FUZZ_STOP=1      stop at the first crash (default: keep going, -fork=1 -ignore_crashes=1 …)
#   FUZZ_STRICT=1    re-enable the checks the harness skips for already-recorded bugs
#   FUZZ_SOURCES=worktree   build the library from the working tree (default: from git HEAD)
#   SWIFTC           the compiler (default: swiftc on PATH)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
out="$here/out"
targets=(csv criteria values year codecs inflate zip xml workbook api spreadsheet)
swiftc="${SWIFTC:-swiftc}"

usage() { sed -n '2,/^set -euo/p' "$0" | grep '^#' | sed 's/^# \{0,1\}//' >&2; exit 64; }

max_len() {
  case "$1" in
    year) echo 200000 ;;
    criteria) echo 131072 ;;   # the department set is 67 kB
    values) echo 4096 ;;
    api) echo 1024 ;;
    codecs | xml) echo 16384 ;;
    inflate | zip) echo 32768 ;;
    workbook) echo 131072 ;;
    spreadsheet) echo 8192 ;;
    *) echo 65536 ;;
  esac
}

build() {
  local target="$1"
  local source="$here/Targets/$target.swift"
  [[ -f "$source" ]] || { echo "no such target: $target (expected $source)" >&2; exit 64; }
  mkdir -p "$out/logs"
  local binary="$out/$target"
  # The library is built from a snapshot of the last commit (FUZZ_SOURCES=worktree: of the working
  # tree), so that edits in progress neither break the build nor make a finding unreproducible.
  local snapshot="$out/src/$target" wanted=worktree
  [[ "${FUZZ_SOURCES:-commit}" == worktree ]] || wanted="commit $(git -C "$root" rev-parse HEAD)"
  if [[ "$wanted" != worktree ]] && [[ -x "$binary" ]] && [[ "$(head -n 1 "$snapshot/COMMIT" 2>/dev/null)" == "$wanted" ]] &&
    [[ -z "$(find "$here/Support" "$source" "$0" -newer "$binary" -print -quit)" ]]; then
    return 0
  fi
  rm -rf "$snapshot" && mkdir -p "$snapshot"
  if [[ "$wanted" == worktree ]]; then
    cp -R "$root/Sources/PARIndex" "$snapshot/PARIndex"
  else
    git -C "$root" archive HEAD Sources/PARIndex | tar -x -C "$snapshot"
    mv "$snapshot/Sources/PARIndex" "$snapshot/PARIndex" && rmdir "$snapshot/Sources"
  fi
  { echo "$wanted"; git -C "$root" log -1 --format='%H %cd %s' 2>/dev/null || true; } >"$snapshot/COMMIT"
  # Every library source, however deep, plus the shared support and the target: one module.
  local sources=()
  while IFS= read -r -d '' file; do sources+=("$file"); done < <(find "$snapshot/PARIndex" "$here/Support" -name '*.swift' -print0 | sort -z)
  sources+=("$source")
  echo "building $target (${#sources[@]} files)…" >&2
  if ! "$swiftc" -sanitize=fuzzer,address -parse-as-library -O -g -swift-version 6 \
      -enable-upcoming-feature ExistentialAny -module-name PARIndexFuzz -package-name parindex \
      -file-prefix-map "$snapshot=$root/Sources" \
      "${sources[@]}" -o "$binary.tmp" >"$out/logs/$target.build.log" 2>&1; then
    grep -v 'ld.gold: warning' "$out/logs/$target.build.log" >&2 || true
    echo "build of $target failed (full log: $out/logs/$target.build.log)" >&2
    exit 1
  fi
  mv "$binary.tmp" "$binary"
}

run() {
  local target="$1" seconds="$2"
  shift 2
  build "$target"
  local corpus="$out/corpus/$target" crashes="$out/crashes/$target"
  [[ "${FUZZ_FRESH:-}" == 1 ]] && rm -rf "$corpus"
  mkdir -p "$corpus" "$crashes"
  if [[ -d "$here/corpus/$target" ]]; then cp -n "$here/corpus/$target"/* "$corpus"/ 2>/dev/null || true; fi
  local flags=(
    -max_len="$(max_len "$target")" -timeout=10 -rss_limit_mb=2048 -max_total_time="$seconds"
    -artifact_prefix="$crashes/" -print_final_stats=1
  )
  [[ -f "$here/dict/$target.dict" ]] && flags+=(-dict="$here/dict/$target.dict")
  if [[ "${FUZZ_STOP:-}" != 1 ]]; then
    flags+=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
  fi
  echo "fuzzing $target for ${seconds}s (log: $out/logs/$target.log)…" >&2
  local status=0
  (cd "$out" && SWIFT_BACKTRACE=enable=no ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}" \
    "$out/$target" "${flags[@]}" "$@" "$corpus" >"$out/logs/$target.log" 2>&1) || status=$?
  # The last status line says how far it got.
  grep -E '^#[0-9]+' "$out/logs/$target.log" | tail -n 1 >&2 || true
  grep -E 'stat::number_of_executed_units|stat::peak_rss_mb' "$out/logs/$target.log" >&2 || true
  local found
  found=$(find "$crashes" -type f | wc -l)
  echo "$target: exit $status, $found file(s) in $crashes" >&2
}

[[ $# -ge 1 ]] || usage
case "$1" in
  build)
    [[ $# -eq 2 ]] || usage
    if [[ "$2" == all ]]; then for t in "${targets[@]}"; do build "$t"; done; else build "$2"; fi
    ;;
  all)
    [[ $# -eq 2 ]] || usage
    for t in "${targets[@]}"; do run "$t" "$2"; done
    ;;
  *)
    [[ $# -ge 2 ]] || usage
    run "$@"
    ;;
esac
