#!/usr/bin/env bash
# Builds and runs the test suite under AddressSanitizer (scratch path .build-asan, so the
# normal .build is untouched). Extra arguments go to `swift test` (e.g. --filter BadInput).
set -euo pipefail
cd "$(dirname "$0")/.."
# Swift's backtracer and ASan both want the crash signals; ASan reports, the backtracer would
# only hold the process. Leak checking is off: Swift runtime caches live until exit.
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1}
start=$(date +%s)
swift build --build-tests --sanitize=address --scratch-path .build-asan
swift test --skip-build --sanitize=address --scratch-path .build-asan "$@"
echo "asan_tests: $(( $(date +%s) - start )) s"
