/* SPDX-License-Identifier: Apache-2.0 */
/*
 * mote_version(): the version string of the library as built, from
 * include/mote/version.h.
 */
#include "mote/version.h"

const char *mote_version(void) {
  return MOTE_VERSION_STRING;
}
