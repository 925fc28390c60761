/* SPDX-License-Identifier: Apache-2.0 */
/*
 * NumPy .npy files: reading an array for `mote run --input`, writing an
 * output tensor for `mote run --output` and reading it back in `mote diff`.
 *
 * The format (numpy.lib.format): the magic "\x93NUMPY", a major and minor
 * version byte, a header length (2 bytes little-endian in version 1, 4 in
 * versions 2 and 3), then that many bytes of a Python dict literal such as
 *   {'descr': '<f4', 'fortran_order': False, 'shape': (1, 480), }
 * and the elements. The header is untrusted text: it is copied into a
 * NUL-terminated buffer and parsed with a few keyword searches, each value
 * checked, rather than by a general Python-literal parser, which would be
 * far more code for files numpy itself never writes. The data must be
 * exactly count x itemsize bytes: a longer or shorter file is a different
 * array, not one to truncate or pad.
 *
 * Only little-endian (or byte-sized) integers and floats are read: every
 * machine numpy users save from is little-endian, and big-endian data
 * gets a message rather than silently swapped values.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define NPY_MAGIC "\x93NUMPY"
#define NPY_MAGIC_LEN 6u

typedef struct npy_type {
  const char *descr; /* without the byte-order character */
  mote_type_t type;
} npy_type_t;

static const npy_type_t npy_types[] = {
    {"i1", MOTE_TYPE_INT8},     {"u1", MOTE_TYPE_UINT8},
    {"i2", MOTE_TYPE_INT16},    {"u2", MOTE_TYPE_UINT16},
    {"i4", MOTE_TYPE_INT32},    {"u4", MOTE_TYPE_UINT32},
    {"i8", MOTE_TYPE_INT64},    {"u8", MOTE_TYPE_UINT64},
    {"f2", MOTE_TYPE_FLOAT16},  {"f4", MOTE_TYPE_FLOAT32},
    {"f8", MOTE_TYPE_FLOAT64},  {"b1", MOTE_TYPE_BOOL},
};

const char *cli_npy_descr(mote_type_t type) {
  size_t i;
  for (i = 0; i < sizeof npy_types / sizeof npy_types[0]; i++) {
    if (npy_types[i].type == type) {
      return npy_types[i].descr;
    }
  }
  return NULL;
}

/* Finds 'key' in the header and returns the text after its colon. */
static const char *header_value(const char *h, const char *key) {
  char quoted[32];
  const char *p;
  snprintf(quoted, sizeof quoted, "'%s'", key);
  p = strstr(h, quoted);
  if (p == NULL) {
    snprintf(quoted, sizeof quoted, "\"%s\"", key);
    p = strstr(h, quoted);
  }
  if (p == NULL) {
    return NULL;
  }
  p += strlen(quoted);
  while (*p == ' ') {
    p++;
  }
  if (*p != ':') {
    return NULL;
  }
  p++;
  while (*p == ' ') {
    p++;
  }
  return p;
}

static int parse_descr(const char *v, cli_npy_t *out, char *why, size_t cap) {
  char q = *v;
  char text[16];
  size_t n = 0;
  size_t i;
  if (q != '\'' && q != '"') {
    snprintf(why, cap, "'descr' is not a string (structured arrays are not "
                       "supported)");
    return -1;
  }
  v++;
  while (v[n] != '\0' && v[n] != q && n + 1 < sizeof text) {
    text[n] = v[n];
    n++;
  }
  text[n] = '\0';
  if (v[n] != q || n < 2) {
    snprintf(why, cap, "unreadable 'descr'");
    return -1;
  }
  if (text[0] == '>' && strcmp(text + 1, "i1") != 0 &&
      strcmp(text + 1, "u1") != 0 && strcmp(text + 1, "b1") != 0) {
    snprintf(why, cap, "big-endian data ('%s'); save it little-endian, "
                       "e.g. a.astype(a.dtype.newbyteorder('<'))", text);
    return -1;
  }
  if (text[0] != '<' && text[0] != '|' && text[0] != '>' && text[0] != '=') {
    snprintf(why, cap, "unsupported dtype '%s'", text);
    return -1;
  }
  for (i = 0; i < sizeof npy_types / sizeof npy_types[0]; i++) {
    if (strcmp(text + 1, npy_types[i].descr) == 0) {
      out->type = npy_types[i].type;
      return 0;
    }
  }
  snprintf(why, cap, "unsupported dtype '%s' (mote reads int8, uint8, int16, "
                     "uint16, int32, uint32, int64, uint64, float16, float32, "
                     "float64 and bool)", text);
  return -1;
}

static int parse_shape(const char *v, cli_npy_t *out, char *why, size_t cap) {
  uint64_t count = 1;
  if (*v != '(') {
    snprintf(why, cap, "unreadable 'shape'");
    return -1;
  }
  v++;
  out->rank = 0;
  for (;;) {
    unsigned long long d = 0;
    while (*v == ' ') {
      v++;
    }
    if (*v == ')') {
      break;
    }
    if (*v < '0' || *v > '9') {
      snprintf(why, cap, "unreadable 'shape'");
      return -1;
    }
    while (*v >= '0' && *v <= '9') {
      d = d * 10u + (unsigned)(*v - '0');
      if (d > 0x7FFFFFFFull) {
        snprintf(why, cap, "a dimension of 'shape' is too large");
        return -1;
      }
      v++;
    }
    if (out->rank >= CLI_NPY_MAX_RANK) {
      snprintf(why, cap, "'shape' has more than %d dimensions",
               CLI_NPY_MAX_RANK);
      return -1;
    }
    out->shape[out->rank++] = (int32_t)d;
    count *= d;
    if (count > 0x7FFFFFFFull) {
      snprintf(why, cap, "the array is too large");
      return -1;
    }
    while (*v == ' ') {
      v++;
    }
    if (*v == ',') {
      v++;
    } else if (*v != ')') {
      snprintf(why, cap, "unreadable 'shape'");
      return -1;
    }
  }
  out->count = (size_t)count;
  return 0;
}

int cli_npy_parse(const uint8_t *bytes, size_t size, cli_npy_t *out,
                  char *why, size_t cap) {
  size_t header_len;
  size_t start;
  size_t item;
  char *h;
  const char *v;
  int rc = -1;
  memset(out, 0, sizeof *out);
  if (size < NPY_MAGIC_LEN + 4u || memcmp(bytes, NPY_MAGIC, NPY_MAGIC_LEN) != 0) {
    snprintf(why, cap, "not a .npy file (no \\x93NUMPY magic)");
    return -1;
  }
  if (bytes[6] == 1) {
    header_len = (size_t)bytes[8] | (size_t)bytes[9] << 8;
    start = 10;
  } else if (bytes[6] == 2 || bytes[6] == 3) {
    if (size < 12) {
      snprintf(why, cap, "truncated header");
      return -1;
    }
    header_len = (size_t)bytes[8] | (size_t)bytes[9] << 8 |
                 (size_t)bytes[10] << 16 | (size_t)bytes[11] << 24;
    start = 12;
  } else {
    snprintf(why, cap, "unsupported .npy version %u.%u", bytes[6], bytes[7]);
    return -1;
  }
  if (header_len > size - start) {
    snprintf(why, cap, "truncated header (%lu bytes announced, %lu left)",
             (unsigned long)header_len, (unsigned long)(size - start));
    return -1;
  }
  h = (char *)malloc(header_len + 1);
  if (h == NULL) {
    snprintf(why, cap, "out of memory");
    return -1;
  }
  memcpy(h, bytes + start, header_len);
  h[header_len] = '\0';
  if ((v = header_value(h, "descr")) == NULL) {
    snprintf(why, cap, "the header has no 'descr'");
  } else if (parse_descr(v, out, why, cap) != 0) {
    /* why is set */
  } else if ((v = header_value(h, "fortran_order")) == NULL) {
    snprintf(why, cap, "the header has no 'fortran_order'");
  } else if (strncmp(v, "False", 5) != 0) {
    snprintf(why, cap, "the array is in Fortran order; save a C-order copy "
                       "(np.ascontiguousarray)");
  } else if ((v = header_value(h, "shape")) == NULL) {
    snprintf(why, cap, "the header has no 'shape'");
  } else if (parse_shape(v, out, why, cap) == 0) {
    rc = 0;
  }
  free(h);
  if (rc != 0) {
    return -1;
  }
  item = mote_type_size(out->type);
  out->data = bytes + start + header_len;
  out->bytes = size - start - header_len;
  if (out->bytes != out->count * item) {
    char shape[96];
    cli_format_dims(out->shape, out->rank, shape, sizeof shape);
    snprintf(why, cap, "%lu data bytes, but shape %s of %s takes %lu",
             (unsigned long)out->bytes, shape, mote_type_name(out->type),
             (unsigned long)(out->count * item));
    return -1;
  }
  return 0;
}

int cli_npy_write(const char *path, const mote_tensor_t *t) {
  const char *descr = cli_npy_descr((mote_type_t)t->type);
  char header[256];
  char shape[128];
  size_t len = 0;
  size_t total;
  FILE *f;
  uint8_t i;
  if (descr == NULL) {
    cli_error("%s: type %s has no .npy form", path,
              mote_type_name((mote_type_t)t->type));
    return -1;
  }
  shape[0] = '\0';
  for (i = 0; i < t->rank; i++) {
    len += (size_t)snprintf(shape + len, sizeof shape - len, "%s%ld",
                            i ? ", " : "", (long)t->dims[i]);
  }
  if (t->rank == 1) {
    snprintf(shape + len, sizeof shape - len, ",");
  }
  len = (size_t)snprintf(header, sizeof header,
                         "{'descr': '%c%s', 'fortran_order': False, "
                         "'shape': (%s), }",
                         descr[1] == '1' ? '|' : '<', descr, shape);
  /* numpy pads the header with spaces so the data starts at a multiple
   * of 64, and ends it with a newline. */
  total = 10u + len + 1u;
  while (total % 64u != 0 && len < sizeof header - 2u) {
    header[len++] = ' ';
    total++;
  }
  header[len++] = '\n';
  f = fopen(path, "wb");
  if (f == NULL) {
    cli_error("%s: cannot create", path);
    return -1;
  }
  fwrite(NPY_MAGIC, 1, NPY_MAGIC_LEN, f);
  fputc(1, f);
  fputc(0, f);
  fputc((int)(len & 0xFFu), f);
  fputc((int)(len >> 8), f);
  fwrite(header, 1, len, f);
  if (t->bytes > 0) {
    fwrite(t->data, 1, t->bytes, f);
  }
  /* One check for every write above: stdio keeps the error flag. */
  if (ferror(f) | fclose(f)) {
    cli_error("%s: write failed", path);
    return -1;
  }
  return 0;
}
