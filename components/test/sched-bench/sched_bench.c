/* SPDX-License-Identifier: Apache-2.0 */
/*
 * `schedbench` on the command line: figures for tests/bench/sched.sh.
 *
 *   pingpong   two kernel threads (the boot task and one kthread) passing
 *              a token through two wait queues: cycles per context switch
 *              (a round trip is two switches, each with a wake-up)
 *   call       an empty noinline function: the baseline
 *   spin_lock_irqsave/unlock, mutex_lock/unlock: uncontended pairs
 *
 * Each figure is the best of several repetitions (the least disturbed by
 * the host), in arch_read_cycles() units and in ns.
 */
#define pr_fmt(fmt) "sched-bench: " fmt

#include <tessera/compiler.h>
#include <tessera/kthread.h>
#include <tessera/mutex.h>
#include <tessera/printk.h>
#include <interfaces/arch.h>
#include <interfaces/kthread.h>
#include <interfaces/lib.h>
#include <interfaces/mutex.h>
#include <interfaces/printk.h>
#include <interfaces/sched.h>
#include <interfaces/spinlock.h>
#include <interfaces/wait.h>
#include <asm/cycles.h>

int sched_bench_init(void);

#define REPEAT      5
#define ROUND_TRIPS 2000
#define LOCK_LOOPS  20000

static wait_queue_head_t ping_wq, pong_wq;
static volatile unsigned long token;

static int pong_fn(void *unused)
{
	(void)unused;
	while (!kthread_should_stop()) {
		wait_event(&pong_wq, (token & 1) || kthread_should_stop());
		token++;
		wake_up(&ping_wq);
	}
	return 0;
}

static u64 best_pingpong(void)
{
	struct task_struct *k = kthread_run(pong_fn, NULL, "pong");
	u64 best = ~0ULL;
	int r, i;

	if (!k)
		return 0;
	for (r = 0; r < REPEAT; r++) {
		u64 start = arch_read_cycles(), t;

		for (i = 0; i < ROUND_TRIPS; i++) {
			token++;
			wake_up(&pong_wq);
			wait_event(&ping_wq, !(token & 1));
		}
		t = arch_read_cycles() - start;
		if (t < best)
			best = t;
	}
	kthread_stop(k);
	return best;
}

__attribute__((__noinline__)) static void empty_call(void)
{
	barrier();
}

static DEFINE_SPINLOCK(bench_lock);
static struct mutex bench_mutex;

#define TIME_LOOP(body)                                                 \
	({                                                              \
		u64 best_ = ~0ULL;                                      \
		for (int r_ = 0; r_ < REPEAT; r_++) {                   \
			u64 s_ = arch_read_cycles(), t_;                \
			for (int i_ = 0; i_ < LOCK_LOOPS; i_++) {       \
				body;                                   \
			}                                               \
			t_ = arch_read_cycles() - s_;                   \
			if (t_ < best_)                                 \
				best_ = t_;                             \
		}                                                       \
		best_;                                                  \
	})

static void report(const char *what, u64 total, unsigned long n, unsigned long per_usec)
{
	/* Hundredths of a cycle: the lock figures are a few cycles each. */
	unsigned long long c100 = total * 100 / n;
	unsigned long long ns100 = per_usec ? total * 100000 / n / per_usec : 0;

	printk(KERN_INFO "sched-bench: %-22s %6llu.%02llu cycles %6llu.%02llu ns\n", what,
	       c100 / 100, c100 % 100, ns100 / 100, ns100 % 100);
}

/* Whether `schedbench` is a word of @cmdline. */
static bool strstr_word(const char *cmdline)
{
	static const char word[] = "schedbench";
	const char *s = cmdline;

	while (*s) {
		const char *start;

		while (*s == ' ')
			s++;
		start = s;
		while (*s && *s != ' ')
			s++;
		if ((size_t)(s - start) == sizeof(word) - 1 && !strncmp(start, word, sizeof(word) - 1))
			return true;
	}
	return false;
}

int sched_bench_init(void)
{
	const char *cmdline = arch_boot_info()->cmdline;
	unsigned long flags, per_usec;
	u64 t;

	if (!strstr_word(cmdline))
		return 0;
	flags = arch_irq_save();
	per_usec = arch_calibrate_cycles_per_usec();
	arch_irq_restore(flags);
	printk(KERN_INFO "sched-bench: policy %s, %lu cycles/us\n", sched_policy(), per_usec);

	init_waitqueue_head(&ping_wq);
	init_waitqueue_head(&pong_wq);
	mutex_init(&bench_mutex);

	t = best_pingpong();
	report("context switch", t, 2 * ROUND_TRIPS, per_usec);
	t = TIME_LOOP(empty_call());
	report("function call", t, LOCK_LOOPS, per_usec);
	t = TIME_LOOP({
		unsigned long f;

		spin_lock_irqsave(&bench_lock, f);
		spin_unlock_irqrestore(&bench_lock, f);
	});
	report("spin_lock_irqsave+un", t, LOCK_LOOPS, per_usec);
	t = TIME_LOOP({
		mutex_lock(&bench_mutex);
		mutex_unlock(&bench_mutex);
	});
	report("mutex_lock+unlock", t, LOCK_LOOPS, per_usec);
	return 0;
}
