#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Fails when libmote refers to the heap, stdio or process control: the
# library must run where none of them exist. Called after every build of
# the library (see CMakeLists.txt). Usage: link_check.sh NM LIBRARY
set -eu
nm_tool=$1
lib=$2
forbidden='^(malloc|calloc|realloc|free|aligned_alloc|posix_memalign|abort|exit|_exit|atexit|__assert_fail|assert|printf|fprintf|sprintf|snprintf|vprintf|vfprintf|vsprintf|vsnprintf|puts|fputs|putc|fputc|putchar|fopen|fclose|fread|fwrite|fflush|fseek|ftell|perror|scanf|fscanf|sscanf|getc|fgetc|fgets|getchar|stdin|stdout|stderr|_IO_.*|__printf_chk|__fprintf_chk|__sprintf_chk|__snprintf_chk|__vsnprintf_chk)$'
bad=$("$nm_tool" -u "$lib" 2>/dev/null | awk '{print $NF}' | sed 's/@.*//' | grep -E "$forbidden" | sort -u || true)
if [ -n "$bad" ]; then
  echo "link check: libmote must not use the heap, stdio or exit; it refers to:" >&2
  echo "$bad" >&2
  exit 1
fi
