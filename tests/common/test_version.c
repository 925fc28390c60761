/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The version macros agree with each other and with mote_version(), and
 * the CMake project version (MOTE_TEST_PROJECT_VERSION, from
 * project(mote VERSION ...), which CMake reads from version.h) is the same.
 */
#include <stdio.h>
#include <string.h>

#include "mote/mote.h"
#include "test.h"

static void test_string_from_numbers(void) {
  char want[32];
  snprintf(want, sizeof want, "%d.%d.%d", MOTE_VERSION_MAJOR,
           MOTE_VERSION_MINOR, MOTE_VERSION_PATCH);
  CHECK(strcmp(MOTE_VERSION_STRING, want) == 0);
  CHECK_EQ_INT(MOTE_VERSION_NUMBER, MOTE_VERSION_MAJOR * 10000 +
                                        MOTE_VERSION_MINOR * 100 +
                                        MOTE_VERSION_PATCH);
  CHECK(MOTE_VERSION_MINOR < 100 && MOTE_VERSION_PATCH < 100);
}

static void test_library_matches_header(void) {
  const char *v = mote_version();
  CHECK(v != NULL);
  CHECK(v != NULL && strcmp(v, MOTE_VERSION_STRING) == 0);
  CHECK(mote_version() == v); /* static storage */
}

static void test_cmake_project_version(void) {
#ifdef MOTE_TEST_PROJECT_VERSION
  CHECK(strcmp(MOTE_TEST_PROJECT_VERSION, MOTE_VERSION_STRING) == 0);
#else
  CHECK(0);
#endif
}

/* Usable in #if, as version.h promises: this fails to compile if not. */
#if MOTE_VERSION_NUMBER !=                                                     \
    MOTE_VERSION_MAJOR * 10000 + MOTE_VERSION_MINOR * 100 + MOTE_VERSION_PATCH
#error "MOTE_VERSION_NUMBER disagrees with its parts"
#endif

int main(void) {
  MOTE_RUN(test_string_from_numbers);
  MOTE_RUN(test_library_matches_header);
  MOTE_RUN(test_cmake_project_version);
  return MOTE_TEST_END();
}
