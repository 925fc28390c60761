/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file
 * mote status codes and error reports.
 *
 * Every fallible mote function returns a mote_status_t: MOTE_OK (zero) or a
 * negative code. Functions that can say more also take an optional
 * mote_error_t*, which receives a one-line message naming what went wrong and
 * where (tensor index, operator index, byte offset). Define
 * MOTE_NO_ERROR_STRINGS when building the library to drop the message text
 * from flash; codes are still returned.
 */
#ifndef MOTE_STATUS_H
#define MOTE_STATUS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** What a fallible call returns: MOTE_OK or a negative error code. */
typedef enum mote_status {
  MOTE_OK = 0,                   /**< success */
  MOTE_ERR_BAD_ARG = -1,         /**< a NULL pointer or out-of-range argument */
  MOTE_ERR_CORRUPT_MODEL = -2,   /**< the flatbuffer fails verification */
  MOTE_ERR_UNSUPPORTED_OP = -3,  /**< no kernel, or op version too new */
  MOTE_ERR_UNSUPPORTED_TYPE = -4, /**< a tensor type the kernel cannot handle */
  MOTE_ERR_BAD_SHAPE = -5,       /**< shapes disagree with what the op needs */
  MOTE_ERR_ARENA_TOO_SMALL = -6, /**< the arena cannot hold the plan */
  MOTE_ERR_BAD_STATE = -7,       /**< call order broken (e.g. invoke first) */
  MOTE_ERR_UNSUPPORTED = -8,     /**< a valid model feature mote does not do */
  MOTE_ERR_CAPACITY = -9,        /**< a caller-sized table is full */
  MOTE_ERR_KERNEL = -10,         /**< a kernel failed at run time */
  MOTE_ERR_MODEL_CHANGED = -11   /**< model bytes differ from those verified */
} mote_status_t;

#ifndef MOTE_ERROR_MESSAGE_BYTES
/** Length of the message buffer in mote_error_t, including the NUL; define
 * it when building the library and the application to change it. */
#define MOTE_ERROR_MESSAGE_BYTES 160
#endif

/**
 * Error report. Owned by the caller; mote writes into it on failure and
 * leaves it untouched on success. `message` is always NUL-terminated after a
 * failure (empty when compiled with MOTE_NO_ERROR_STRINGS).
 */
typedef struct mote_error {
  mote_status_t status;                   /**< the code returned */
  char message[MOTE_ERROR_MESSAGE_BYTES]; /**< what failed and where */
} mote_error_t;

/** A static, never-NULL name for a status code, e.g. "arena too small". */
const char *mote_status_str(mote_status_t status);

#ifdef __cplusplus
}
#endif

#endif /* MOTE_STATUS_H */
