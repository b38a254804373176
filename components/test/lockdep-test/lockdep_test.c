/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Planted locking bugs, for the boot tests of lock debugging
 * (tests/boot/lockdep-product). `lockdeptest=<kind>` picks one:
 *
 *   recursion        spin_lock() twice on one lock (lockdep panics: it would spin)
 *   bad-unlock       mutex_unlock() of a mutex a kernel thread holds
 *   sleep-in-atomic  mutex_lock() (which may sleep) with a spinlock held
 *   inversion        A then B, later B then A (two lock classes)
 *
 * Each must be reported with both sites; then this panics with
 * "lockdep-test: <kind> reported" so the run ends with a known status.
 */
#define pr_fmt(fmt) "lockdep-test: " fmt

#include <tessera/compiler.h>
#include <tessera/errno.h>
#include <tessera/kthread.h>
#include <tessera/mutex.h>
#include <tessera/printk.h>
#include <interfaces/arch.h>
#include <interfaces/kthread.h>
#include <interfaces/lib.h>
#include <interfaces/lockdep.h>
#include <interfaces/mutex.h>
#include <interfaces/panic.h>
#include <interfaces/printk.h>
#include <interfaces/sched.h>
#include <interfaces/spinlock.h>
#include <interfaces/wait.h>

#define PARAM "lockdeptest="

int lockdep_test_init(void);

static DEFINE_SPINLOCK(lock_a);
static DEFINE_SPINLOCK(lock_b);

__attribute__((__noinline__)) static void lockdep_test_recursion(void)
{
	spin_lock(&lock_a);
	spin_lock(&lock_a);
	spin_unlock(&lock_a);
	spin_unlock(&lock_a);
}

static struct mutex held_mutex;
static struct completion taken;

static int hold_mutex(void *unused)
{
	(void)unused;
	mutex_lock(&held_mutex);
	complete(&taken);
	while (!kthread_should_stop())
		yield();
	return 0;
}

__attribute__((__noinline__)) static void lockdep_test_bad_unlock(void)
{
	struct task_struct *k;

	mutex_init(&held_mutex);
	init_completion(&taken);
	k = kthread_run(hold_mutex, NULL, "holder");
	if (!k)
		return;
	wait_for_completion(&taken);
	mutex_unlock(&held_mutex);      /* not ours */
	kthread_stop(k);
}

__attribute__((__noinline__)) static void lockdep_test_sleep_in_atomic(void)
{
	static struct mutex m;

	mutex_init(&m);
	spin_lock(&lock_a);
	mutex_lock(&m);
	mutex_unlock(&m);
	spin_unlock(&lock_a);
}

__attribute__((__noinline__)) static void lockdep_test_inversion(void)
{
	spin_lock(&lock_a);
	spin_lock(&lock_b);
	spin_unlock(&lock_b);
	spin_unlock(&lock_a);

	spin_lock(&lock_b);
	spin_lock(&lock_a);
	spin_unlock(&lock_a);
	spin_unlock(&lock_b);
}

static const struct {
	const char *name;
	void (*fn)(void);
} kinds[] = {
	{ "recursion",       lockdep_test_recursion },
	{ "bad-unlock",      lockdep_test_bad_unlock },
	{ "sleep-in-atomic", lockdep_test_sleep_in_atomic },
	{ "inversion",       lockdep_test_inversion },
};

/* The value of the first `lockdeptest=` word of @cmdline, or NULL; *len its length. */
static const char *find_param(const char *cmdline, size_t *len)
{
	const size_t plen = sizeof(PARAM) - 1;
	const char *s = cmdline, *word;

	for (;;) {
		while (*s == ' ')
			s++;
		if (!*s)
			return NULL;
		word = s;
		while (*s && *s != ' ')
			s++;
		if ((size_t)(s - word) >= plen && !strncmp(word, PARAM, plen)) {
			*len = (size_t)(s - word) - plen;
			return word + plen;
		}
	}
}

int lockdep_test_init(void)
{
	size_t len = 0;
	const char *value = find_param(arch_boot_info()->cmdline, &len);
	unsigned int i, before;

	if (!value)
		return 0;
	for (i = 0; i < ARRAY_SIZE(kinds); i++) {
		if (strlen(kinds[i].name) != len || strncmp(value, kinds[i].name, len))
			continue;
		pr_emerg("planting '%s'\n", kinds[i].name);
		before = lockdep_reports();
		kinds[i].fn();
		if (lockdep_reports() > before)
			panic("lockdep-test: %s reported", kinds[i].name);
		pr_emerg("'%s' was not reported\n", kinds[i].name);
		return -EFAULT;
	}
	pr_err("unknown kind '%.*s' (recursion, bad-unlock, sleep-in-atomic, inversion)\n",
	       (int)len, value);
	return -EINVAL;
}
