/* The Maté VM firmware for the Mica's ATmega128 (4 MHz): what its parts share. The AVR mote
 * (sim/avr/) loads the image into avr8js; README.md describes the mailbox. */
#ifndef MOTE_H
#define MOTE_H
#include <stdint.h>
#include "vm_tables.h"

/* Tasks (sched.c): a TinyOS-style FIFO, one entry per posted task. */
enum task { TASK_VM = 1, TASK_EVENT = 2, TASK_CLOCK = 3 };
void post(uint8_t task);
/* The next task, or 0 when none (call with interrupts off). */
uint8_t next_task(void);

/* Set by the interrupts, cleared when their task has applied the event: the VM yields to it. */
extern volatile uint8_t event_flag;

/* Devices (devices.c): the LED port and the doorbell to the host. */
void set_leds(uint8_t leds);
uint16_t ring(uint8_t effect);
void trap(uint8_t c, uint16_t pc, uint8_t reason);

/* Contexts (contexts.c). */
uint8_t start(uint8_t c);
void restart_clock_stack(void);
uint8_t start_pending(void);
void apply_event(void);
void fire_clock(void);

/* The interpreter (vm.c): run ready contexts round robin until none is, or an event waits. */
void vm_run(void);
#endif
