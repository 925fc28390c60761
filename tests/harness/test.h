/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A minimal test harness: each test binary defines test functions, lists
 * them in main() with MOTE_RUN, and ends with MOTE_TEST_END() which prints
 * "N passed, N failed" and returns the exit status.
 */
#ifndef MOTE_TEST_H
#define MOTE_TEST_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int mote_test_failed_checks_;
static int mote_test_passed_;
static int mote_test_failed_;

#define CHECK(cond)                                                          \
  do {                                                                       \
    if (!(cond)) {                                                           \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__,       \
              #cond);                                                        \
      mote_test_failed_checks_++;                                            \
    }                                                                        \
  } while (0)

#define CHECK_EQ_INT(a, b)                                                   \
  do {                                                                       \
    long long a_ = (long long)(a), b_ = (long long)(b);                      \
    if (a_ != b_) {                                                          \
      fprintf(stderr, "%s:%d: CHECK_EQ failed: %s = %lld, %s = %lld\n",      \
              __FILE__, __LINE__, #a, a_, #b, b_);                           \
      mote_test_failed_checks_++;                                            \
    }                                                                        \
  } while (0)

#define CHECK_NEAR(a, b, tol)                                                \
  do {                                                                       \
    double a_ = (double)(a), b_ = (double)(b);                               \
    if (!(fabs(a_ - b_) <= (tol))) {                                         \
      fprintf(stderr, "%s:%d: CHECK_NEAR failed: %s = %.9g, %s = %.9g\n",    \
              __FILE__, __LINE__, #a, a_, #b, b_);                           \
      mote_test_failed_checks_++;                                            \
    }                                                                        \
  } while (0)

#define MOTE_RUN(fn)                                                         \
  do {                                                                       \
    int before_ = mote_test_failed_checks_;                                  \
    fn();                                                                    \
    if (mote_test_failed_checks_ == before_) {                               \
      mote_test_passed_++;                                                   \
    } else {                                                                 \
      mote_test_failed_++;                                                   \
      fprintf(stderr, "FAIL %s\n", #fn);                                     \
    }                                                                        \
  } while (0)

#define MOTE_TEST_END()                                                      \
  (printf("%d passed, %d failed\n", mote_test_passed_, mote_test_failed_),   \
   mote_test_failed_ ? 1 : 0)

#endif /* MOTE_TEST_H */
