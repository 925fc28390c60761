/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Platform layer with no clock and no output (see include/mote/platform.h):
 * for targets that have neither, for size measurements, and as the
 * template of a new port. Programs still link and run; timings read 0 and
 * log text goes nowhere.
 */
#include "mote/platform.h"

uint64_t mote_platform_ticks(void) { return 0; }

uint32_t mote_platform_ticks_per_second(void) { return 0; }

void mote_platform_log(const char *text) { (void)text; }
