/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Files and errors for the mote CLI.
 *
 * Model files are read whole into a 16-byte aligned heap buffer, because
 * mote reads the flatbuffer in place and TFLite aligns constant buffers to
 * 16 inside the file; a plain malloc promises only 8 or 16 depending on the
 * C library, so we over-allocate and align by hand. The size comes from
 * fseek/ftell (models are regular files; a pipe is rejected with a message
 * rather than read through a growing buffer, which would need a second
 * copy to realign).
 *
 * Every failure prints one line, "mote: PATH: reason", and returns -1; the
 * callers turn that into exit status 1.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef _WIN32
#include <direct.h>
#define cli_mkdir_one(p) _mkdir(p)
#else
#include <sys/stat.h>
#include <sys/types.h>
#define cli_mkdir_one(p) mkdir((p), 0777)
#endif

#include "cli.h"

#define CLI_ALIGN 16u

void cli_error(const char *fmt, ...) {
  va_list ap;
  fputs("mote: ", stderr);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
}

void cli_report(const char *what, mote_status_t status,
                const mote_error_t *err) {
  if (err != NULL && err->message[0] != '\0') {
    cli_error("%s: %s: %s", what, mote_status_str(status), err->message);
  } else {
    cli_error("%s: %s", what, mote_status_str(status));
  }
}

void cli_error_clear(mote_error_t *err) {
  err->status = MOTE_OK;
  err->message[0] = '\0';
}

int cli_buffer_alloc(cli_buffer_t *b, size_t size) {
  uintptr_t p;
  b->raw_ = NULL;
  b->data = NULL;
  b->size = 0;
  if (size > (size_t)-1 - CLI_ALIGN) {
    cli_error("cannot allocate %lu bytes", (unsigned long)size);
    return -1;
  }
  b->raw_ = calloc(1, size + CLI_ALIGN);
  if (b->raw_ == NULL) {
    cli_error("out of memory allocating %lu bytes", (unsigned long)size);
    return -1;
  }
  p = (uintptr_t)b->raw_;
  p = (p + (CLI_ALIGN - 1u)) & ~(uintptr_t)(CLI_ALIGN - 1u);
  b->data = (uint8_t *)b->raw_ + (p - (uintptr_t)b->raw_);
  b->size = size;
  return 0;
}

void cli_buffer_free(cli_buffer_t *b) {
  free(b->raw_);
  b->raw_ = NULL;
  b->data = NULL;
  b->size = 0;
}

int cli_is_dir(const char *path) {
#ifdef _WIN32
  struct _stat st;
  return _stat(path, &st) == 0 && (st.st_mode & _S_IFDIR) != 0;
#else
  struct stat st;
  return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
#endif
}

int cli_read_file(const char *path, cli_buffer_t *out) {
  FILE *f;
  long end;
  size_t got;
  out->raw_ = NULL;
  out->data = NULL;
  out->size = 0;
  if (cli_is_dir(path)) {
    cli_error("%s: is a directory", path);
    return -1;
  }
  f = fopen(path, "rb");
  if (f == NULL) {
    cli_error("%s: cannot open: %s", path, strerror(errno));
    return -1;
  }
  if (fseek(f, 0, SEEK_END) != 0 || (end = ftell(f)) < 0 ||
      fseek(f, 0, SEEK_SET) != 0) {
    cli_error("%s: cannot find the file size (not a regular file?)", path);
    fclose(f);
    return -1;
  }
  if (cli_buffer_alloc(out, (size_t)end) != 0) {
    fclose(f);
    return -1;
  }
  got = end > 0 ? fread(out->data, 1, (size_t)end, f) : 0;
  if (got != (size_t)end || ferror(f)) {
    cli_error("%s: read %lu of %ld bytes: %s", path, (unsigned long)got, end,
              ferror(f) ? strerror(errno) : "file changed while reading");
    fclose(f);
    cli_buffer_free(out);
    return -1;
  }
  fclose(f);
  return 0;
}

int cli_write_file(const char *path, const void *data, size_t size) {
  FILE *f = fopen(path, "wb");
  if (f == NULL) {
    cli_error("%s: cannot create: %s", path, strerror(errno));
    return -1;
  }
  if ((size > 0 && fwrite(data, 1, size, f) != size) || fflush(f) != 0) {
    cli_error("%s: write failed: %s", path, strerror(errno));
    fclose(f);
    return -1;
  }
  if (fclose(f) != 0) {
    cli_error("%s: write failed: %s", path, strerror(errno));
    return -1;
  }
  return 0;
}

int cli_make_dirs(const char *path) {
  size_t n = strlen(path);
  char *buf;
  size_t i;
  if (n == 0) {
    cli_error("empty directory name");
    return -1;
  }
  if (cli_is_dir(path)) {
    return 0;
  }
  buf = (char *)malloc(n + 1);
  if (buf == NULL) {
    cli_error("out of memory");
    return -1;
  }
  memcpy(buf, path, n + 1);
  /* Create each prefix ending before a separator, then the whole path. */
  for (i = 1; i <= n; i++) {
    if (i == n || buf[i] == '/') {
      char saved = buf[i];
      buf[i] = '\0';
      if (!cli_is_dir(buf) && cli_mkdir_one(buf) != 0 && errno != EEXIST) {
        cli_error("%s: cannot create directory: %s", buf, strerror(errno));
        free(buf);
        return -1;
      }
      buf[i] = saved;
    }
  }
  free(buf);
  if (!cli_is_dir(path)) {
    cli_error("%s: exists and is not a directory", path);
    return -1;
  }
  return 0;
}

char *cli_path_join(const char *dir, const char *name) {
  size_t a = strlen(dir);
  size_t b = strlen(name);
  int sep = a > 0 && dir[a - 1] != '/';
  char *p = (char *)malloc(a + (size_t)sep + b + 1);
  if (p == NULL) {
    cli_error("out of memory");
    exit(CLI_EXIT_FAIL);
  }
  memcpy(p, dir, a);
  if (sep) {
    p[a] = '/';
  }
  memcpy(p + a + (size_t)sep, name, b + 1);
  return p;
}

uint32_t cli_le32(const uint8_t *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
         (uint32_t)p[3] << 24;
}

uint16_t cli_le16(const uint8_t *p) {
  return (uint16_t)(p[0] | p[1] << 8);
}

int cli_write_file_atomic(const char *path, const void *data, size_t size) {
  size_t n = strlen(path);
  char *tmp = (char *)malloc(n + 5);
  int rc;
  if (tmp == NULL) {
    cli_error("%s: out of memory", path);
    return -1;
  }
  memcpy(tmp, path, n);
  memcpy(tmp + n, ".tmp", 5);
  rc = cli_write_file(tmp, data, size);
  if (rc == 0 && rename(tmp, path) != 0) {
    cli_error("%s: cannot rename %s to it: %s", path, tmp, strerror(errno));
    rc = -1;
  }
  if (rc != 0) {
    remove(tmp);
  }
  free(tmp);
  return rc;
}
