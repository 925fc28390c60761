/* SPDX-License-Identifier: Apache-2.0 */
/* Forwards to the public header, for builds whose only include root is
 * src/ (Arduino; see src/mote.h). */
#include "../../include/mote/custom_ops.h"
