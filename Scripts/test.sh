#!/usr/bin/env bash
# The whole test suite, as CI runs it (.ci/run calls exactly this):
#   1. swift test --disable-xctest       every unit, property, golden, CLI and public-API test
#   2. swift format lint --strict        the style in .swift-format (120 columns), no warning
#   3. Scripts/build-docs.sh             the DocC catalogue builds with no warning
# Needs only the Swift 6 toolchain (swift-format and docc ship with it); the package has no
# dependencies to fetch. Works from any directory; stops at the first step that fails.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

echo "== 1/3 swift test --disable-xctest"
swift test --disable-xctest

echo "== 2/3 swift format lint --strict"
swift format lint --strict --recursive --parallel \
  Package.swift Sources Tests Examples Benchmarks/Swift Fuzz/Targets Fuzz/Support

echo "== 3/3 Scripts/build-docs.sh"
bash Scripts/build-docs.sh

echo "test.sh: all passed"
