/* Contexts and host events, as vm/vm.ts defines them: starting a context (with ASVM's shared-state
 * lock), installing a capsule, the clock firing, messages, and the end of split-phase operations.
 * Each runs as a task after its interrupt; it acknowledges on the doorbell when done. */
#include "mote.h"
#include <string.h>

extern uint8_t code_store[CAPSULE_TYPE_COUNT][CODE_BYTES];

/* The capsule each context runs. */
static const uint8_t context_capsule[CONTEXT_COUNT] = { CAPSULE_CLOCK, CAPSULE_SEND, CAPSULE_RECEIVE, CAPSULE_ONCE };

/* Start context c at 0 on its capsule, if installed. The clock keeps its operand stack. A context that
 * takes the lock waits (pending) while another that takes it is not idle. */
uint8_t start(uint8_t c) {
  uint8_t type = context_capsule[c];
  if (!(VM.installed & (1 << type))) return 0;
  if (VM.locking & (1 << c)) {
    for (uint8_t d = 0; d < CONTEXT_COUNT; d++) {
      if (d != c && (VM.locking & (1 << d)) && VM.state[d] != ST_IDLE) {
        VM.pending |= 1 << c;
        return 1;
      }
    }
  }
  VM.pending &= ~(1 << c);
  VM.capsule[c] = type;
  VM.pc[c] = 0;
  VM.rsp[c] = 0;
  VM.wait[c] = 0;
  VM.state[c] = ST_RUNNING;
  if (c != CTX_CLOCK) VM.sp[c] = 0;
  return 1;
}

/* Start the first context waiting for the lock; 1 if one started. */
uint8_t start_pending(void) {
  for (uint8_t c = 0; c < CONTEXT_COUNT; c++) {
    if (!(VM.pending & (1 << c))) continue;
    if (!start(c)) {
      VM.pending &= ~(1 << c); /* its code is gone */
      continue;
    }
    return !(VM.pending & (1 << c));
  }
  return 0;
}

static uint8_t idle(uint8_t c) {
  return VM.state[c] == ST_IDLE && !(VM.pending & (1 << c));
}

/* Context c executes this capsule type or will return into it. */
static uint8_t uses(uint8_t c, uint8_t type) {
  if (VM.capsule[c] == type) return 1;
  for (uint8_t k = 0; k < VM.rsp[c]; k++)
    if (VM.retCapsule[c * RETURN_STACK_DEPTH + k] == type) return 1;
  return 0;
}

/* A message into buffer m, clamped to the payload size. The byte loop is the "byte copy" primitive. */
static void load(uint8_t m, const volatile uint8_t *from, uint8_t length) {
  uint8_t n = length > PAYLOAD_BYTES ? PAYLOAD_BYTES : length;
  uint8_t *to = &VM.msg[m * PAYLOAD_BYTES];
  for (uint8_t k = 0; k < n; k++) to[k] = from[k];
  VM.msgLength[m] = n;
}

/* The clock context's operand stack as a new clock capsule leaves it: one 0 (it persists between firings). */
void restart_clock_stack(void) {
  VM.values[CTX_CLOCK * OPERAND_STACK_DEPTH] = 0;
  VM.tags[CTX_CLOCK * OPERAND_STACK_DEPTH] = TAG_VALUE;
  VM.sp[CTX_CLOCK] = 1;
}

static void install(void) {
  uint8_t type = MAILBOX.type;
  uint8_t length = MAILBOX.length;
  for (uint8_t k = 0; k < length; k++) code_store[type][k] = MAILBOX.data[k];
  VM.codeLength[type] = length;
  VM.installed |= 1 << type;
  for (uint8_t c = 0; c < CONTEXT_COUNT; c++) {
    if (VM.state[c] != ST_IDLE && uses(c, type)) VM.state[c] = ST_IDLE;
    if (context_capsule[c] == type) VM.pending &= ~(1 << c);
  }
  VM.locking = MAILBOX.locking;
  if (type == CAPSULE_CLOCK) {
    /* A new clock capsule: its stack holds a single 0, and the clock is back to once a second. */
    restart_clock_stack();
    MAILBOX.outArg2 = CLOCK_DEFAULT;
    ring(FX_CLOCK);
  }
  if (VM.blink) {
    VM.blink = 0;
    set_leds(0);
  }
  if (type == CAPSULE_ONCE) start(CTX_ONCE);
  start_pending();
}

static void deliver(void) {
  VM.lastSource = MAILBOX.value;
  load(LAST_RECEIVED, MAILBOX.data, MAILBOX.length);
  if (idle(CTX_RECEIVE) && start(CTX_RECEIVE)) {
    memcpy(&VM.msg[CTX_RECEIVE * PAYLOAD_BYTES], &VM.msg[LAST_RECEIVED * PAYLOAD_BYTES], VM.msgLength[LAST_RECEIVED]);
    VM.msgLength[CTX_RECEIVE] = VM.msgLength[LAST_RECEIVED];
  }
}

static void forward_routed(void) {
  VM.lastSource = MAILBOX.value;
  if (idle(CTX_SEND) && start(CTX_SEND)) load(CTX_SEND, MAILBOX.data, MAILBOX.length);
}

static void sense_done(void) {
  uint8_t c = MAILBOX.context;
  if (c >= CONTEXT_COUNT || VM.state[c] != ST_WAITING || VM.wait[c] != WAIT_SENSE) return;
  uint8_t sp = VM.sp[c];
  if (sp >= OPERAND_STACK_DEPTH) return;
  VM.sp[c] = sp + 1;
  VM.values[c * OPERAND_STACK_DEPTH + sp] = (int16_t)MAILBOX.value;
  VM.tags[c * OPERAND_STACK_DEPTH + sp] = TAG_READING + VM.waitSensor[c];
  VM.state[c] = ST_RUNNING;
}

static void acknowledge(void) {
  event_flag = 0;
  post(TASK_VM);
  ring(FX_ACK);
}

void apply_event(void) {
  switch (MAILBOX.event) {
    case EV_INSTALL: install(); break;
    case EV_DELIVER: deliver(); break;
    case EV_FORWARD_ROUTED: forward_routed(); break;
    case EV_SENSE_DONE: sense_done(); break;
    case EV_SEND_DONE: {
      uint8_t c = MAILBOX.context;
      if (c < CONTEXT_COUNT && VM.state[c] == ST_WAITING && VM.wait[c] == WAIT_SEND) VM.state[c] = ST_RUNNING;
      break;
    }
    case EV_UNBLOCK:
      for (uint8_t c = 0; c < CONTEXT_COUNT; c++)
        if (VM.state[c] == ST_BLOCKED) VM.state[c] = ST_RUNNING;
      break;
  }
  acknowledge();
}

/* The clock timer fired: the error blink toggles, and the clock context starts (or restarts) at 0. */
void fire_clock(void) {
  if (VM.blink) set_leds(VM.leds ^ 7);
  start(CTX_CLOCK);
  acknowledge();
}
