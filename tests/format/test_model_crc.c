/* SPDX-License-Identifier: Apache-2.0 */
/*
 * mote_model_record_crc / mote_model_check_unchanged on the repository's
 * sine model: no CRC recorded, unchanged, one byte flipped anywhere (a
 * weight, the header, the last byte), restored.
 */
#include <stdlib.h>
#include <string.h>

#include "common/crc32.h"
#include "support.h"
#include "test.h"

static void test_check_unchanged(void) {
  size_t len = 0;
  uint8_t *bytes = mote_test_read_file(MOTE_SOURCE_DIR "/models/sine_int8.tflite", &len);
  mote_model_t model;
  mote_error_t err;
  size_t at[3];
  size_t k;
  CHECK(bytes != NULL && len > 64);
  if (bytes == NULL) {
    return;
  }
  CHECK_EQ_INT(mote_model_open(&model, bytes, len, &err), MOTE_OK);
  CHECK_EQ_INT(mote_model_check_unchanged(&model, &err), MOTE_ERR_BAD_STATE);
  CHECK(strstr(err.message, "mote_model_record_crc") != NULL);
  CHECK_EQ_INT(mote_model_record_crc(&model, &err), MOTE_OK);
  CHECK_EQ_INT(mote_model_check_unchanged(&model, &err), MOTE_OK);
  CHECK_EQ_INT(model.crc_, mote_crc32(0, bytes, len));
  at[0] = 0;
  at[1] = len / 2;
  at[2] = len - 1;
  for (k = 0; k < 3; k++) {
    bytes[at[k]] ^= 0x10u;
    memset(&err, 0, sizeof err);
    CHECK_EQ_INT(mote_model_check_unchanged(&model, &err),
                 MOTE_ERR_MODEL_CHANGED);
    CHECK_EQ_INT(err.status, MOTE_ERR_MODEL_CHANGED);
    CHECK(strstr(err.message, "changed") != NULL);
    bytes[at[k]] ^= 0x10u;
    CHECK_EQ_INT(mote_model_check_unchanged(&model, NULL), MOTE_OK);
  }
  /* Opening again forgets the CRC: it belongs to one verification. */
  CHECK_EQ_INT(mote_model_open(&model, bytes, len, NULL), MOTE_OK);
  CHECK_EQ_INT(mote_model_check_unchanged(&model, NULL), MOTE_ERR_BAD_STATE);
  free(bytes);
}

static void test_bad_args(void) {
  mote_model_t model;
  mote_error_t err;
  memset(&model, 0, sizeof model);
  CHECK_EQ_INT(mote_model_record_crc(NULL, &err), MOTE_ERR_BAD_ARG);
  CHECK_EQ_INT(mote_model_record_crc(&model, &err), MOTE_ERR_BAD_ARG);
  CHECK_EQ_INT(mote_model_check_unchanged(NULL, &err), MOTE_ERR_BAD_ARG);
  CHECK_EQ_INT(mote_model_check_unchanged(&model, NULL), MOTE_ERR_BAD_ARG);
  CHECK(strcmp(mote_status_str(MOTE_ERR_MODEL_CHANGED), "model changed") == 0);
}

int main(void) {
  MOTE_RUN(test_check_unchanged);
  MOTE_RUN(test_bad_args);
  return MOTE_TEST_END();
}
