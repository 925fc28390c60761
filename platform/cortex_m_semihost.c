/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Platform layer for Cortex-M under the harness in ../shared/tools/cortex-m
 * (QEMU, or a board with a debugger that serves semihosting; see
 * include/mote/platform.h). Link with the harness' cm_startup.c,
 * cm_semihost.c and cm_count.c, and compile with its directory on the
 * include path.
 *
 * Ticks are the harness' 64-bit SysTick count of processor clock cycles at
 * CM_CPU_HZ; under QEMU with -icount shift=0 they measure instructions, not
 * time (see the harness README). The log goes out by SYS_WRITE0, which
 * halts the core for the debugger on every call: fine for results, too slow
 * inside a timed region. A board without semihosting would use a UART here
 * instead, and DWT->CYCCNT for ticks.
 */
#include "mote/platform.h"

#include "cm_harness.h"

uint64_t mote_platform_ticks(void) { return cm_ticks(); }

uint32_t mote_platform_ticks_per_second(void) { return (uint32_t)CM_CPU_HZ; }

void mote_platform_log(const char *text) { cm_puts(text); }
