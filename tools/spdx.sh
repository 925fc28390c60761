#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Gives every source file of the repository an SPDX license line, or
# checks that each has one.
#
#   tools/spdx.sh [--check] [ROOT]      (ROOT: default the repository)
#
# The line is `SPDX-License-Identifier: Apache-2.0` (LICENSE), as a
# comment in the file's own language:
#
#   C, headers, assembly (.c .h .S)      /* SPDX-License-Identifier: ... */
#                                        as the first line
#   CMake (CMakeLists.txt .cmake .cmake.in), make (Makefile .mk),
#   pkg-config templates (.pc.in)        # SPDX-... as the first line
#   shell, Python (.sh .py, and files    # SPDX-... after the #! line (and
#   without an extension that start      after a Python coding line), or
#   with a #! for sh, bash or python)    first when there is none
#
# A file has the line when one of its first five lines is a comment
# holding `SPDX-License-Identifier:` (whatever license it names: files
# under another license keep theirs). Other files (data, models, Markdown)
# are left alone.
#
# The files are those git lists (tracked, and untracked but not ignored)
# under ROOT; outside a git checkout, every file under ROOT except build
# trees (build, build-*) and .git. Without --check the line is added where
# it is missing (file modes kept) and the files changed are listed; it is
# safe to run again. With --check nothing is written: the files without
# the line are listed and the exit status is 1 if there are any.
#
# POSIX sh, sed, awk. Exit 0 done / all tagged, 1 untagged files (--check),
# 2 bad use.
set -eu

check=0
root=""
for arg in "$@"; do
  case "$arg" in
    --check) check=1 ;;
    -h | --help) sed -n '2,32p' "$0"; exit 0 ;;
    -*) echo "spdx: unknown option $arg" >&2; exit 2 ;;
    *) [ -z "$root" ] || { echo "spdx: one ROOT only" >&2; exit 2; }
       root=$arg ;;
  esac
done
root=${root:-$(cd "$(dirname "$0")/.." && pwd)}
[ -d "$root" ] || { echo "spdx: no directory $root" >&2; exit 2; }
cd "$root"

id="SPDX-License-Identifier: Apache-2.0"

# The comment style of a file: c, hash (first line) or script (after #!);
# nothing for files that are not sources.
style_of() {
  case "$1" in
    *.c | *.h | *.S) echo c; return ;;
    *.sh | *.py) echo script; return ;;
    */CMakeLists.txt | CMakeLists.txt | *.cmake | *.cmake.in | *.mk | \
    */Makefile | Makefile | *.pc.in) echo hash; return ;;
  esac
  case "${1##*/}" in
    *.*) return ;; # another extension, or a dot file: not a source we tag
  esac
  case "$(sed -n '1p' "$1" 2>/dev/null)" in
    '#!'*sh* | '#!'*python*) echo script ;;
  esac
}

has_line() {
  sed -n '1,5p' "$1" |
    grep -Eq '^[[:space:]]*(/\*|#|//)[[:space:]]*SPDX-License-Identifier:'
}

# Inserts the line into file $1 in style $2, keeping the file's mode. The
# new text goes to a copy that then replaces the file (a new inode), so
# that a shell running a script being tagged (this one, too) reads on in
# the text it started with.
add_line() {
  tmp=$1.spdx-tmp
  cp -p "$1" "$tmp"
  case "$2" in
    c) { echo "/* $id */"; cat "$1"; } >"$tmp" ;;
    hash) { echo "# $id"; cat "$1"; } >"$tmp" ;;
    script)
      awk -v line="# $id" '
        NR == 1 && /^#!/ { print; shebang = 1; next }
        !done && shebang && NR == 2 && /^#.*coding[:=]/ { print; next }
        !done { print line; done = 1 }
        { print }
        END { if (!done) print line }' "$1" >"$tmp" ;;
  esac
  mv -f "$tmp" "$1"
}

list_files() {
  if git -C . rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git ls-files --cached --others --exclude-standard -- .
  else
    find . -type f ! -path './.git/*' ! -path './build/*' ! -path './build-*' |
      sed 's|^\./||'
  fi
}

count=0
missing=0
list=$(mktemp)
trap 'rm -f "$list"' EXIT
list_files | LC_ALL=C sort -u >"$list"
while IFS= read -r f; do
  [ -f "$f" ] && [ ! -L "$f" ] || continue # deleted in the work tree, or a link
  style=$(style_of "$f")
  [ -n "$style" ] || continue
  count=$((count + 1))
  has_line "$f" && continue
  missing=$((missing + 1))
  if [ "$check" = 1 ]; then
    echo "$f: no SPDX-License-Identifier line"
  else
    add_line "$f" "$style"
    echo "$f"
  fi
done <"$list"

if [ "$check" = 1 ]; then
  if [ "$missing" -gt 0 ]; then
    echo "spdx: $missing of $count source files lack the line; run tools/spdx.sh" >&2
    exit 1
  fi
  echo "spdx: all $count source files carry an SPDX-License-Identifier line"
else
  echo "spdx: added the line to $missing of $count source files"
fi
