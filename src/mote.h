/* SPDX-License-Identifier: Apache-2.0 */
/*
 * mote for build systems whose only include root is src/: a sketch's
 * `#include <mote.h>` is how Arduino finds the library (it looks for the
 * header at the top of each library's src/), and it then compiles all of
 * src/ with -I<library>/src alone. So src/mote/ holds one forwarding
 * header per public header (#include "mote/interp.h" resolves there and
 * on to include/mote/), and the kernel binding comes from the compiler's
 * predefined macros (src/kernels/impl_cpu.h). Everywhere else, include
 * "mote/mote.h" from include/.
 * Rejected: moving the public headers into src/ (every other build and
 * the install take them from include/), and an Arduino-only copy of the
 * tree made at release time (the repository itself would not be an
 * Arduino library, and the copy would need a check of its own).
 */
#ifndef MOTE_SRC_MOTE_H
#define MOTE_SRC_MOTE_H

#include "mote/mote.h"

#endif /* MOTE_SRC_MOTE_H */
