/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Platform layer for a hosted machine (Linux, macOS, any POSIX system; see
 * include/mote/platform.h). Ticks are nanoseconds of CLOCK_MONOTONIC, which
 * neither jumps with the wall clock nor stops while the process waits; a
 * system without it falls back to ISO C clock(), which counts processor
 * time at CLOCKS_PER_SEC. The log sink is stdout through stdio, so its output
 * stays in order with the program's own printf.
 */
#define _POSIX_C_SOURCE 199309L /* clock_gettime under -std=c99 */

#include "mote/platform.h"

#include <stdio.h>
#include <time.h>

uint64_t mote_platform_ticks(void) {
#if defined(CLOCK_MONOTONIC)
  struct timespec ts;
  if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) {
    return 0;
  }
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
#else
  clock_t now = clock();
  return now == (clock_t)-1 ? 0u : (uint64_t)now;
#endif
}

uint32_t mote_platform_ticks_per_second(void) {
#if defined(CLOCK_MONOTONIC)
  return 1000000000u;
#else
  return (uint32_t)CLOCKS_PER_SEC;
#endif
}

void mote_platform_log(const char *text) {
  (void)fputs(text, stdout);
}
