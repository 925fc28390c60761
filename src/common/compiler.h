/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The few compiler hints the library uses, each with a plain C99
 * fallback, so that any C99 compiler builds mote and GCC and clang build
 * it as measured.
 *
 * MOTE_NOINLINE keeps a function out of its caller. Kernels use it where
 * a compiler, inlining a helper called once, merges an inner loop into a
 * bigger nest and spills the loop's registers (measured on Cortex-M4 at
 * -Os: the SVDF feature product went from 7 to 9 instructions per MAC).
 * Without GCC or clang it is empty: correctness never depends on it.
 */
#ifndef MOTE_COMMON_COMPILER_H
#define MOTE_COMMON_COMPILER_H

#if defined(__GNUC__) || defined(__clang__)
#define MOTE_NOINLINE __attribute__((noinline))
#else
#define MOTE_NOINLINE
#endif

#endif /* MOTE_COMMON_COMPILER_H */
