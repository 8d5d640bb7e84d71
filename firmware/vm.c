/* The interpreter: one instruction of one context per call of vm_exec, contexts round robin (Maté),
 * the semantics of vm/interpret.ts and vm/effects.ts: 16-bit wrapping values with type tags, the
 * same checks in the same order (stack bounds, operand types, then the instruction's own), the same
 * trap reasons and pcs. Tables come from vm_tables.h (generated from vm/opcodes.ts). The AVR mote
 * counts instructions, and the bench measures their cycles, at the entry of vm_exec; it pauses at vm_pick. */
#define VM_TABLES_DEFINE
#include "mote.h"

uint8_t code_store[CAPSULE_TYPE_COUNT][CODE_BYTES];

/* The payload byte a message operand stands for: its context's buffer. */
#define MSG(c) (&VM.msg[(c) * PAYLOAD_BYTES])

/* The length of the instruction starting with byte b (1 for a byte that is not an opcode). */
static inline uint8_t length_of(uint8_t b) {
  return 1 + INFO_TRAILING(pgm_read_byte(&op_info[b]));
}

/* A jump target must be an instruction start inside the code (the linear sweep from 0). */
static inline uint8_t valid_target(const uint8_t *code, uint8_t len, int16_t target) {
  if (target < 0 || target >= len) return 0;
  uint8_t p = 0;
  while (p < target) p += length_of(code[p]);
  return p == target;
}

/* putled's operand: low 3 bits pick LEDs; bits 3-4: 0 set, 1 off, 2 on, 3 toggle. */
static uint8_t leds_after(uint8_t leds, int16_t arg) {
  uint8_t pick = arg & 7;
  switch ((arg >> 3) & 3) {
    case 0: return pick;
    case 1: return leds & ~pick;
    case 2: return leds | pick;
    default: return leds ^ pick;
  }
}

static uint16_t query(uint8_t which, int16_t a, int16_t b) {
  MAILBOX.outContext = which;
  MAILBOX.outArg = a;
  MAILBOX.outArg2 = b;
  return ring(FX_NEIGHBOURS);
}

/* Split-phase starts (sense, send, sendr, forw, forwo): the context pops its operands and waits; if
 * the host is busy it stays put, blocked, and retries the instruction when the host runs it again. */
static void split_phase(uint8_t c, uint8_t effect, uint8_t pops, uint8_t pc, uint8_t next) {
  VM.sp[c] -= pops;
  VM.pc[c] = next;
  VM.state[c] = ST_WAITING;
  VM.wait[c] = effect == FX_SENSE ? WAIT_SENSE : WAIT_SEND;
  VM.waitSensor[c] = effect == FX_SENSE ? MAILBOX.outArg : 0;
  MAILBOX.outContext = c;
  if (ring(effect)) return;
  VM.sp[c] += pops;
  VM.pc[c] = pc;
  VM.state[c] = ST_BLOCKED;
}

/* How an instruction leaves vm_exec's fast path (as vm/effects.ts): a trap (1-12, TRAP_*), or an
 * effect that needs the host. vm_exec stays a leaf function for everything else. */
enum exit {
  X_END = 13, X_LEDS, X_CLOCKF, X_CLOCKC, X_UART, X_RAND, X_NBRS, X_NBR, X_NBRI,
  X_SENSE, X_SEND, X_SENDR, X_FORW, X_FORWO
};

/* The slow path, after the fast path decided: pc and sp in RAM are still the instruction's own. */
static void __attribute__((noinline)) leave(uint8_t c, uint8_t exit, int16_t arg, uint8_t pc, uint8_t next, uint8_t sp) {
  int16_t *v = &VM.values[c * OPERAND_STACK_DEPTH];
  if (exit < X_END) {
    trap(c, pc, exit);
    return;
  }
  switch (exit) {
    case X_END: /* halt, or ret with nobody to return to: the context ends here */
      VM.state[c] = ST_IDLE;
      return;
    case X_SENSE: MAILBOX.outArg = arg; split_phase(c, FX_SENSE, 1, pc, next); return;
    case X_SEND: MAILBOX.outArg = 0; MAILBOX.outArg2 = 1; split_phase(c, FX_SEND, 1, pc, next); return;
    case X_SENDR: MAILBOX.outArg = arg; MAILBOX.outArg2 = 0; split_phase(c, FX_SEND, 2, pc, next); return;
    case X_FORW: MAILBOX.outArg = arg; split_phase(c, FX_FORWARD, 0, pc, next); return;
    case X_FORWO: MAILBOX.outArg = arg; split_phase(c, FX_FORWARD, 1, pc, next); return;
  }
  VM.pc[c] = next;
  VM.sp[c] = sp;
  switch (exit) {
    case X_LEDS: set_leds(leds_after(VM.leds, arg)); break;
    case X_CLOCKF:
    case X_CLOCKC:
      MAILBOX.outArg = arg;
      MAILBOX.outArg2 = exit == X_CLOCKF ? CLOCK_PER_SECOND : CLOCK_BINARY_MILLIS;
      ring(FX_CLOCK);
      break;
    case X_UART: MAILBOX.outContext = c; ring(FX_UART); break;
    case X_RAND: v[sp - 1] = ring(FX_RAND); break; /* sp counts the pushed slot */
    case X_NBRS: v[sp - 1] = query(NBR_COUNT, v[sp - 1], 0); break;
    case X_NBR: v[sp - 1] = query(NBR_AT, v[sp], v[sp - 1]); break; /* pop d, pop i: the result where i was */
    case X_NBRI: v[sp - 1] = query(NBR_INDEX, v[sp], v[sp - 1]); break;
  }
}

#define BINARY(expr) do { int16_t a = v[i - 2], b = v[i - 1]; (void)a; (void)b; v[i - 2] = (expr); t[i - 2] = TAG_VALUE; sp--; } while (0)
#define UNARY(expr) do { int16_t a = v[i - 1]; v[i - 1] = (expr); t[i - 1] = TAG_VALUE; } while (0)
#define PUSH(value, tag) do { v[i] = (value); t[i] = (tag); sp++; } while (0)

/* One instruction of context c (its pc is inside its code): checks, then the operation; effects on
 * the host and traps go through leave(). */
void __attribute__((noinline)) vm_exec(uint8_t c) {
  const uint8_t type = VM.capsule[c];
  const uint8_t *code = code_store[type];
  const uint8_t len = VM.codeLength[type];
  const uint8_t pc = VM.pc[c];
  const uint8_t op = code[pc];
  const uint8_t info = pgm_read_byte(&op_info[op]);
  const uint8_t handler = pgm_read_byte(&op_handler[op]);
  uint8_t next = pc + 1 + INFO_TRAILING(info);
  uint8_t sp = VM.sp[c];
  int16_t *v = &VM.values[c * OPERAND_STACK_DEPTH]; /* this context's stack: the top is v[sp - 1] */
  uint8_t *t = &VM.tags[c * OPERAND_STACK_DEPTH];
  const uint8_t i = sp;
  uint8_t exit = 0;
  int16_t arg = 0;
  int16_t operand = 0;

  if (next > len) { /* its operand bytes are cut off: the stack checks first, then a bad opcode */
    if (sp < INFO_POPS(info)) exit = TRAP_STACK_UNDERFLOW;
    else if (sp > OPERAND_STACK_DEPTH - INFO_GROWS(info)) exit = TRAP_STACK_OVERFLOW;
    else exit = TRAP_BAD_OPCODE;
    leave(c, exit, 0, pc, next, sp);
    return;
  }
  if (INFO_TRAILING(info) == 0) operand = op & pgm_read_byte(&op_embed[op]);
  else operand = code[pc + 1];
  if (sp < INFO_POPS(info)) exit = TRAP_STACK_UNDERFLOW;
  else if (sp > OPERAND_STACK_DEPTH - INFO_GROWS(info)) exit = TRAP_STACK_OVERFLOW;
  else if (INFO_NUMERIC(info) != 0 && (t[i - 1] == TAG_MESSAGE || (INFO_NUMERIC(info) == 2 && t[i - 2] == TAG_MESSAGE)))
    exit = TRAP_TYPE_ERROR;
  else switch (handler) {
    case H_BAD: exit = TRAP_BAD_OPCODE; break;
    case H_HALT: exit = X_END; break;
    case H_RESET: sp = 0; break;
    case H_COPY: PUSH(v[i - 1], t[i - 1]); break;
    case H_POP: sp--; break;
    case H_SWAP: {
      int16_t x = v[i - 1];
      uint8_t y = t[i - 1];
      v[i - 1] = v[i - 2];
      t[i - 1] = t[i - 2];
      v[i - 2] = x;
      t[i - 2] = y;
      break;
    }
    case H_DEPTH: PUSH(sp, TAG_VALUE); break;
    case H_ERR: exit = TRAP_ERR; break;
    case H_RET: {
      uint8_t depth = VM.rsp[c];
      if (depth == 0) {
        exit = X_END;
        break;
      }
      uint8_t k = c * RETURN_STACK_DEPTH + depth - 1;
      VM.rsp[c] = depth - 1;
      VM.capsule[c] = VM.retCapsule[k];
      next = VM.retPc[k];
      break;
    }
    case H_JUMPS:
      if (!valid_target(code, len, v[i - 1])) exit = TRAP_BAD_JUMP;
      else {
        next = v[i - 1];
        sp--;
      }
      break;
    case H_JUMP:
      if (!valid_target(code, len, operand)) exit = TRAP_BAD_JUMP;
      else next = operand;
      break;
    case H_JUMPC:
    case H_BLEZW:
    case H_BLEZ: {
      int16_t value = v[i - 1];
      uint8_t taken = handler == H_JUMPC ? value != 0 : value <= 0;
      if (!taken) sp--;
      else if (!valid_target(code, len, operand)) exit = TRAP_BAD_JUMP;
      else {
        sp--;
        next = operand;
      }
      break;
    }
    case H_CALL: {
      uint8_t depth = VM.rsp[c];
      if (!(VM.installed & (1 << operand))) exit = TRAP_NO_SUCH_CAPSULE;
      else if (depth >= RETURN_STACK_DEPTH) exit = TRAP_RETURN_STACK_OVERFLOW;
      else {
        uint8_t k = c * RETURN_STACK_DEPTH + depth;
        VM.retCapsule[k] = type;
        VM.retPc[k] = next;
        VM.rsp[c] = depth + 1;
        VM.capsule[c] = operand;
        next = 0;
      }
      break;
    }
    case H_AND: BINARY(a & b); break;
    case H_OR: BINARY(a | b); break;
    case H_NOT: UNARY(~a); break;
    case H_SHIFTR: BINARY(a >> ((uint16_t)b > 15 ? 15 : b)); break; /* counts past 15 fill with the sign */
    case H_SHIFTL: BINARY((uint16_t)b > 15 ? 0 : (int16_t)((uint16_t)a << b)); break;
    case H_ADD: {
      uint8_t ta = t[i - 2], tb = t[i - 1];
      if (ta == TAG_MESSAGE || tb == TAG_MESSAGE) {
        /* anything added to a message appends it as a little-endian word */
        uint8_t length = VM.msgLength[c];
        uint8_t *message = MSG(c);
        if (ta == tb) exit = TRAP_TYPE_ERROR;
        else if (length + 2 > PAYLOAD_BYTES) exit = TRAP_BAD_MESSAGE_FIELD;
        else {
          int16_t appended = ta == TAG_MESSAGE ? v[i - 1] : v[i - 2];
          message[length] = appended;
          message[length + 1] = (uint16_t)appended >> 8;
          VM.msgLength[c] = length + 2;
          v[i - 2] = c;
          t[i - 2] = TAG_MESSAGE;
          sp--;
        }
      } else if (ta != TAG_VALUE && tb != TAG_VALUE && ta != tb) {
        exit = TRAP_TYPE_ERROR; /* readings of two different sensors */
      } else {
        v[i - 2] = (int16_t)((uint16_t)v[i - 2] + (uint16_t)v[i - 1]);
        t[i - 2] = ta | tb;
        sp--;
      }
      break;
    }
    case H_SUB: BINARY((int16_t)((uint16_t)a - (uint16_t)b)); break;
    case H_INV: UNARY((int16_t)(0u - (uint16_t)a)); break;
    case H_EQ: BINARY(a == b); break;
    case H_NEQ: BINARY(a != b); break;
    case H_LT: BINARY(a < b); break;
    case H_GT: BINARY(a > b); break;
    case H_LTE: BINARY(a <= b); break;
    case H_GTE: BINARY(a >= b); break;
    case H_MOD:
    case H_DIV: {
      int16_t a = v[i - 2], b = v[i - 1];
      if (b == 0) {
        exit = TRAP_DIVISION_BY_ZERO;
        break;
      }
      if (b == -1) v[i - 2] = handler == H_MOD ? 0 : (int16_t)(0u - (uint16_t)a); /* -32768 / -1 wraps */
      else v[i - 2] = handler == H_MOD ? a % b : a / b;
      t[i - 2] = TAG_VALUE;
      sp--;
      break;
    }
    case H_MUL: BINARY((int16_t)((uint16_t)a * (uint16_t)b)); break;
    case H_ABS: UNARY(a < 0 ? (int16_t)(0u - (uint16_t)a) : a); break;
    case H_LAND: BINARY(a != 0 && b != 0); break;
    case H_LOR: BINARY(a != 0 || b != 0); break;
    case H_LNOT: UNARY(a == 0); break;
    case H_RAND: PUSH(0, TAG_VALUE); exit = X_RAND; break;
    case H_PUSHB: PUSH(operand, TAG_VALUE); break;
    case H_PUSHW: PUSH((int16_t)(code[pc + 1] | ((uint16_t)code[pc + 2] << 8)), TAG_VALUE); break;
    case H_ID: PUSH(MAILBOX.moteId, TAG_VALUE); break;
    case H_GETS: PUSH(VM.values[SHARED_SLOT], VM.tags[SHARED_SLOT]); break;
    case H_SETS:
      VM.values[SHARED_SLOT] = v[i - 1];
      VM.tags[SHARED_SLOT] = t[i - 1];
      sp--;
      break;
    case H_PUTLED: sp--; exit = X_LEDS; arg = v[i - 1]; break;
    case H_SENSE:
      if (v[i - 1] < 0 || v[i - 1] > MAX_SENSOR) exit = TRAP_BAD_SENSOR;
      else {
        exit = X_SENSE;
        arg = v[i - 1];
      }
      break;
    case H_CAST: t[i - 1] = TAG_VALUE; break;
    case H_CLOCKF: sp--; exit = X_CLOCKF; arg = v[i - 1]; break;
    case H_CLOCKC: sp--; exit = X_CLOCKC; arg = v[i - 1]; break;
    case H_PUSHM: PUSH(c, TAG_MESSAGE); break;
    case H_MOVM: {
      uint8_t n = VM.msgLength[LAST_RECEIVED];
      const uint8_t *from = MSG(LAST_RECEIVED);
      uint8_t *message = MSG(c);
      for (uint8_t k = 0; k < n; k++) message[k] = from[k];
      VM.msgLength[c] = n;
      PUSH(c, TAG_MESSAGE);
      break;
    }
    case H_CLEAR:
      if (t[i - 1] != TAG_MESSAGE) exit = TRAP_TYPE_ERROR;
      else VM.msgLength[c] = 0;
      break;
    case H_SEND: exit = t[i - 1] != TAG_MESSAGE ? TRAP_TYPE_ERROR : X_SEND; break;
    case H_SENDR:
      if (t[i - 2] != TAG_MESSAGE) exit = TRAP_TYPE_ERROR;
      else {
        exit = X_SENDR;
        arg = v[i - 1];
      }
      break;
    case H_FORW: exit = X_FORW; arg = type; break;
    case H_FORWO:
      if (v[i - 1] < 0 || v[i - 1] >= CAPSULE_TYPE_COUNT || !(VM.installed & (1 << v[i - 1]))) exit = TRAP_NO_SUCH_CAPSULE;
      else {
        exit = X_FORWO;
        arg = v[i - 1];
      }
      break;
    case H_GETMS:
    case H_GETMB: {
      uint8_t wide = handler == H_GETMS;
      uint8_t at = wide ? 2 * operand : operand;
      const uint8_t *message = MSG(c);
      if (t[i - 1] != TAG_MESSAGE) exit = TRAP_TYPE_ERROR;
      else if (at + (wide ? 2 : 1) > VM.msgLength[c]) exit = TRAP_BAD_MESSAGE_FIELD;
      else {
        v[i - 1] = wide ? (int16_t)(message[at] | ((uint16_t)message[at + 1] << 8)) : message[at];
        t[i - 1] = TAG_VALUE;
      }
      break;
    }
    case H_SETMS:
    case H_SETMB: { /* writing past the end extends the message, zero-filled */
      uint8_t wide = handler == H_SETMS;
      uint8_t at = wide ? 2 * operand : operand;
      uint8_t end = at + (wide ? 2 : 1);
      uint8_t *message = MSG(c);
      if (t[i - 2] != TAG_MESSAGE) {
        exit = TRAP_TYPE_ERROR;
        break;
      }
      if (end > VM.msgLength[c]) {
        for (uint8_t k = VM.msgLength[c]; k < at; k++) message[k] = 0;
        VM.msgLength[c] = end;
      }
      message[at] = v[i - 1];
      if (wide) message[at + 1] = (uint16_t)v[i - 1] >> 8;
      sp--;
      break;
    }
    case H_GETVAR: PUSH(VM.values[HEAP_BASE + operand], VM.tags[HEAP_BASE + operand]); break;
    case H_SETVAR:
      VM.values[HEAP_BASE + operand] = v[i - 1];
      VM.tags[HEAP_BASE + operand] = t[i - 1];
      sp--;
      break;
    case H_PUSHC: PUSH(operand, TAG_VALUE); break;
    case H_MSRC: PUSH(VM.lastSource, TAG_VALUE); break;
    case H_NBRS: t[i - 1] = TAG_VALUE; exit = X_NBRS; break;
    case H_NBR: t[i - 2] = TAG_VALUE; sp--; exit = X_NBR; break;
    case H_NBRI: t[i - 2] = TAG_VALUE; sp--; exit = X_NBRI; break;
    case H_UART:
      if (t[i - 1] != TAG_MESSAGE) exit = TRAP_TYPE_ERROR;
      else {
        sp--;
        exit = X_UART;
      }
      break;
    case H_GETVI: {
      int16_t n = v[i - 1];
      if (n < 0 || n >= HEAP_WORDS) exit = TRAP_BAD_HEAP_INDEX;
      else {
        v[i - 1] = VM.values[HEAP_BASE + n];
        t[i - 1] = VM.tags[HEAP_BASE + n];
      }
      break;
    }
    case H_SETVI: {
      int16_t n = v[i - 1];
      if (n < 0 || n >= HEAP_WORDS) exit = TRAP_BAD_HEAP_INDEX;
      else {
        VM.values[HEAP_BASE + n] = v[i - 2];
        VM.tags[HEAP_BASE + n] = t[i - 2];
        sp -= 2;
      }
      break;
    }
    default: exit = TRAP_BAD_OPCODE; break;
  }
  if (exit) {
    leave(c, exit, arg, pc, next, sp);
    return;
  }
  VM.pc[c] = next;
  VM.sp[c] = sp;
}

/* The first running context after the one that ran last; CONTEXT_COUNT when none is, or when an
 * interrupt brought an event. The AVR mote pauses here, between instructions, and raises its events
 * here, so an event lands between the same two instructions as on the abstract mote. */
uint8_t __attribute__((noinline)) vm_pick(void) {
  if (event_flag) return CONTEXT_COUNT;
  uint8_t c = VM.last;
  for (uint8_t k = 0; k < CONTEXT_COUNT; k++) {
    c = c + 1 == CONTEXT_COUNT ? 0 : c + 1;
    if (VM.state[c] == ST_RUNNING) return c;
  }
  return CONTEXT_COUNT;
}

/* The VM task: instructions round robin until no context is ready or an interrupt brought an event
 * (its task runs next and posts this one again); then a context waiting for the lock may start. */
void vm_run(void) {
  for (;;) {
    for (;;) {
      uint8_t c = vm_pick();
      if (c == CONTEXT_COUNT) break;
      VM.last = c;
      if (VM.pc[c] >= VM.codeLength[VM.capsule[c]]) VM.state[c] = ST_IDLE; /* ran off the end */
      else vm_exec(c);
    }
    if (event_flag || !start_pending()) return;
  }
}
