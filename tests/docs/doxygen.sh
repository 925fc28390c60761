#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The API reference (CTest docs/doxygen): doxygen over include/mote/ with
# docs/Doxyfile, whose WARN_IF_UNDOCUMENTED and WARN_AS_ERROR make a public
# symbol without a comment, or a broken doc command, fail the test.
#
#   doxygen.sh ROOT OUT      HTML into OUT/html, warnings in OUT/warnings.log
#
# Exit 0 pass, 1 fail, 77 skip (no doxygen; a failure under CI).
set -eu
root=$1
out=$2
fail() {
  echo "docs/doxygen: FAIL: $*" >&2
  exit 1
}
if ! command -v doxygen >/dev/null 2>&1; then
  ci=${CI:-}
  if [ -n "$ci" ] && [ "$ci" != 0 ] && [ "$ci" != false ]; then
    fail "doxygen not found (required under CI; build.sh test installs it)"
  fi
  echo "docs/doxygen: doxygen not found; skipped"
  exit 77
fi
v() { sed -n "s/^#define MOTE_VERSION_$1 \([0-9]*\)\$/\1/p" "$root/include/mote/version.h"; }
rm -rf "$out"
mkdir -p "$out"
cd "$root"
# The Doxyfile's paths are relative to the repository root; the output
# goes to the build tree instead of build/doxygen.
if ! { cat docs/Doxyfile
       echo "OUTPUT_DIRECTORY = $out"
       echo "PROJECT_NUMBER = $(v MAJOR).$(v MINOR).$(v PATCH)"
       echo "WARN_LOGFILE = $out/warnings.log"; } | doxygen - >"$out/doxygen.out" 2>&1; then
  cat "$out/doxygen.out" "$out/warnings.log" >&2
  fail "doxygen reported warnings (above)"
fi
if [ -s "$out/warnings.log" ]; then
  cat "$out/warnings.log" >&2
  fail "doxygen reported warnings (above)"
fi
[ -f "$out/html/index.html" ] || fail "no $out/html/index.html"
grep -q "mote_interp_invoke" "$out/html/interp_8h.html" ||
  fail "interp.h's page does not list mote_interp_invoke"
echo "docs/doxygen: include/mote/ documented without a warning; $out/html/index.html"
