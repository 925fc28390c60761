/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file
 * Porting interface: the little that mote's tools, examples and benchmarks
 * need from the platform they run on. libmote itself needs none of it (the
 * core never reads a clock or prints) and does not link it; mote/mote.h
 * does not include this header.
 *
 * One implementation is linked per program, from platform/:
 *   host.c               POSIX clock_gettime (or ISO C clock) and stdout
 *   cortex_m_semihost.c  the Cortex-M harness of ../shared/tools/cortex-m:
 *                        SysTick ticks and semihosting output
 *   none.c               no clock, no output: every call a no-op
 * With CMake, link the `mote_platform` target; MOTE_PLATFORM picks the file
 * (default host, or none when cross compiling).
 *
 * Porting to a new board means writing these three functions, nothing
 * more; none.c is the starting point. All three may be called at any time,
 * from one thread; none of them can fail.
 */
#ifndef MOTE_PLATFORM_H
#define MOTE_PLATFORM_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A free-running tick counter for timing (the profiler, benchmarks):
 * monotonic, counting from an arbitrary origin, in units of
 * 1 / mote_platform_ticks_per_second() seconds. Only differences between
 * two readings mean anything. Always 0 where there is no clock. */
uint64_t mote_platform_ticks(void);

/** Ticks per second of mote_platform_ticks(), or 0 when the platform has no
 * clock: callers must check before dividing. */
uint32_t mote_platform_ticks_per_second(void);

/** Writes the NUL-terminated `text` as is to the platform's log sink
 * (stdout, a debugger console, a UART); no newline is added, nothing is
 * formatted. `text` is only read during the call. Output may be dropped
 * where there is no sink. */
void mote_platform_log(const char *text);

#ifdef __cplusplus
}
#endif

#endif /* MOTE_PLATFORM_H */
