#!/usr/bin/env bash
# Prints the example reports to PDF the way a secretary would (headless Chromium, A4), counts
# the pages, turns every page into a PNG to look at, and lists the pages on which no table
# header row can be read (a table continued without its header would show up there).
#
#   Scripts/print-report.sh [PARINDEX] [--screenshots]
#
# PARINDEX defaults to .build/release/parindex. Needs Debian's `chromium` and `poppler-utils`
# (pdfinfo, pdftotext, pdftoppm); the test suite does not. Writes into .build/print/:
#   departments-{losses,full,none}.pdf, communes-losses.pdf, and pages/NAME-N.png.
# --screenshots also copies page 1 and the first scorecard page of departments-losses to
# docs/report-page-1.png and docs/report-scorecard.png.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
parindex="$root/.build/release/parindex"
screenshots=0
for argument in "$@"; do
  case "$argument" in
    --screenshots) screenshots=1 ;;
    *) parindex="$(cd "$(dirname "$argument")" && pwd)/$(basename "$argument")" ;;
  esac
done
out="$root/.build/print"
rm -rf "$out" && mkdir -p "$out/pages"
chrome="$(command -v chromium || command -v chromium-browser || command -v google-chrome)"

print() { # NAME CRITERIA YEAR MODE
  local name="$1" criteria="$2" year="$3" mode="$4"
  "$parindex" report "$root/criteria/$criteria" "$root/Examples/2025/$year" --scorecards "$mode" -o "$out/$name.html"
  "$chrome" --headless --no-sandbox --disable-gpu --no-pdf-header-footer --print-to-pdf="$out/$name.pdf" \
    "file://$out/$name.html" 2>/dev/null
  local pages
  pages="$(pdfinfo "$out/$name.pdf" | awk '/^Pages:/ { print $2 }')"
  pdftoppm -r 50 -png "$out/$name.pdf" "$out/pages/$name"
  local headless=()
  for ((page = 1; page <= pages; page++)); do
    # Every page of the report holds a table; its header names at least one of these columns.
    local text
    text="$(pdftotext -f "$page" -l "$page" -layout "$out/$name.pdf" -)"
    if ! grep -qE 'Mã|Đơn vị|Tệp|Lĩnh vực|LV1' <<<"$text"; then
      headless+=("$page")
    fi
  done
  printf '%-20s %3d pages (A4)   pages without a table header: %s\n' "$name" "$pages" "${headless[*]:-none}"
}

print departments-losses department-2025.json departments losses
print departments-full department-2025.json departments full
print departments-none department-2025.json departments none
print communes-losses commune-2025.json communes losses

if ((screenshots)); then
  pdftoppm -r 80 -png -f 1 -l 1 -singlefile "$out/departments-losses.pdf" "$root/docs/report-page-1"
  # The first page whose text starts a unit's scorecard ("Tiêu chí bị mất điểm").
  pages="$(pdfinfo "$out/departments-losses.pdf" | awk '/^Pages:/ { print $2 }')"
  for ((page = 1; page <= pages; page++)); do
    if grep -q 'Tiêu chí bị mất điểm' <<<"$(pdftotext -f "$page" -l "$page" "$out/departments-losses.pdf" -)"; then
      pdftoppm -r 80 -png -f "$page" -l "$page" -singlefile "$out/departments-losses.pdf" "$root/docs/report-scorecard"
      break
    fi
  done
  echo "docs/report-page-1.png, docs/report-scorecard.png written"
fi
