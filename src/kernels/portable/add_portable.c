/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ADD int8, portable C (add.h): core/add_s8_rows.h with the rounded high
 * multiply in 64 bits, which hosts do in one multiply. Parameters the
 * row arithmetic does not cover (never seen from the converter) run the
 * reference.
 */
#include "kernels/add.h"

static inline int32_t add_mulhi2_c(int32_t v2, int32_t m) {
  return (int32_t)(((int64_t)v2 * m + ((int64_t)1 << 31)) >> 32);
}
#define MOTE_ADD_MULHI2(v2, m) add_mulhi2_c((v2), (m))
#include "kernels/core/add_s8_rows.h"

MOTE_ADD_S8_ROWS_ENTRY(mote_add_s8_portable)
