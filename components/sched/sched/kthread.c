/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Kernel threads. Life of one: kthread_create() (stopped) ->
 * wake_up_process() -> threadfn(data) runs, polling kthread_should_stop()
 * -> it returns -> kthread_exit(): the result is kept, `exited` completes,
 * the task is TASK_DEAD and switches away for good; the switch drops the
 * thread's own reference. kthread_stop() waits for `exited` and drops the
 * creator's reference, which frees the task.
 */
#include <tessera/kthread.h>
#include <interfaces/arch.h>
#include <interfaces/kthread.h>
#include <interfaces/sched.h>
#include <interfaces/wait.h>

#include "sched_internal.h"

static _Noreturn void kthread_exit(int code)
{
	struct task_struct *self = current;

	/* Interrupts off: nothing may run (and free us) before the switch. */
	arch_irq_save();
	self->exit_code = code;
	complete_all(&self->exited);
	list_del(&self->tasks);
	self->state = TASK_DEAD;
	__schedule(false);
	__builtin_unreachable();
}

/* First code of every new task, reached from ret_from_kthread. */
void kthread_entry(void *arg)
{
	struct task_struct *self = arg;

	/* __schedule() of the task we came from left its tail for us. */
	schedule_tail();
	kthread_exit(self->threadfn(self->data));
}

struct task_struct *kthread_create(int (*threadfn)(void *data), void *data, const char *name)
{
	struct task_struct *k = sched_alloc_task(name, kthread_entry);
	unsigned long flags;

	if (!k)
		return NULL;
	k->flags = PF_KTHREAD;
	k->threadfn = threadfn;
	k->data = data;
	init_completion(&k->exited);
	get_task_struct(k);                     /* the creator's, for kthread_stop() */
	flags = arch_irq_save();
	list_add_tail(&k->tasks, &sched_task_list);
	arch_irq_restore(flags);
	return k;
}

struct task_struct *kthread_run(int (*threadfn)(void *data), void *data, const char *name)
{
	struct task_struct *k = kthread_create(threadfn, data, name);

	if (k)
		wake_up_process(k);
	return k;
}

bool kthread_should_stop(void)
{
	return *(volatile bool *)&current->should_stop;
}

int kthread_stop(struct task_struct *k)
{
	int ret;

	k->should_stop = true;
	wake_up_process(k);
	wait_for_completion(&k->exited);
	ret = k->exit_code;
	put_task_struct(k);
	return ret;
}
