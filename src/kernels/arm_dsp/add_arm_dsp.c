/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ADD int8, Cortex-M DSP (add.h): core/add_s8_rows.h with SMMULR as the
 * rounded high multiply (ACLE has no intrinsic for it, and GCC 12 does
 * not form it from C: it emits a 64-bit SMLAL onto a materialised 2^31,
 * three instructions where SMMULR is one).
 *
 * resnet8's three ADDs (28,672 elements) at -O2 on Cortex-M4F: see
 * docs/performance.md (reference 3,486,535 instructions, TFLM+CMSIS-NN
 * 2,337,948). Parameters the row arithmetic does not cover (never seen
 * from the converter) run the reference.
 */
#include "kernels/add.h"

#if defined(__ARM_FEATURE_DSP)

static inline int32_t add_mulhi2_smmulr(int32_t v2, int32_t m) {
  int32_t r;
  __asm__("smmulr %0, %1, %2" : "=r"(r) : "r"(v2), "r"(m));
  return r;
}
#define MOTE_ADD_MULHI2(v2, m) add_mulhi2_smmulr((v2), (m))
#include "kernels/core/add_s8_rows.h"

MOTE_ADD_S8_ROWS_ENTRY(mote_add_s8_arm_dsp)

#endif
