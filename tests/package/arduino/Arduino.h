// SPDX-License-Identifier: Apache-2.0
// The part of an Arduino core the SineModel sketch uses, for
// tests/package/ecosystems.py: Serial's print and println, delay(), and a
// main() that calls setup() and then loop() 20 times (stub_core.cpp).
// Output goes to the QEMU harness' semihosting (STUB_CM), else nowhere.
#ifndef MOTE_TEST_ARDUINO_H
#define MOTE_TEST_ARDUINO_H

#include <stddef.h>
#include <stdint.h>

class StubSerial {
 public:
  void begin(unsigned long baud);
  void print(const char *s);
  void print(unsigned long v);
  void print(double v, int digits = 2);
  void println(const char *s);
  void println(unsigned long v);
  void println(double v, int digits = 2);
};

extern StubSerial Serial;

void delay(unsigned long ms);
void setup(void);
void loop(void);

#endif  // MOTE_TEST_ARDUINO_H
