/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The harness functions bench_fw.c uses, for the host build: output to
 * stdout, and markers that do nothing (callgrind counts the invoke by
 * function name, --toggle-collect=mote_interp_invoke, as TFLM's host figure
 * counts MicroInterpreter::Invoke). There is no painted stack to measure,
 * so the stack peak is 0 here.
 */
#include <stdio.h>

#include "cm_harness.h"

void cm_putc(char c) { (void)putchar(c); }

void cm_puts(const char *s) { (void)fputs(s, stdout); }

void cm_put_u64(uint64_t v) { (void)printf("%llu", (unsigned long long)v); }

void cm_put_hex8(uint8_t v) { (void)printf("%02x", (unsigned)v); }

uint32_t cm_stack_peak(void) { return 0u; }

/* Kept out of line so that a debugger or profiler can find them. */
__attribute__((noinline)) void cm_mark_begin(void) { __asm__ volatile(""); }
__attribute__((noinline)) void cm_mark_end(void) { __asm__ volatile(""); }
