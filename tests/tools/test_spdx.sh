#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# tools/spdx.sh itself, on a tree made here (not a git checkout): --check
# names every untagged source file and fails; the fix puts the line where
# each language wants it, keeps file modes, leaves data, prose and files
# already tagged (under any license) alone, is idempotent, and tags its
# own copy while running from it; then --check passes.
#
#   test_spdx.sh SPDX_SCRIPT
set -eu
spdx=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
t=$tmp/tree
mkdir -p "$t/src/sub" "$t/cmake" "$t/build/x"
printf '/*\n * a\n */\nint a;\n' >"$t/src/a.c"
printf '#ifndef B_H\n#define B_H\n#endif\n' >"$t/src/sub/b.h"
printf '.syntax unified\n' >"$t/src/x.S"
printf 'project(t)\n' >"$t/CMakeLists.txt"
printf 'add_library(s s.c)\n' >"$t/src/sub/CMakeLists.txt"
printf 'set(X 1)\n' >"$t/cmake/k.cmake"
printf '@PACKAGE_INIT@\n' >"$t/cmake/kConfig.cmake.in"
printf 'Name: k\n' >"$t/cmake/k.pc.in"
printf 'X := 1\n' >"$t/cmake/k.mk"
printf 'all:\n\ttrue\n' >"$t/Makefile"
printf '#!/bin/sh\n# run it\necho hi\n' >"$t/run.sh"
chmod 755 "$t/run.sh"
printf 'x=1\n' >"$t/lib.sh"
printf '#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\nprint(1)\n' >"$t/q.py"
printf 'import os\n' >"$t/r.py"
printf '#!/bin/bash\necho tool\n' >"$t/tool"
mkdir -p "$t/.ci"
printf '#!/bin/sh\n./build.sh test\n' >"$t/.ci/run"
printf 'x\n' >"$t/.hidden"
printf '#!/bin/sh' >"$t/oneline.sh" # a shebang and no newline
printf '/* SPDX-License-Identifier: Apache-2.0 */\nint t;\n' >"$t/src/tagged.c"
printf '#!/bin/sh\n# SPDX-License-Identifier: MIT\n' >"$t/mit.sh"
printf '{"a": 1}\n' >"$t/data.json"
printf '# Title\n' >"$t/README.md"
printf 'plain text\n' >"$t/notes"
printf 'int build_output;\n' >"$t/build/x/gen.c"
sed '/^# SPDX-License-Identifier:/d' "$spdx" >"$t/spdx.sh" # untagged copy
cp "$t/data.json" "$tmp/data.json.orig"

fail() { echo "spdx self-test: $*"; exit 1; }

status=0
out=$(sh "$spdx" --check "$t") || status=$?
echo "$out"
[ "$status" -eq 1 ] || fail "--check on an untagged tree: exit $status, expected 1"
for f in src/a.c src/sub/b.h src/x.S CMakeLists.txt src/sub/CMakeLists.txt \
         cmake/k.cmake cmake/kConfig.cmake.in cmake/k.pc.in cmake/k.mk Makefile \
         run.sh lib.sh q.py r.py tool oneline.sh .ci/run spdx.sh; do
  case "$out" in
    *"$f: no SPDX-License-Identifier line"*) ;;
    *) fail "--check does not name $f" ;;
  esac
done
[ "$(echo "$out" | grep -c 'no SPDX')" -eq 18 ] || fail "--check names other files"
[ "$(head -c 2 "$t/src/a.c")" = "/*" ] && [ "$(sed -n 2p "$t/src/a.c")" = " * a" ] ||
  fail "--check wrote a file"

# The copy in the tree tags itself as it runs.
out=$(sh "$t/spdx.sh" "$t" 2>&1) || fail "adding failed: $out"
case "$out" in
  *rror*) fail "adding: $out" ;;
  *"spdx: added the line to 18 of 20 source files") ;;
  *) fail "adding: unexpected output: $out" ;;
esac
expect() { # file, line number, text
  got=$(sed -n "$2p" "$t/$1")
  [ "$got" = "$3" ] || fail "$1 line $2: '$got', expected '$3'"
}
c="/* SPDX-License-Identifier: Apache-2.0 */"
h="# SPDX-License-Identifier: Apache-2.0"
expect src/a.c 1 "$c"
expect src/a.c 2 "/*"
expect src/sub/b.h 1 "$c"
expect src/sub/b.h 2 "#ifndef B_H"
expect src/x.S 1 "$c"
for f in CMakeLists.txt src/sub/CMakeLists.txt cmake/k.cmake cmake/kConfig.cmake.in \
         cmake/k.pc.in cmake/k.mk Makefile lib.sh r.py; do
  expect "$f" 1 "$h"
done
expect cmake/kConfig.cmake.in 2 "@PACKAGE_INIT@"
expect run.sh 1 "#!/bin/sh"
expect run.sh 2 "$h"
expect run.sh 3 "# run it"
expect q.py 2 "# -*- coding: utf-8 -*-"
expect q.py 3 "$h"
expect q.py 4 "print(1)"
expect tool 2 "$h"
expect .ci/run 2 "$h"
expect spdx.sh 2 "$h"
expect oneline.sh 1 "#!/bin/sh"
expect oneline.sh 2 "$h"
expect mit.sh 2 "# SPDX-License-Identifier: MIT"
[ "$(wc -l <"$t/src/tagged.c")" -eq 2 ] || fail "a tagged file changed"
[ "$(wc -l <"$t/mit.sh")" -eq 2 ] || fail "a file under another license changed"
[ -x "$t/run.sh" ] || fail "run.sh lost its mode"
cmp -s "$t/data.json" "$tmp/data.json.orig" || fail "data.json changed"
[ "$(cat "$t/README.md")" = "# Title" ] || fail "README.md changed"
[ "$(cat "$t/notes")" = "plain text" ] || fail "notes changed"
[ "$(cat "$t/.hidden")" = "x" ] || fail ".hidden changed"
[ "$(cat "$t/build/x/gen.c")" = "int build_output;" ] || fail "a build tree was changed"

out=$(sh "$spdx" "$t") || fail "second run failed"
[ "$out" = "spdx: added the line to 0 of 20 source files" ] ||
  fail "second run: $out"
out=$(sh "$spdx" --check "$t") || fail "--check after the fix: $out"
echo "$out"
echo "spdx self-test: ok"
