/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference SELECT_V2 (select_v2.h): TFLM's Select and
 * BroadcastSelect5DSlow, one output element at a time in row-major order.
 */
#include "kernels/select_v2.h"

/* The offsets of input k along the four outer indices are summed once per
 * row; the innermost dimension steps by the input's last stride. */
#define SELECT_FN(name, T)                                                     \
  void name(const mote_select_params_t *p, const uint8_t *cond, const T *x,    \
            const T *y, T *out) { /* NOLINT(bugprone-macro-parentheses): T is a type */ \
    const int32_t *d = p->dims;                                                \
    const int32_t(*s)[MOTE_SELECT_DIMS] = p->stride;                           \
    int32_t a, b, c, e, i;                                                     \
    for (a = 0; a < d[0]; ++a) {                                               \
      for (b = 0; b < d[1]; ++b) {                                             \
        for (c = 0; c < d[2]; ++c) {                                           \
          for (e = 0; e < d[3]; ++e) {                                         \
            int32_t o[3];                                                      \
            int k;                                                             \
            for (k = 0; k < 3; ++k) {                                          \
              o[k] = a * s[k][0] + b * s[k][1] + c * s[k][2] + e * s[k][3];    \
            }                                                                  \
            for (i = 0; i < d[4]; ++i) {                                       \
              *out++ = cond[o[0] + i * s[0][4]] != 0 ? x[o[1] + i * s[1][4]]   \
                                                     : y[o[2] + i * s[2][4]];  \
            }                                                                  \
          }                                                                    \
        }                                                                      \
      }                                                                        \
    }                                                                          \
  }

SELECT_FN(mote_select_s8_ref, int8_t)
SELECT_FN(mote_select_s16_ref, int16_t)
SELECT_FN(mote_select_f32_ref, float)
