/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Code of the parent project that its own flags accept and mote's would
 * not: an unused parameter (-Wextra), an implicit narrowing (-Wconversion)
 * and no prototype declared first (-Wmissing-prototypes). Under mote's
 * -Werror it would not compile; the package test builds it to show that
 * mote's flags stay on mote's targets.
 */
#include <stdint.h>

int16_t parent_narrow(int32_t wide, int unused) {
  int16_t narrow = wide;
  return narrow;
}
