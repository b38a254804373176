/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Kernel threads (the `kthread` interface, components/sched/sched).
 * kthread_create() makes a stopped thread (TASK_UNINTERRUPTIBLE until
 * wake_up_process()); kthread_run() creates and wakes it. The thread
 * function runs until it returns or, typically, until kthread_should_stop()
 * says so; kthread_stop() asks, waits for the exit and returns the
 * function's result. Every kthread must be stopped (which also frees it).
 */
#ifndef TESSERA_KTHREAD_H
#define TESSERA_KTHREAD_H

#include <tessera/sched.h>

#endif
