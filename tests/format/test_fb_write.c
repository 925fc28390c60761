/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The front-to-back flatbuffer writer (format/fb_write.h): a table of every
 * field size with a forward reference, laid out then written, reads back
 * through the bounds-checked readers of fb.h at the positions the layout
 * pass gave, aligned; vectors align their elements; a write past the
 * capacity sets overflow and never touches the bytes after it.
 */
#include <stdint.h>
#include <string.h>

#include "format/fb.h"
#include "format/fb_write.h"
#include "test.h"

typedef struct positions {
  uint32_t table, str, vec64, vec16, end;
} positions_t;

/* Root offset, one table (u8, u16, u32, u64, a reference to a string and
 * one to a vector of u64), the string, the vector, a 16-aligned vector. */
static void emit(mote_fbw_t *w, const positions_t *p, positions_t *q) {
  mote_fbw_field_t f[6];
  static const uint8_t blob[5] = {1, 2, 3, 4, 5};
  f[0].id = 3, f[0].size = 8, f[0].ref = 0, f[0].v = 0x1122334455667788ull;
  f[1].id = 0, f[1].size = 4, f[1].ref = 1, f[1].v = p->str;
  f[2].id = 5, f[2].size = 4, f[2].ref = 1, f[2].v = p->vec64;
  f[3].id = 1, f[3].size = 1, f[3].ref = 0, f[3].v = 0xAB;
  f[4].id = 2, f[4].size = 2, f[4].ref = 0, f[4].v = 0xBEEF;
  f[5].id = 7, f[5].size = 4, f[5].ref = 0, f[5].v = 0xCAFEF00Du;
  mote_fbw_ref(w, p->table);
  mote_fbw_bytes(w, "TEST", 4);
  q->table = mote_fbw_table(w, f, 6);
  q->str = mote_fbw_string(w, "hello");
  q->vec64 = mote_fbw_vector(w, 2, 8);
  mote_fbw_u64(w, 7);
  mote_fbw_u64(w, 0xFFFFFFFFFFFFFFFFull);
  q->vec16 = mote_fbw_vector(w, sizeof blob, 16);
  mote_fbw_bytes(w, blob, sizeof blob);
  q->end = w->pos;
}

static void test_round_trip(void) {
  static uint8_t buf[512] __attribute__((aligned(16)));
  static const positions_t none;
  positions_t lay, wrote;
  mote_fbw_t w;
  mote_fb_t fb;
  uint32_t t, s, v;
  mote_fbw_init(&w, NULL, 0);
  emit(&w, &none, &lay);
  CHECK(!w.overflow);
  memset(buf, 0xEE, sizeof buf);
  mote_fbw_init(&w, buf, sizeof buf);
  emit(&w, &lay, &wrote);
  CHECK(!w.overflow);
  CHECK(memcmp(&lay, &wrote, sizeof lay) == 0);
  fb.p = buf;
  fb.n = wrote.end;
  t = mote_fb_u32(&fb, 0);
  CHECK_EQ_INT(t, lay.table);
  CHECK_EQ_INT(t % 4u, 0);
  CHECK(mote_fb_get_u64(&fb, t, 3, 0) == 0x1122334455667788ull);
  CHECK_EQ_INT(mote_fb_field(&fb, t, 3) % 8u, 0);
  CHECK_EQ_INT(mote_fb_get_u8(&fb, t, 1, 0), 0xAB);
  CHECK_EQ_INT(mote_fb_u16(&fb, mote_fb_field(&fb, t, 2)), 0xBEEF);
  CHECK_EQ_INT(mote_fb_get_u32(&fb, t, 7, 0), 0xCAFEF00Du);
  CHECK_EQ_INT(mote_fb_field(&fb, t, 4), 0); /* absent fields */
  CHECK_EQ_INT(mote_fb_field(&fb, t, 6), 0);
  s = mote_fb_ref(&fb, t, 0);
  CHECK_EQ_INT(s, lay.str);
  CHECK_EQ_INT(mote_fb_vec_len(&fb, s), 5);
  CHECK(memcmp(buf + s + 4, "hello", 6) == 0); /* NUL-terminated */
  v = mote_fb_ref(&fb, t, 5);
  CHECK_EQ_INT(v, lay.vec64);
  CHECK_EQ_INT((v + 4u) % 8u, 0);
  CHECK(mote_fb_u64(&fb, v + 4u) == 7u);
  CHECK(mote_fb_u64(&fb, v + 12u) == 0xFFFFFFFFFFFFFFFFull);
  CHECK_EQ_INT((lay.vec16 + 4u) % 16u, 0);
  CHECK_EQ_INT(mote_fb_vec_len(&fb, lay.vec16), 5);
  CHECK_EQ_INT(buf[lay.vec16 + 8u], 5);
}

static void test_overflow(void) {
  static uint8_t buf[64];
  static const positions_t none;
  positions_t lay, wrote;
  mote_fbw_t w;
  mote_fbw_init(&w, NULL, 0);
  emit(&w, &none, &lay);
  CHECK(lay.end > 40);
  memset(buf, 0xEE, sizeof buf);
  mote_fbw_init(&w, buf, 40);
  emit(&w, &lay, &wrote);
  CHECK(w.overflow);
  CHECK_EQ_INT(wrote.end, lay.end); /* the size needed is still known */
  CHECK_EQ_INT(buf[40], 0xEE);
  CHECK_EQ_INT(buf[63], 0xEE);
}

int main(void) {
  MOTE_RUN(test_round_trip);
  MOTE_RUN(test_overflow);
  return MOTE_TEST_END();
}
