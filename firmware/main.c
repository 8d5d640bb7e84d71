/* Boot, the run loop and the interrupts. The loop runs queued tasks and puts the CPU to sleep when
 * none is left (TinyOS 1.x's TOSH_run_task/TOSH_sleep); an interrupt wakes it. INT0 announces a host
 * event in the mailbox; TIMER1 COMPA is the clock context's timer. Each interrupt only posts its task
 * and raises event_flag so the interpreter yields at the next instruction (hardware part, then
 * software part, as TinyOS splits them). */
#include "mote.h"
#include <avr/interrupt.h>
#include <avr/io.h>
#include <avr/sleep.h>
#include <string.h>

volatile uint8_t event_flag;

ISR(INT0_vect) {
  event_flag = 1;
  post(TASK_EVENT);
}

ISR(TIMER1_COMPA_vect) {
  event_flag = 1;
  post(TASK_CLOCK);
}

static void run_task(uint8_t task) {
  if (task == TASK_VM) vm_run();
  else if (task == TASK_EVENT) apply_event();
  else if (task == TASK_CLOCK) fire_clock();
}

int main(void) {
  memset(&VM, 0, sizeof VM);
  VM.last = CONTEXT_COUNT - 1;
  DDRA = 7;
  EIMSK = _BV(INT0);
  TIMSK = _BV(OCIE1A);
  set_sleep_mode(SLEEP_MODE_IDLE);
  ring(FX_BOOTED);
  for (;;) {
    cli();
    uint8_t task = next_task();
    if (task == 0) {
      sleep_enable();
      sei();
      sleep_cpu();
      sleep_disable();
      continue;
    }
    sei();
    run_task(task);
  }
}
