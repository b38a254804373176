/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The scheduler core: one run queue per CPU (one CPU today), the policy
 * chosen by the product behind the `scheduler` interface (sched-rr or
 * sched-fair), and the switch between tasks.
 *
 * Locking: the run queue is only touched with interrupts off. With one CPU
 * that is all the exclusion it needs (the tick is an interrupt); SMP adds a
 * spinlock in the run queue, taken at the same places.
 *
 * Preemption: scheduler_tick() (from the timer interrupt) and wake-ups set
 * need_resched; the interrupt-return path calls preempt_schedule_irq()
 * when it is set and preempt_count() is 0, and cond_resched() acts on it
 * in long loops. A preempted task stays runnable whatever its state (it
 * may be between set_current_state() and schedule()), as in Linux.
 *
 * Time: the policy is charged in arch_read_cycles() units (x86_64 TSC
 * cycles; riscv64 timer ticks), measured at every switch and tick.
 */
#define pr_fmt(fmt) "sched: " fmt

#include <tessera/compiler.h>
#include <tessera/printk.h>
#include <interfaces/arch.h>
#include <interfaces/kmalloc.h>
#include <interfaces/kthread.h>
#include <interfaces/lib.h>
#include <interfaces/lockdep.h>
#include <interfaces/percpu.h>
#include <interfaces/printk.h>
#include <interfaces/sched.h>
#include <interfaces/scheduler.h>
#include <interfaces/spinlock.h>

#include "sched_internal.h"

int sched_init(void);

/*
 * How far below min_vruntime a woken sleeper may be placed (sched-fair).
 * In clock units; ~1 ms of a 1 GHz TSC. A calibrated clock (ktime) will
 * turn this into a time.
 */
#define SLEEPER_CREDIT (1UL << 20)

static struct sched_rq runqueue;
static struct task_struct init_task;    /* the boot context, adopted */
/*
 * The idle task is static, stack included, like Linux's: it exists before
 * any allocator could fail, and the boot allocates no pages for it.
 */
static struct task_struct idle_task_struct;
static unsigned char idle_stack[THREAD_SIZE] __aligned(16);
static struct task_struct *switched_from;
static unsigned long nr_switches;
static int next_pid = 1;
unsigned long sched_switch_flags;       /* the irq state a new task starts with */
LIST_HEAD(sched_task_list);

static inline struct task_struct *task_of(struct sched_entity *se)
{
	return container_of(se, struct task_struct, se);
}

static inline struct task_struct *idle_task(void)
{
	return this_cpu()->idle_task;
}

/* Charge the running task for the time since it last was charged. */
static void update_curr_task(struct task_struct *curr)
{
	u64 now = arch_read_cycles();
	u64 delta = now - curr->exec_start;

	curr->exec_start = now;
	if (curr != idle_task())
		update_curr(&runqueue, &curr->se, delta);
}

/* Runs in the task switched to, first thing: tidy up after the one left. */
void finish_task_switch(void)
{
	struct task_struct *prev = switched_from;

	switched_from = NULL;
	if (prev && prev->state == TASK_DEAD)
		put_task_struct(prev);          /* its own reference: stack and struct go */
}

/*
 * Pick the next task and switch to it. @preempt: the task is being
 * preempted, so it stays runnable whatever its state. Interrupts are off
 * from here until the task runs again.
 */
void __schedule(bool preempt)
{
	struct task_struct *prev = current, *next;
	struct sched_entity *se;
	unsigned long flags = arch_irq_save();

	preempt_count_add(1);
	this_cpu()->need_resched = 0;
	update_curr_task(prev);
	if (prev != idle_task()) {
		if (prev->state == TASK_RUNNING || preempt)
			put_prev_entity(&runqueue, &prev->se);
		else
			prev->on_rq = false;
	}
	se = pick_next_entity(&runqueue);
	next = se ? task_of(se) : idle_task();
	if (next != prev) {
		if (preempt)
			prev->nivcsw++;
		else
			prev->nvcsw++;
		nr_switches++;
		next->exec_start = arch_read_cycles();
		switched_from = prev;
		sched_switch_flags = flags;
		this_cpu()->current_task = next;
		__switch_to_asm(&prev->thread, &next->thread);
		/* prev runs again here, maybe much later: tidy up after whoever ran. */
		finish_task_switch();
	}
	preempt_count_sub(1);
	arch_irq_restore(flags);
}

void schedule(void)
{
	might_sleep();
	__schedule(false);
}

void preempt_schedule_irq(void)
{
	if (preempt_count() || !current)
		return;
	do {
		__schedule(true);
	} while (need_resched());
}

void cond_resched(void)
{
	if (need_resched() && !preempt_count())
		__schedule(true);
}

void yield(void)
{
	unsigned long flags = arch_irq_save();

	yield_entity(&runqueue, &current->se);
	arch_irq_restore(flags);
	schedule();
}

int wake_up_process(struct task_struct *p)
{
	unsigned long flags = arch_irq_save();
	struct task_struct *curr = current;

	/* Only a sleeper wakes: not a running task, nor a dead one. */
	if (!(p->state & (TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE))) {
		arch_irq_restore(flags);
		return 0;
	}
	p->state = TASK_RUNNING;
	if (!p->on_rq) {
		bool first = p->se.sum_exec_runtime == 0 && p->nvcsw + p->nivcsw == 0;

		enqueue_entity(&runqueue, &p->se, first ? ENQUEUE_INITIAL : ENQUEUE_WAKEUP);
		p->on_rq = true;
		if (curr == idle_task()) {
			this_cpu()->need_resched = 1;
		} else {
			update_curr_task(curr);
			if (check_preempt_wakeup(&runqueue, &curr->se, &p->se))
				this_cpu()->need_resched = 1;
		}
	}
	arch_irq_restore(flags);
	return 1;
}

/* From the timer interrupt: charge the tick, let the policy ask for a switch. */
void scheduler_tick(void)
{
	struct task_struct *curr = current;

	if (!curr)
		return;
	update_curr_task(curr);
	if (curr == idle_task()) {
		if (runqueue.nr_queued)
			this_cpu()->need_resched = 1;
	} else if (entity_tick(&runqueue, &curr->se)) {
		this_cpu()->need_resched = 1;
	}
}

void set_user_nice(struct task_struct *p, long nice)
{
	unsigned long flags = arch_irq_save();
	bool queued = p->se.queued;

	/* Re-sort: the fair queue is ordered by a key the weight feeds. */
	if (queued)
		dequeue_entity(&runqueue, &p->se);
	set_entity_nice(&p->se, (int)nice);
	if (queued)
		put_prev_entity(&runqueue, &p->se);
	arch_irq_restore(flags);
}

void put_task_struct(struct task_struct *p)
{
	unsigned long flags = arch_irq_save();
	bool last = --p->usage == 0;

	arch_irq_restore(flags);
	if (!last)
		return;
	if (p->stack)
		task_stack_free(p->stack);
	kfree(p);
}

unsigned long nr_context_switches(void)
{
	return nr_switches;
}

const char *sched_policy(void)
{
	return sched_policy_name();
}

static void init_task_common(struct task_struct *t, const char *name)
{
	strlcpy(t->comm, name, TASK_COMM_LEN);
	t->pid = next_pid++;
	t->usage = 1;
	INIT_LIST_HEAD(&t->se.run_node);
	set_entity_nice(&t->se, 0);
}

/* A task with a stack prepared to start in entry(task); not runnable yet. */
struct task_struct *sched_alloc_task(const char *name, void (*entry)(void *))
{
	struct task_struct *t = kzalloc(sizeof(*t));

	if (!t)
		return NULL;
	t->stack = task_stack_alloc();
	if (!t->stack) {
		kfree(t);
		return NULL;
	}
	init_task_common(t, name);
	t->state = TASK_UNINTERRUPTIBLE;
	arch_thread_init(&t->thread, (unsigned long)t->stack + THREAD_SIZE, entry, t);
	return t;
}

int sched_init(void)
{
	struct task_struct *idle;

	sched_rq_init(&runqueue);
	runqueue.sleeper_credit = SLEEPER_CREDIT;
	this_cpu()->sched_rq = &runqueue;

	/* The boot context becomes a task: it is running, so it is on_rq. */
	init_task_common(&init_task, "init");
	init_task.state = TASK_RUNNING;
	init_task.on_rq = true;
	init_task.exec_start = arch_read_cycles();
	list_add_tail(&init_task.tasks, &sched_task_list);
	this_cpu()->current_task = &init_task;

	/* The idle task runs when nothing else can; never queued. */
	idle = &idle_task_struct;
	init_task_common(idle, "idle");
	idle->usage = 2;                        /* never freed */
	arch_thread_init(&idle->thread, (unsigned long)idle_stack + THREAD_SIZE,
			 kthread_entry, idle);
	idle->pid = 0;
	next_pid--;
	idle->flags = PF_IDLE | PF_KTHREAD;
	idle->threadfn = idle_thread;
	idle->state = TASK_RUNNING;
	this_cpu()->idle_task = idle;
	pr_info("policy %s, boot context is task %d '%s'\n", sched_policy_name(),
		init_task.pid, init_task.comm);
	return 0;
}
