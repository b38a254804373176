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

#include <tessera/atomic.h>
#include <tessera/compiler.h>
#include <tessera/mm.h>
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
/*
 * The irq state a new task starts with (kthread_entry): that of the
 * schedule() it was switched to from, or on when it was switched to from
 * the interrupt-return path, where the flags __schedule() saved are the
 * handler's (off) but the interrupted context, and so the CPU once the
 * new task runs, had interrupts on.
 */
unsigned long sched_switch_flags;
bool sched_switch_irqs_on;
static bool in_preempt_irq;
LIST_HEAD(sched_task_list);

/* Set by the process core (sched_set_pid_ops, sched_set_mm_ops). */
static int (*pid_alloc_fn)(void);
static void (*pid_release_fn)(int pid);
static void (*mm_activate_fn)(struct mm_struct *mm);
static void (*mmdrop_fn)(struct mm_struct *mm);
/* The borrowed mm a kernel thread gave back at the switch: dropped after it. */
static struct mm_struct *prev_mm;

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

	struct mm_struct *mm = prev_mm;

	switched_from = NULL;
	prev_mm = NULL;
	if (mm && mmdrop_fn)
		mmdrop_fn(mm);
	if (prev && prev->state == TASK_DEAD)
		put_task_struct(prev);          /* its own reference: stack and struct go */
}

/*
 * The mm part of the switch, Linux's lazy TLB: a kernel thread (no mm)
 * keeps running in the address space that was loaded, borrowing it with
 * an mm_count reference (mmgrab); a task with an mm loads its own, and a
 * kernel thread switched away from gives its borrowed one back, dropped
 * by finish_task_switch() once we are off prev's stack.
 */
static void context_switch_mm(struct task_struct *prev, struct task_struct *next)
{
	if (!next->mm) {
		next->active_mm = prev->active_mm;
		if (prev->mm)
			atomic_inc(&prev->active_mm->mm_count);     /* mmgrab */
		else
			prev->active_mm = NULL;
	} else {
		if (prev->active_mm != next->mm && mm_activate_fn)
			mm_activate_fn(next->mm);
		if (!prev->mm) {
			prev_mm = prev->active_mm;
			prev->active_mm = NULL;
		}
	}
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
	bool from_irq = in_preempt_irq;

	in_preempt_irq = false;
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
		sched_switch_irqs_on = from_irq;
		context_switch_mm(prev, next);
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
	/*
	 * Called with interrupts off, from an interrupt taken with them on.
	 * __schedule() takes the flag back first thing, interrupts off.
	 */
	do {
		in_preempt_irq = true;
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

int wake_up_state(struct task_struct *p, unsigned int state)
{
	unsigned long flags = arch_irq_save();
	struct task_struct *curr = current;

	/* Only a sleeper in @state wakes: not a running task, nor a dead one. */
	if (!(p->state & state & (TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE))) {
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

int wake_up_process(struct task_struct *p)
{
	return wake_up_state(p, TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE);
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
	if (pid_release_fn && p->pid > 0)
		pid_release_fn(p->pid);
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
	t->pid = pid_alloc_fn ? pid_alloc_fn() : next_pid++;
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
	arch_thread_init(&t->thread, (unsigned long)t->stack + THREAD_SIZE,
			 task_stack_guard(t->stack), entry, t);
	return t;
}

/*
 * A forked task's first code, whichever way the arch enters it: finish
 * the switch, then the arch's threadfn when copy_thread() set one (it
 * returns to user mode and never comes back), else return to the arch's
 * ret_from_fork, which does.
 */
static void fork_entry(void *arg)
{
	struct task_struct *self = arg;

	schedule_tail();
	if (self->threadfn)
		self->threadfn(self->data);
}

/* A new task for fork: stack and pid, not runnable; copy_thread() makes its user side. */
struct task_struct *sched_task_alloc(const char *name)
{
	struct task_struct *t = sched_alloc_task(name, fork_entry);

	if (!t)
		return NULL;
	if (t->pid < 0) {
		t->pid = 0;
		put_task_struct(t);
		return NULL;
	}
	return t;
}

void wake_up_new_task(struct task_struct *p)
{
	unsigned long flags = arch_irq_save();

	list_add_tail(&p->tasks, &sched_task_list);
	arch_irq_restore(flags);
	wake_up_process(p);
}

/* The first code of a forked task (arch's ret_from_fork), like kthread_entry's. */
void schedule_tail(void)
{
	finish_task_switch();
	preempt_count_sub(1);
	if (sched_switch_irqs_on)
		arch_irq_enable();
	else
		arch_irq_restore(sched_switch_flags);
}

_Noreturn void do_task_dead(void)
{
	struct task_struct *self = current;

	/* Interrupts off: nothing may run (and free us) before the switch. */
	arch_irq_save();
	list_del(&self->tasks);
	self->state = TASK_DEAD;
	__schedule(false);
	__builtin_unreachable();
}

void sched_set_pid_ops(int (*alloc)(void), void (*release)(int pid))
{
	pid_alloc_fn = alloc;
	pid_release_fn = release;
}

void sched_set_mm_ops(void (*activate)(struct mm_struct *mm), void (*drop)(struct mm_struct *mm))
{
	mm_activate_fn = activate;
	mmdrop_fn = drop;
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
	/* A static stack: no guard page (0). */
	arch_thread_init(&idle->thread, (unsigned long)idle_stack + THREAD_SIZE, 0,
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
