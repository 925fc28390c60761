// SPDX-License-Identifier: Apache-2.0
// The stub Arduino core of Arduino.h: what a board's core does around a
// sketch, reduced to output and a bounded loop().
#include "Arduino.h"

#ifdef STUB_CM
#include "cm_harness.h"
static void put(const char *s) { cm_puts(s); }
#else
static void put(const char *s) { (void)s; }
#endif

StubSerial Serial;

void StubSerial::begin(unsigned long baud) { (void)baud; }

void StubSerial::print(const char *s) { put(s); }

void StubSerial::print(unsigned long v) {
  char buf[24];
  char *p = buf + sizeof buf - 1;
  *p = '\0';
  do {
    *--p = (char)('0' + v % 10u);
    v /= 10u;
  } while (v != 0u);
  put(p);
}

// Fixed point with `digits` decimals, rounded half away from zero, as
// Arduino's Print::printFloat does; enough for the sketch's |v| < 1e9.
void StubSerial::print(double v, int digits) {
  double scale = 1.0;
  unsigned long whole, frac;
  int i;
  if (digits > 15) {
    digits = 15;
  }
  if (v < 0.0) {
    put("-");
    v = -v;
  }
  for (i = 0; i < digits; i++) {
    scale *= 10.0;
  }
  v += 0.5 / scale;
  whole = (unsigned long)v;
  frac = (unsigned long)((v - (double)whole) * scale);
  print(whole);
  if (digits > 0) {
    char buf[16];
    put(".");
    for (i = digits - 1; i >= 0; i--) {
      buf[i] = (char)('0' + frac % 10u);
      frac /= 10u;
    }
    buf[digits] = '\0';
    put(buf);
  }
}

void StubSerial::println(const char *s) {
  print(s);
  put("\n");
}

void StubSerial::println(unsigned long v) {
  print(v);
  put("\n");
}

void StubSerial::println(double v, int digits) {
  print(v, digits);
  put("\n");
}

void delay(unsigned long ms) { (void)ms; }

int main(void) {
  int i;
  setup();
  for (i = 0; i < 20; i++) {
    loop();
  }
  return 0;
}
