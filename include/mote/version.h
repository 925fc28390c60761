/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file
 * mote's version: the one place it is set.
 *
 * Semantic versioning (https://semver.org): while MOTE_VERSION_MAJOR is 0,
 * a new minor version may change the API; a new patch version does not.
 * CMake reads the three numbers below for project(mote VERSION ...), and
 * from there the package version file and mote.pc; CHANGELOG.md says what
 * each version changed. Edit only the three numbers: the string and the
 * combined number follow from them.
 */
#ifndef MOTE_VERSION_H
#define MOTE_VERSION_H

#ifdef __cplusplus
extern "C" {
#endif

/** Major version: a new one may break the API (so may a minor one while
 * this is 0). */
#define MOTE_VERSION_MAJOR 0
/** Minor version: new features. */
#define MOTE_VERSION_MINOR 1
/** Patch version: fixes only, the API unchanged. */
#define MOTE_VERSION_PATCH 0

#define MOTE_VERSION_STR_(x) #x
#define MOTE_VERSION_XSTR_(x) MOTE_VERSION_STR_(x)

/** "MAJOR.MINOR.PATCH", e.g. "0.1.0". */
#define MOTE_VERSION_STRING                                                    \
  MOTE_VERSION_XSTR_(MOTE_VERSION_MAJOR)                                       \
  "." MOTE_VERSION_XSTR_(MOTE_VERSION_MINOR) "." MOTE_VERSION_XSTR_(           \
      MOTE_VERSION_PATCH)

/** One number for preprocessor comparisons: MAJOR * 10000 + MINOR * 100 +
 * PATCH, e.g. 100 for 0.1.0; `#if MOTE_VERSION_NUMBER >= 200` asks for
 * 0.2.0 or later. */
#define MOTE_VERSION_NUMBER                                                    \
  (MOTE_VERSION_MAJOR * 10000 + MOTE_VERSION_MINOR * 100 + MOTE_VERSION_PATCH)

/** The version of the library linked in, as MOTE_VERSION_STRING was when it
 * was built: static, never NULL. Comparing it with the header's
 * MOTE_VERSION_STRING catches an application built against other headers
 * than the library it links. */
const char *mote_version(void);

#ifdef __cplusplus
}
#endif

#endif /* MOTE_VERSION_H */
