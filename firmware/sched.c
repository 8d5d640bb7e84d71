/* The task queue: TinyOS 1.x's scheduler (a FIFO of posted tasks, run to completion, the CPU asleep
 * when it is empty; see main.c). A task already queued is not queued twice, so the queue never fills. */
#include "mote.h"
#include <util/atomic.h>

#define QUEUE_SIZE 8

void post(uint8_t task) {
  ATOMIC_BLOCK(ATOMIC_RESTORESTATE) {
    uint8_t k;
    for (k = 0; k < VM.taskCount; k++)
      if (VM.tasks[(VM.taskHead + k) & (QUEUE_SIZE - 1)] == task) return;
    VM.tasks[(VM.taskHead + VM.taskCount) & (QUEUE_SIZE - 1)] = task;
    VM.taskCount++;
  }
}

uint8_t next_task(void) {
  if (VM.taskCount == 0) return 0;
  uint8_t task = VM.tasks[VM.taskHead];
  VM.taskHead = (VM.taskHead + 1) & (QUEUE_SIZE - 1);
  VM.taskCount--;
  return task;
}
