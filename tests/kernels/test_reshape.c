/* SPDX-License-Identifier: Apache-2.0 */
/*
 * RESHAPE tests: the copy (distinct, aliased and overlapping buffers) and
 * the cross-check of a requested shape against the static output shape,
 * over the shapes found in the reference models plus mismatches.
 */
#include <stdint.h>
#include <string.h>

#include "kernels/reshape.h"
#include "test.h"

static void test_copy(void) {
  uint8_t a[64], b[64], want[64];
  size_t i;
  for (i = 0; i < sizeof(a); ++i) {
    a[i] = (uint8_t)(i * 5 + 3);
  }
  memset(b, 0, sizeof(b));
  mote_reshape_copy(a, b, 40);
  CHECK(memcmp(a, b, 40) == 0);
  CHECK(b[40] == 0);

  /* Aliased: the planner put input and output in one buffer. */
  memcpy(want, a, sizeof(a));
  mote_reshape_copy(a, a, sizeof(a));
  CHECK(memcmp(a, want, sizeof(a)) == 0);

  /* Overlapping in both directions must behave as memmove. */
  memcpy(want, a, sizeof(a));
  mote_reshape_copy(a, a + 8, 48);
  CHECK(memcmp(a + 8, want, 48) == 0);
  memcpy(a, want, sizeof(a));
  mote_reshape_copy(a + 8, a, 48);
  CHECK(memcmp(a, want + 8, 48) == 0);

  mote_reshape_copy(NULL, NULL, 0);
}

typedef struct spec_case {
  uint32_t count;
  int32_t spec[6];
  uint8_t rank;
  int32_t dims[6];
  bool match;
} spec_case_t;

static const spec_case_t spec_cases[] = {
    /* From the reference models. */
    {2, {-1, 64}, 2, {1, 64}, true},
    {2, {1, 1280}, 2, {1, 1280}, true},
    {4, {-1, 49, 40, 1}, 4, {1, 49, 40, 1}, true},
    {1, {-1}, 1, {480}, true},
    {2, {-1, 3920}, 2, {1, 3920}, true},
    /* Scalar output with an empty shape. */
    {0, {0}, 0, {0}, true},
    /* Mismatches. */
    {2, {2, 32}, 2, {1, 64}, false},
    {2, {-1, -1}, 2, {1, 64}, false},
    {3, {1, 1, 64}, 2, {1, 64}, false},
    {1, {64}, 2, {1, 64}, false},
    {1, {0}, 0, {0}, false},
    {1, {0}, 1, {1}, false},
    {6, {1, 2, 1, 2, -1, 2}, 6, {1, 2, 1, 2, 3, 2}, true},
};

static void test_spec_matches(void) {
  size_t i;
  for (i = 0; i < sizeof(spec_cases) / sizeof(spec_cases[0]); ++i) {
    const spec_case_t *c = &spec_cases[i];
    bool got = mote_reshape_spec_matches(c->spec, c->count, c->dims, c->rank);
    if (got != c->match) {
      fprintf(stderr, "spec case %u: got %d\n", (unsigned)i, (int)got);
    }
    CHECK(got == c->match);
  }
}

int main(void) {
  MOTE_RUN(test_copy);
  MOTE_RUN(test_spec_matches);
  return MOTE_TEST_END();
}
