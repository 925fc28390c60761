#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# LICENSE is the Apache License 2.0, the license every SPDX line and
# manifest names (CTest tools/license).
#
#   test_license.sh ROOT
#
# On Debian the text is compared with base-files' copy
# (/usr/share/common-licenses/Apache-2.0), trailing blanks aside;
# elsewhere its heading, terms and appendix are looked for. NOTICE must
# exist, and library.json, idf_component.yml and the SPDX tool must name
# Apache-2.0.
set -u
root=${1:?usage: test_license.sh ROOT}
cd "$root" || exit 1
bad=0
no() {
  echo "license: $*" >&2
  bad=1
}
debian=/usr/share/common-licenses/Apache-2.0
if [ ! -f LICENSE ]; then
  no "no LICENSE file"
elif [ -f "$debian" ]; then
  sed 's/[[:space:]]*$//' LICENSE >"${TMPDIR:-/tmp}/mote-license.$$"
  if ! sed 's/[[:space:]]*$//' "$debian" |
      cmp -s - "${TMPDIR:-/tmp}/mote-license.$$"; then
    no "LICENSE differs from $debian"
  fi
  rm -f "${TMPDIR:-/tmp}/mote-license.$$"
else
  for text in "Apache License" "Version 2.0, January 2004" \
      "TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION" \
      "END OF TERMS AND CONDITIONS" \
      "http://www.apache.org/licenses/LICENSE-2.0"; do
    grep -qF "$text" LICENSE || no "LICENSE lacks '$text'"
  done
fi
[ -s NOTICE ] || no "no NOTICE file"
grep -q '"license": "Apache-2.0"' library.json || no "library.json: license is not Apache-2.0"
grep -q '^license: "Apache-2.0"' idf_component.yml || no "idf_component.yml: license is not Apache-2.0"
grep -q '^id="SPDX-License-Identifier: Apache-2.0"' tools/spdx.sh ||
  no "tools/spdx.sh does not write Apache-2.0"
[ "$bad" = 0 ] && echo "license: LICENSE is Apache-2.0, as the manifests and SPDX lines say"
exit "$bad"
