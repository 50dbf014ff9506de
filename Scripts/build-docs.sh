#!/usr/bin/env bash
# Builds the PARIndex library's documentation (Sources/PARIndex/PARIndex.docc plus the doc
# comments in the sources) with the toolchain's own `docc`, with no SwiftPM plugin: the
# package has no dependencies and needs none.
#
#   Scripts/build-docs.sh            → .build/docs (a static DocC site; exit 1 on any warning)
#   Scripts/build-docs.sh --list     → the same, and step 4 lists every undocumented symbol and
#                                      every missing parameter as file:line (also DOCS_LIST=1)
#   Scripts/build-docs.sh --strict   → the same, and exit 1 when step 4 counts anything still
#                                      undocumented (also DOCS_STRICT=1)
#
# Steps:
#   1. `swift build --target PARIndex` in a scratch folder of its own (.build/docs-build), so
#      that it never waits for, or invalidates, the default .build of `swift test`;
#   2. the module's symbol graph (public symbols) with `swift-symbolgraph-extract`, the tool
#      `swift package dump-symbol-graph` runs, applied to the PARIndex module only — fresh on
#      every run, even when the build had nothing to do;
#   3. `docc convert … --warnings-as-errors`: a broken link, an unknown symbol in a Topics
#      group, a malformed directive in the catalog or in a doc comment fails the script;
#   4. a second `docc convert` with parameter validation and `--analyze`, and the symbol graph
#      itself, to count what is still undocumented: public symbols without a doc comment, and
#      parameters missing from a doc comment that documents others. Both counts are always
#      printed (with --list, each symbol and parameter at its file:line); both are 0, and any
#      above 0 fails the script (the default; DOCS_STRICT=0 only reports), so that no public
#      symbol comes back undocumented. A parameter documented that the function does not have
#      is wrong, not missing, and always fails.
#
# Environment: DOCC (the docc binary), DOCS_SCRATCH (the build folder), DOCS_OUTPUT, DOCS_LIST,
# DOCS_STRICT (1: as --strict; 0: report only).
set -euo pipefail
list=${DOCS_LIST:-0}
strict=${DOCS_STRICT:-1}
for argument in "$@"; do
  case $argument in
    --list) list=1 ;;
    --strict) strict=1 ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0 ;;
    *) echo "build-docs: unknown argument '$argument' (try --list, --strict or --help)" >&2; exit 2 ;;
  esac
done
cd "$(dirname "$0")/.."
root=$PWD
start=$SECONDS

catalog=Sources/PARIndex/PARIndex.docc
scratch=${DOCS_SCRATCH:-.build/docs-build}
output=${DOCS_OUTPUT:-.build/docs}
graphs=$scratch/symbol-graphs
analysis=$scratch/analysis

# The toolchain's docc: xcrun on macOS, else beside `swift` (/opt/swift/usr/bin on this Linux image).
find_docc() {
  if [[ -n ${DOCC:-} ]]; then echo "$DOCC"; return; fi
  if command -v xcrun >/dev/null 2>&1 && xcrun --find docc >/dev/null 2>&1; then xcrun --find docc; return; fi
  local swift_bin
  swift_bin=$(dirname "$(readlink -f "$(command -v swift)")")
  if [[ -x $swift_bin/docc ]]; then echo "$swift_bin/docc"; return; fi
  if command -v docc >/dev/null 2>&1; then command -v docc; return; fi
  find /opt/swift /usr -name docc -type f -perm -u+x 2>/dev/null | head -n 1
}
docc=$(find_docc)
if [[ -z $docc || ! -x $docc ]]; then
  echo "build-docs: no docc found beside swift ($(command -v swift)); set DOCC=/path/to/docc" >&2
  exit 2
fi
swift_bin=$(dirname "$(readlink -f "$(command -v swift)")")
extract=$swift_bin/swift-symbolgraph-extract
[[ -x $extract ]] || extract=$(command -v swift-symbolgraph-extract)

echo "== 1. swift build --target PARIndex (scratch: $scratch)"
swift build --scratch-path "$scratch" --target PARIndex

echo "== 2. symbol graph"
bin=$(swift build --scratch-path "$scratch" --show-bin-path)
modules=$bin/Modules                      # SwiftPM 6 keeps .swiftmodule files here
[[ -d $modules ]] || modules=$bin
triple=$(swiftc -print-target-info | sed -n 's/^ *"triple": "\(.*\)",*$/\1/p' | head -n 1)
sdk=()
if command -v xcrun >/dev/null 2>&1; then sdk=(-sdk "$(xcrun --show-sdk-path)"); fi   # macOS only
rm -rf "$graphs"
mkdir -p "$graphs"
"$extract" -module-name PARIndex -target "$triple" ${sdk[@]+"${sdk[@]}"} -I "$modules" \
  -minimum-access-level public -output-dir "$graphs"
ls "$graphs"

echo "== 3. docc convert (warnings are errors)"
rm -rf "$output"
gate=("$docc" convert "$catalog"
  --additional-symbol-graph-dir "$graphs"
  --fallback-display-name PARIndex
  --fallback-bundle-identifier org.parindex.PARIndex
  --output-path "$output"
  --warnings-as-errors
  --disable-parameters-and-returns-validation)
echo "${gate[*]}"
gate_status=0
"${gate[@]}" || gate_status=$?

if [[ $strict == 1 ]]; then
  echo "== 4. documentation still to write (--strict: any is an error)"
else
  echo "== 4. documentation still to write (reported, not failed on; --strict fails on it)"
fi
rm -rf "$analysis"
mkdir -p "$analysis"
track_status=0
"$docc" convert "$catalog" \
  --additional-symbol-graph-dir "$graphs" \
  --fallback-display-name PARIndex \
  --fallback-bundle-identifier org.parindex.PARIndex \
  --output-path "$analysis/archive" \
  --analyze \
  --diagnostics-file "$analysis/diagnostics.json" \
  --experimental-documentation-coverage --coverage-summary-level brief \
  >"$analysis/docc.log" 2>&1 || true
[[ -f $analysis/diagnostics.json ]] || cat "$analysis/docc.log"
sed -n '/coverage output enabled/,$p' "$analysis/docc.log"
if command -v python3 >/dev/null 2>&1; then
  export GATE_STATUS=$gate_status DOCS_LIST=$list DOCS_STRICT=$strict
  python3 - "$graphs" "$analysis/diagnostics.json" "$root" <<'PY' || track_status=$?
import collections, json, os, re, sys

graphs, diagnostics_file, root = sys.argv[1], sys.argv[2], sys.argv[3]
sources = "file://" + os.path.join(root, "Sources", "PARIndex") + "/"

listing = os.environ.get("DOCS_LIST", "0") not in ("", "0")
strict = os.environ.get("DOCS_STRICT", "0") not in ("", "0")

def short(uri):
    return uri[len("file://" + root) + 1:] if uri.startswith("file://" + root) else uri

# Public symbols declared in Sources/PARIndex (symbols without a location are synthesised
# conformances, documented by their protocol) and whether they carry their own doc comment.
total, undocumented, places = 0, collections.Counter(), []
for name in sorted(os.listdir(graphs)):
    if not name.endswith(".symbols.json"):
        continue
    with open(os.path.join(graphs, name)) as handle:
        graph = json.load(handle)
    for symbol in graph["symbols"]:
        uri = symbol.get("location", {}).get("uri", "")
        if symbol.get("accessLevel") not in ("public", "open") or not uri.startswith(sources):
            continue
        total += 1
        comment = symbol.get("docComment")
        own = comment is not None and comment.get("module", "PARIndex") == "PARIndex" and any(
            line.get("text", "").strip() for line in comment.get("lines", []))
        if not own:
            undocumented[short(uri)] += 1
            line = symbol.get("location", {}).get("position", {}).get("line", -1) + 1  # the graph counts from 0
            kind = symbol.get("kind", {}).get("identifier", "").removeprefix("swift.")
            places.append((short(uri), line, kind, ".".join(symbol.get("pathComponents", []))))
count = sum(undocumented.values())
print(f"public symbols: {total}; without a doc comment: {count}")
for file, n in undocumented.most_common(None if listing else 10):
    print(f"  {n:4}  {file}")
if listing:
    for file, line, kind, path in sorted(places):
        print(f"  {file}:{line}: {kind} {path}")

# Parameter validation: a doc comment that documents some parameters but not all. Any other
# warning here (a documented parameter that does not exist, a return value documented for a
# function returning Void) is wrong documentation, not missing documentation: it fails.
missing = re.compile(r"^Parameter '.+' is missing documentation$")
try:
    with open(diagnostics_file) as handle:
        diagnostics = json.load(handle).get("diagnostics", [])
except FileNotFoundError:
    print(f"docc wrote no {diagnostics_file}", file=sys.stderr)
    sys.exit(1)
by_file, wrong, notes, gaps = collections.Counter(), [], 0, []
for diagnostic in diagnostics:
    severity, summary = diagnostic.get("severity"), diagnostic.get("summary", "")
    if severity in ("warning", "error"):
        if missing.match(summary):
            by_file[short(diagnostic.get("source", ""))] += 1
            line = diagnostic.get("range", {}).get("start", {}).get("line", 0)  # the doc comment's first line
            gaps.append((short(diagnostic.get("source", "")), line, summary))
        else:
            wrong.append(diagnostic)
    else:
        notes += 1
print(f"parameters missing from doc comments that document others: {sum(by_file.values())}")
for file, n in by_file.most_common(None if listing else 10):
    print(f"  {n:4}  {file}")
if listing:
    for file, line, summary in sorted(gaps):
        print(f"  {file}:{line}: {summary}")
if notes:
    print(f"docc --analyze notes: {notes} (see {diagnostics_file})")
status = 0
if wrong:
    print(f"{len(wrong)} other docc warning(s) with parameter validation on", file=sys.stderr)
    # When step 3 failed it has printed them already.
    for diagnostic in wrong if os.environ.get("GATE_STATUS") == "0" else []:
        line = diagnostic.get("range", {}).get("start", {}).get("line", "?")
        print(f"  {short(diagnostic.get('source', ''))}:{line}: {diagnostic.get('summary')}", file=sys.stderr)
    status = 1
# Exit 3: the documentation is not wrong, only incomplete (an error with --strict alone).
gaps_total = count + sum(by_file.values())
where = "" if listing else "; --list shows each at its file:line"
if gaps_total and strict:
    print(f"{count} public symbol(s) without a doc comment and {sum(by_file.values())} missing parameter(s): "
          f"errors with --strict{where}", file=sys.stderr)
    status = status or 3
elif gaps_total:
    print(f"(reported, not failed on: --strict or DOCS_STRICT=1 makes them errors{where})")
sys.exit(status)
PY
else
  echo "python3 not found: no counts (docc's coverage table above still applies)"
  if [[ $strict == 1 ]]; then
    echo "build-docs: --strict needs python3 to count undocumented symbols" >&2
    track_status=3
  fi
fi

elapsed=$((SECONDS - start))
if [[ $gate_status -ne 0 || ($track_status -ne 0 && $track_status -ne 3) ]]; then
  echo "build-docs: FAILED — docc reported warnings (see above); ${elapsed}s" >&2
  exit 1
fi
if [[ $track_status -eq 3 ]]; then
  echo "build-docs: FAILED — public API without documentation (--strict; see step 4); ${elapsed}s" >&2
  exit 1
fi
echo "build-docs: ok, no warnings — $output (open $output/index.html through a web server, or serve the folder statically); ${elapsed}s"
