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

#ifdef __x86_64__
SYSCALL_DEFINE1(time, long __user *, tloc)
{
	long t = (long)((ktime_get() + realtime_offset) / NSEC_PER_SEC);

	if (tloc && put_user(t, tloc))
		return -EFAULT;
	return t;
}
#endif

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
