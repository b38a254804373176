// SPDX-License-Identifier: Apache-2.0
/*
 * Sleeping and clocks: nanosleep/clock_nanosleep (an interruptible sleep
 * on a kernel timer, tick-granular, never early), clock_gettime/
 * gettimeofday/clock_getres from ktime_get() (no vDSO: every call is a
 * system call; the time is the monotonic clock, and CLOCK_REALTIME starts
 * at the epoch because there is no RTC driver yet).
 */
#include <interfaces/arch.h>
#include <interfaces/lib.h>
#include <interfaces/process.h>
#include <interfaces/sched.h>
#include <interfaces/time.h>
#include <interfaces/spinlock.h>
#include <interfaces/uaccess.h>

#include "process.h"

#define CLOCK_REALTIME           0
#define CLOCK_MONOTONIC          1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID  3
#define CLOCK_MONOTONIC_RAW      4
#define CLOCK_REALTIME_COARSE    5
#define CLOCK_MONOTONIC_COARSE   6
#define CLOCK_BOOTTIME           7
#define TIMER_ABSTIME            1

struct kernel_timespec {
	s64 tv_sec;
	long tv_nsec;
};

static s64 realtime_offset;             /* settimeofday is not offered: stays 0 */

static int clock_now(int which, s64 *ns)
{
	switch (which) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
		*ns = ktime_get() + realtime_offset;
		return 0;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
		*ns = ktime_get();
		return 0;
	case CLOCK_PROCESS_CPUTIME_ID:
	case CLOCK_THREAD_CPUTIME_ID:
		*ns = (s64)(current->se.sum_exec_runtime ? current->utime + current->stime : 0);
		if (!*ns)
			*ns = ktime_get() - (s64)current->start_time;   /* no CPU accounting yet */
		return 0;
	}
	return -EINVAL;
}

static int put_ts(struct kernel_timespec __user *uts, s64 ns)
{
	struct kernel_timespec ts = { .tv_sec = ns / NSEC_PER_SEC, .tv_nsec = (long)(ns % NSEC_PER_SEC) };

	return copy_to_user(uts, &ts, sizeof(ts)) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(clock_gettime, int, which, struct kernel_timespec __user *, tp)
{
	s64 ns;
	int err = clock_now(which, &ns);

	if (err)
		return err;
	return put_ts(tp, ns);
}

SYSCALL_DEFINE2(clock_getres, int, which, struct kernel_timespec __user *, tp)
{
	s64 ns;

	if (clock_now(which, &ns))
		return -EINVAL;
	if (!tp)
		return 0;
	/* The coarse clocks tick; the others read the clocksource. */
	if (which == CLOCK_REALTIME_COARSE || which == CLOCK_MONOTONIC_COARSE)
		return put_ts(tp, NSEC_PER_SEC / tick_hz());
	return put_ts(tp, 1);
}

SYSCALL_DEFINE2(gettimeofday, void __user *, tv, void __user *, tz)
{
	s64 ns = ktime_get() + realtime_offset;

	if (tv) {
		long v[2] = { (long)(ns / NSEC_PER_SEC), (long)((ns % NSEC_PER_SEC) / 1000) };

		if (copy_to_user(tv, v, sizeof(v)))
			return -EFAULT;
	}
	if (tz) {
		int z[2] = { 0, 0 };

		if (copy_to_user(tz, z, sizeof(z)))
			return -EFAULT;
	}
	return 0;
}

/* x86_64 only (the generic table has no time). */
SYSCALL_DEFINE1(time, long __user *, tloc)
{
	long t = (long)((ktime_get() + realtime_offset) / NSEC_PER_SEC);

	if (tloc && put_user(t, tloc))
		return -EFAULT;
	return t;
}

struct sleeper {
	struct timer_list timer;
	struct task_struct *task;
	volatile bool fired;
};

static void sleeper_fn(struct timer_list *timer)
{
	struct sleeper *s = container_of(timer, struct sleeper, timer);

	s->fired = true;
	wake_up_process(s->task);
}

/*
 * Sleep until the clock reads @deadline_ns: 0, or -ERESTARTNOHAND with the
 * time left in *left_ns when a signal came.
 */
static long do_nanosleep_until(int which, s64 deadline_ns, s64 *left_ns)
{
	struct sleeper s;
	s64 now;

	s.task = current;
	timer_setup(&s.timer, sleeper_fn, 0);
	for (;;) {
		u64 tick_ns = NSEC_PER_SEC / tick_hz();
		u64 ticks;

		clock_now(which, &now);
		if (now >= deadline_ns)
			return 0;
		if (signal_pending(current)) {
			*left_ns = deadline_ns - now;
			return -ERESTARTNOHAND;
		}
		/* +1: the current tick is partly gone, and the timer must not fire early. */
		ticks = ((u64)(deadline_ns - now) + tick_ns - 1) / tick_ns + 1;
		s.fired = false;
		set_current_state(TASK_INTERRUPTIBLE);
		mod_timer(&s.timer, (unsigned long)get_jiffies_64() + ticks);
		if (!s.fired && !signal_pending(current))
			schedule();
		__set_current_state(TASK_RUNNING);
		del_timer(&s.timer);
	}
}

static long nanosleep_common(int which, int flags, const struct kernel_timespec __user *rqtp,
			     struct kernel_timespec __user *rmtp)
{
	struct kernel_timespec ts;
	s64 now, deadline, left = 0;
	long ret;

	if (copy_from_user(&ts, rqtp, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= NSEC_PER_SEC)
		return -EINVAL;
	if (clock_now(which, &now))
		return -EINVAL;
	if (which == CLOCK_PROCESS_CPUTIME_ID || which == CLOCK_THREAD_CPUTIME_ID)
		return -EINVAL;         /* Linux: EINVAL for the thread clock; cpu timers not kept */
	if (ts.tv_sec > 0x7fffffffLL * 4)
		ts.tv_sec = 0x7fffffffLL * 4;   /* ~270 years: no overflow below */
	deadline = ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
	if (!(flags & TIMER_ABSTIME))
		deadline += now;
	ret = do_nanosleep_until(which, deadline, &left);
	if (ret && rmtp && !(flags & TIMER_ABSTIME) && put_ts(rmtp, left))
		return -EFAULT;
	/* An absolute sleep restarts as is; a relative one ends -EINTR (with the rest in rmtp). */
	if (ret && !(flags & TIMER_ABSTIME))
		return -EINTR;
	return ret;
}

SYSCALL_DEFINE2(nanosleep, const struct kernel_timespec __user *, rqtp,
		struct kernel_timespec __user *, rmtp)
{
	return nanosleep_common(CLOCK_MONOTONIC, 0, rqtp, rmtp);
}

SYSCALL_DEFINE4(clock_nanosleep, int, which, int, flags, const struct kernel_timespec __user *, rqtp,
		struct kernel_timespec __user *, rmtp)
{
	if (flags & ~TIMER_ABSTIME)
		return -EINVAL;
	return nanosleep_common(which, flags, rqtp, rmtp);
}

/* ---- ITIMER_REAL and alarm() --------------------------------------------- */

#define ITIMER_REAL    0
#define ITIMER_VIRTUAL 1
#define ITIMER_PROF    2

struct k_itimerval {
	long interval_sec, interval_usec;
	long value_sec, value_usec;
};

void it_real_fn(struct timer_list *timer)
{
	struct signal_struct *sig = container_of(timer, struct signal_struct, real_timer);
	kernel_siginfo_t info;
	struct task_struct *t;
	unsigned long flags;

	memset(&info, 0, sizeof(info));
	info.si_signo = SIGALRM;
	info.si_code = SI_KERNEL;
	spin_lock_irqsave(&tasklist_lock, flags);
	t = find_task_locked(sig->it_real_tgid);
	if (t && t->signal == sig && !t->exit_state)
		send_signal_locked(SIGALRM, &info, t, true);
	if (sig->it_real_incr)
		mod_timer(timer, (unsigned long)get_jiffies_64() + sig->it_real_incr);
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

static u64 us_to_ticks(u64 us)
{
	u64 tick_us = 1000000 / tick_hz();

	return us ? (us + tick_us - 1) / tick_us + 1 : 0;
}

/* The time left before it fires, in microseconds (0: not armed). */
static u64 it_real_left_us(struct signal_struct *sig)
{
	u64 now = get_jiffies_64(), exp = sig->real_timer.expires;

	if (!sig->real_timer.entry.next || (s64)(exp - now) <= 0)
		return 0;
	return (exp - now) * (1000000 / tick_hz());
}

static void do_setitimer_real(struct signal_struct *sig, u64 value_us, u64 interval_us)
{
	del_timer(&sig->real_timer);
	sig->it_real_tgid = current->tgid;
	sig->it_real_incr = us_to_ticks(interval_us);
	if (value_us)
		mod_timer(&sig->real_timer, (unsigned long)get_jiffies_64() + us_to_ticks(value_us));
}

SYSCALL_DEFINE2(getitimer, int, which, struct k_itimerval __user *, value)
{
	struct k_itimerval v;
	u64 left;

	memset(&v, 0, sizeof(v));
	if (which < ITIMER_REAL || which > ITIMER_PROF)
		return -EINVAL;
	if (which == ITIMER_REAL) {
		left = it_real_left_us(current->signal);
		v.value_sec = (long)(left / 1000000);
		v.value_usec = (long)(left % 1000000);
		left = current->signal->it_real_incr * (1000000 / tick_hz());
		v.interval_sec = (long)(left / 1000000);
		v.interval_usec = (long)(left % 1000000);
	}
	return copy_to_user(value, &v, sizeof(v)) ? -EFAULT : 0;
}

SYSCALL_DEFINE3(setitimer, int, which, const struct k_itimerval __user *, value,
		struct k_itimerval __user *, ovalue)
{
	struct k_itimerval v, o;
	u64 left;

	if (which < ITIMER_REAL || which > ITIMER_PROF)
		return -EINVAL;
	memset(&v, 0, sizeof(v));
	if (value && copy_from_user(&v, value, sizeof(v)))
		return -EFAULT;
	if (v.value_usec < 0 || v.value_usec >= 1000000 || v.interval_usec < 0 ||
	    v.interval_usec >= 1000000 || v.value_sec < 0 || v.interval_sec < 0)
		return -EINVAL;
	memset(&o, 0, sizeof(o));
	if (which == ITIMER_REAL) {
		left = it_real_left_us(current->signal);
		o.value_sec = (long)(left / 1000000);
		o.value_usec = (long)(left % 1000000);
		do_setitimer_real(current->signal, (u64)v.value_sec * 1000000 + (u64)v.value_usec,
				  (u64)v.interval_sec * 1000000 + (u64)v.interval_usec);
	}
	/* ITIMER_VIRTUAL/PROF: accepted, never fire (no CPU-time accounting yet). */
	if (ovalue && copy_to_user(ovalue, &o, sizeof(o)))
		return -EFAULT;
	return 0;
}

/* x86_64 only (the generic table has no alarm: glibc uses setitimer). */
SYSCALL_DEFINE1(alarm, unsigned int, seconds)
{
	u64 left = it_real_left_us(current->signal);

	do_setitimer_real(current->signal, (u64)seconds * 1000000, 0);
	/* Linux rounds the old value to the nearest second, and a pending one is at least 1. */
	return (long)(left ? (left + 500000) / 1000000 ?: 1 : 0);
}
