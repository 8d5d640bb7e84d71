/* The mote's devices. LEDs are PORTA's low three bits, as on the Mica. Everything else (radio,
 * sensors, serial port, the random stream, the neighbour table, the clock's period) is reached by
 * ringing the doorbell: the effect's arguments are in the mailbox, the host acts on them at once
 * and leaves its answer in MAILBOX.result (README.md). */
#include "mote.h"

void set_leds(uint8_t leds) {
  VM.leds = leds & 7;
  LED_PORT = VM.leds;
}

uint16_t ring(uint8_t effect) {
  DOORBELL = effect;
  return MAILBOX.result;
}

/* Stop the context, light the error LEDs (they blink on each clock firing until new code arrives),
 * and report the trap: reason, pc, and the capsule the context was executing. A faulted clock
 * context's stack starts over as its install left it (vm/effects.ts says why). */
void trap(uint8_t c, uint16_t pc, uint8_t reason) {
  VM.state[c] = ST_IDLE;
  if (c == CTX_CLOCK) restart_clock_stack();
  VM.blink = 1;
  set_leds(7);
  MAILBOX.outArg2 = reason;
  MAILBOX.outPc = pc;
  MAILBOX.outCapsule = VM.capsule[c];
  MAILBOX.outContext = c;
  ring(FX_TRAP);
}
