/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Front-to-back flatbuffer writer (fb_write.h). Every byte goes through
 * put(), which only counts when there is no output or the output is full,
 * so laying out and writing share one code path.
 */
#include <string.h>

#include "format/fb_write.h"

void mote_fbw_init(mote_fbw_t *w, void *p, size_t cap) {
  w->p = (uint8_t *)p;
  w->cap = cap > 0x7FFFFFFFu ? 0x7FFFFFFFu : (uint32_t)cap;
  w->pos = 0;
  w->overflow = 0;
}

static void put(mote_fbw_t *w, const void *src, uint32_t n) {
  if (n > 0x7FFFFFFFu - w->pos) {
    w->overflow = 1;
    return;
  }
  if (w->p != NULL) {
    if (w->pos > w->cap || n > w->cap - w->pos) {
      w->overflow = 1;
    } else if (src != NULL) {
      memcpy(w->p + w->pos, src, n);
    } else {
      memset(w->p + w->pos, 0, n);
    }
  }
  w->pos += n;
}

void mote_fbw_align(mote_fbw_t *w, uint32_t align) {
  const uint32_t pad = (align - (w->pos & (align - 1u))) & (align - 1u);
  put(w, NULL, pad);
}

void mote_fbw_bytes(mote_fbw_t *w, const void *src, uint32_t n) {
  put(w, src, n);
}

void mote_fbw_u8(mote_fbw_t *w, uint8_t v) {
  put(w, &v, 1);
}

void mote_fbw_u16(mote_fbw_t *w, uint16_t v) {
  uint8_t b[2];
  b[0] = (uint8_t)v;
  b[1] = (uint8_t)(v >> 8);
  put(w, b, 2);
}

void mote_fbw_u32(mote_fbw_t *w, uint32_t v) {
  uint8_t b[4];
  b[0] = (uint8_t)v;
  b[1] = (uint8_t)(v >> 8);
  b[2] = (uint8_t)(v >> 16);
  b[3] = (uint8_t)(v >> 24);
  put(w, b, 4);
}

void mote_fbw_u64(mote_fbw_t *w, uint64_t v) {
  mote_fbw_u32(w, (uint32_t)v);
  mote_fbw_u32(w, (uint32_t)(v >> 32));
}

void mote_fbw_f32(mote_fbw_t *w, float v) {
  uint32_t u;
  memcpy(&u, &v, sizeof u);
  mote_fbw_u32(w, u);
}

void mote_fbw_ref(mote_fbw_t *w, uint32_t target) {
  /* In the layout pass targets are not known yet; the value is unused. */
  mote_fbw_u32(w, w->p != NULL && target > w->pos ? target - w->pos : 0u);
}

/* Where field k starts relative to a table at `table`, laid out in order. */
static uint32_t field_end(uint32_t at, uint8_t size) {
  const uint32_t a = size > 1 ? size : 1u;
  return ((at + a - 1u) & ~(a - 1u)) + size;
}

uint32_t mote_fbw_table(mote_fbw_t *w, const mote_fbw_field_t *fields,
                        uint32_t n) {
  uint32_t max_id = 0;
  uint32_t i;
  uint32_t vt_size;
  uint32_t table;
  uint32_t end;
  uint16_t slots[32];
  for (i = 0; i < n; i++) {
    max_id = fields[i].id > max_id ? fields[i].id : max_id;
  }
  vt_size = 4u + 2u * (n > 0 ? max_id + 1u : 0u);
  memset(slots, 0, sizeof slots);
  /* The vtable goes where its end meets a 4-aligned table start. A table
   * holding 8-byte fields starts at 8k + 4, so that they align after the
   * soffset whatever precedes them. */
  mote_fbw_align(w, 2);
  {
    int wide = 0;
    uint32_t start;
    for (i = 0; i < n; i++) {
      wide |= fields[i].size == 8;
    }
    start = w->pos + vt_size;
    start = (start + 3u) & ~3u;
    if (wide && (start & 7u) != 4u) {
      start += 4u;
    }
    put(w, NULL, start - vt_size - w->pos);
  }
  table = w->pos + vt_size;
  end = table + 4u;
  for (i = 0; i < n && fields[i].id < 32u; i++) {
    end = field_end(end, fields[i].size);
    slots[fields[i].id] = (uint16_t)(end - fields[i].size - table);
  }
  mote_fbw_u16(w, (uint16_t)vt_size);
  mote_fbw_u16(w, (uint16_t)(((end - table) + 3u) & ~3u));
  for (i = 0; i + 4u < vt_size; i += 2u) {
    mote_fbw_u16(w, slots[i / 2u]);
  }
  mote_fbw_u32(w, vt_size); /* soffset: the vtable sits right before */
  for (i = 0; i < n; i++) {
    mote_fbw_align(w, fields[i].size > 1 ? fields[i].size : 1u);
    switch (fields[i].size) {
      case 1: mote_fbw_u8(w, (uint8_t)fields[i].v); break;
      case 2: mote_fbw_u16(w, (uint16_t)fields[i].v); break;
      case 8: mote_fbw_u64(w, fields[i].v); break;
      default:
        if (fields[i].ref) {
          mote_fbw_ref(w, (uint32_t)fields[i].v);
        } else {
          mote_fbw_u32(w, (uint32_t)fields[i].v);
        }
        break;
    }
  }
  mote_fbw_align(w, 4);
  return table;
}

uint32_t mote_fbw_vector(mote_fbw_t *w, uint32_t count, uint32_t elem_align) {
  const uint32_t a = elem_align < 4u ? 4u : elem_align;
  uint32_t at;
  mote_fbw_align(w, 4);
  put(w, NULL, (a - ((w->pos + 4u) & (a - 1u))) & (a - 1u));
  at = w->pos;
  mote_fbw_u32(w, count);
  return at;
}

uint32_t mote_fbw_string(mote_fbw_t *w, const char *s) {
  const uint32_t n = (uint32_t)strlen(s);
  const uint32_t at = mote_fbw_vector(w, n, 1);
  put(w, s, n);
  mote_fbw_u8(w, 0);
  mote_fbw_align(w, 4);
  return at;
}

uint32_t mote_fbw_i32_vector(mote_fbw_t *w, const int32_t *v, uint32_t n) {
  const uint32_t at = mote_fbw_vector(w, n, 4);
  uint32_t i;
  for (i = 0; i < n; i++) {
    mote_fbw_u32(w, (uint32_t)v[i]);
  }
  return at;
}
