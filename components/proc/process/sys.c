// SPDX-License-Identifier: Apache-2.0
/*
 * The small system calls of processes: ids (everyone is root), process
 * groups and sessions, uname, reboot, sysinfo, times, rlimits, prctl
 * (name), getrandom, sched_yield/sched_getaffinity.
 *
 * uname: sysname "Linux" and a release glibc parses as 6.1.0 (static
 * glibc checks the release against its minimum kernel version in the
 * versions that still do: 3.2.0 on x86_64, 4.15.0 on riscv64), the
 * product's arch as machine.
 */
#define pr_fmt(fmt) "process: " fmt

#include <interfaces/arch.h>
#include <interfaces/kmalloc.h>
#include <interfaces/lib.h>
#include <interfaces/page_alloc.h>
#include <interfaces/printk.h>
#include <interfaces/process.h>
#include <interfaces/sched.h>
#include <interfaces/spinlock.h>
#include <interfaces/time.h>
#include <interfaces/uaccess.h>

#include "process.h"

/* ---- randomness: not cryptographic; seeded from the cycle counter ---- */
static u64 rng_state[2];

static u64 rng_next(void)
{
	u64 s1 = rng_state[0];
	const u64 s0 = rng_state[1];

	if (!(rng_state[0] | rng_state[1])) {
		rng_state[0] = arch_read_cycles() ^ 0x9e3779b97f4a7c15ULL;
		rng_state[1] = (u64)ktime_get() ^ 0xbf58476d1ce4e5b9ULL;
		s1 = rng_state[0];
	}
	rng_state[0] = s0;
	s1 ^= s1 << 23;
	rng_state[1] = s1 ^ s0 ^ (s1 >> 17) ^ (s0 >> 26);
	return rng_state[1] + s0 + arch_read_cycles();
}

void get_random_bytes(void *buf, size_t n)
{
	u8 *p = buf;
	unsigned long flags = arch_irq_save();

	while (n) {
		u64 v = rng_next();
		size_t k = n < sizeof(v) ? n : sizeof(v);

		memcpy(p, &v, k);
		p += k;
		n -= k;
	}
	arch_irq_restore(flags);
}

#define GRND_NONBLOCK 0x1
#define GRND_RANDOM   0x2
#define GRND_INSECURE 0x4

SYSCALL_DEFINE3(getrandom, char __user *, ubuf, size_t, len, unsigned int, flags)
{
	u8 chunk[64];
	size_t done = 0;

	if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	if ((flags & (GRND_INSECURE | GRND_RANDOM)) == (GRND_INSECURE | GRND_RANDOM))
		return -EINVAL;
	if (len > 0x1ffffff)
		len = 0x1ffffff;        /* Linux's MAX_RW_COUNT-ish cap: a short read */
	while (done < len) {
		size_t n = len - done < sizeof(chunk) ? len - done : sizeof(chunk);

		get_random_bytes(chunk, n);
		if (copy_to_user(ubuf + done, chunk, n))
			return done ? (long)done : -EFAULT;
		done += n;
		if (signal_pending(current) && done < len)
			return (long)done;
		cond_resched();
	}
	return (long)done;
}

/* ---- ids: everyone is root ---------------------------------------------- */

SYSCALL_DEFINE0(getpid)
{
	return current->tgid;
}

SYSCALL_DEFINE0(gettid)
{
	return current->pid;
}

SYSCALL_DEFINE0(getppid)
{
	struct task_struct *p = current->group_leader->real_parent;

	return p ? p->tgid : 0;
}

SYSCALL_DEFINE0(getuid) { return 0; }
SYSCALL_DEFINE0(geteuid) { return 0; }
SYSCALL_DEFINE0(getgid) { return 0; }
SYSCALL_DEFINE0(getegid) { return 0; }
/* Credentials are not kept: root may become anyone, and stays root. */
SYSCALL_DEFINE1(setuid, unsigned int, uid) { (void)uid; return 0; }
SYSCALL_DEFINE1(setgid, unsigned int, gid) { (void)gid; return 0; }
SYSCALL_DEFINE3(setresuid, unsigned int, r, unsigned int, e, unsigned int, s)
{
	(void)r; (void)e; (void)s;
	return 0;
}
SYSCALL_DEFINE3(setresgid, unsigned int, r, unsigned int, e, unsigned int, s)
{
	(void)r; (void)e; (void)s;
	return 0;
}

static long put_three_zeros(unsigned int __user *a, unsigned int __user *b, unsigned int __user *c)
{
	if (put_user(0U, a) || put_user(0U, b) || put_user(0U, c))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE3(getresuid, unsigned int __user *, r, unsigned int __user *, e, unsigned int __user *, s)
{
	return put_three_zeros(r, e, s);
}

SYSCALL_DEFINE3(getresgid, unsigned int __user *, r, unsigned int __user *, e, unsigned int __user *, s)
{
	return put_three_zeros(r, e, s);
}

SYSCALL_DEFINE2(getgroups, int, size, unsigned int __user *, list)
{
	(void)list;
	if (size < 0)
		return -EINVAL;
	return 0;
}

SYSCALL_DEFINE2(setgroups, int, size, const unsigned int __user *, list)
{
	(void)list;
	if (size < 0 || size > 65536)
		return -EINVAL;
	return 0;
}

/* ---- process groups and sessions ---------------------------------------- */

static bool pgrp_exists_in_session(int pgrp, int session)
{
	struct task_struct *t;
	unsigned int b;

	for_each_process_task(b, t) {
		if (t->signal && !t->exit_state && t->signal->pgrp == pgrp &&
		    t->signal->session == session)
			return true;
	}
	return false;
}

SYSCALL_DEFINE2(setpgid, int, pid, int, pgid)
{
	struct task_struct *me = current->group_leader, *p;
	unsigned long flags;
	long err;

	if (pid == 0)
		pid = me->tgid;
	if (pgid == 0)
		pgid = pid;
	if (pgid < 0)
		return -EINVAL;
	spin_lock_irqsave(&tasklist_lock, flags);
	p = find_task_locked(pid);
	err = -ESRCH;
	if (!p || !thread_group_leader(p) || p->exit_state)
		goto out;
	if (p != me && p->real_parent != me)
		goto out;
	err = -EPERM;
	if (p->signal->session != me->signal->session)
		goto out;
	if (p->signal->leader == p->tgid)
		goto out;       /* a session leader */
	if (pgid != pid && !pgrp_exists_in_session(pgid, me->signal->session))
		goto out;
	p->signal->pgrp = pgid;
	err = 0;
out:
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return err;
}

static long get_signal_field(int pid, bool session)
{
	struct task_struct *p;
	unsigned long flags;
	long ret = -ESRCH;

	if (pid == 0)
		return session ? current->signal->session : current->signal->pgrp;
	spin_lock_irqsave(&tasklist_lock, flags);
	p = find_task_locked(pid);
	if (p && p->signal && !p->exit_state)
		ret = session ? p->signal->session : p->signal->pgrp;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

SYSCALL_DEFINE1(getpgid, int, pid)
{
	return get_signal_field(pid, false);
}

#ifdef __x86_64__
SYSCALL_DEFINE0(getpgrp)
{
	return current->signal->pgrp;
}
#endif

SYSCALL_DEFINE1(getsid, int, pid)
{
	return get_signal_field(pid, true);
}

SYSCALL_DEFINE0(setsid)
{
	struct task_struct *me = current->group_leader;
	unsigned long flags;
	long ret = -EPERM;
	struct task_struct *t;
	unsigned int b;
	bool used = false;

	spin_lock_irqsave(&tasklist_lock, flags);
	/* Fails if a process group with our id exists (we lead one, or someone joined it). */
	for_each_process_task(b, t) {
		if (t->signal && !t->exit_state && t->signal->pgrp == me->tgid)
			used = true;
	}
	if (!used) {
		me->signal->session = me->tgid;
		me->signal->pgrp = me->tgid;
		me->signal->leader = me->tgid;
		me->signal->tty = NULL;
		ret = me->tgid;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

/* ---- uname ------------------------------------------------------------- */

struct new_utsname {
	char sysname[65];
	char nodename[65];
	char release[65];
	char version[65];
	char machine[65];
	char domainname[65];
};

static char utsname_nodename[65] = "tessera";
static char utsname_domainname[65] = "(none)";

SYSCALL_DEFINE1(uname, struct new_utsname __user *, name)
{
	struct new_utsname u;

	memset(&u, 0, sizeof(u));
	strlcpy(u.sysname, "Linux", sizeof(u.sysname));
	strlcpy(u.nodename, utsname_nodename, sizeof(u.nodename));
	strlcpy(u.release, "6.1.0-tessera", sizeof(u.release));
	strlcpy(u.version, "#1 Tessera", sizeof(u.version));
	strlcpy(u.machine, arch_name(), sizeof(u.machine));
	strlcpy(u.domainname, utsname_domainname, sizeof(u.domainname));
	return copy_to_user(name, &u, sizeof(u)) ? -EFAULT : 0;
}

static long set_uts_string(char *dst, const char __user *src, int len)
{
	char buf[65];

	if (len < 0 || len > 64)
		return -EINVAL;
	if (copy_from_user(buf, src, (unsigned long)len))
		return -EFAULT;
	buf[len] = 0;
	memcpy(dst, buf, (size_t)len + 1);
	return 0;
}

SYSCALL_DEFINE2(sethostname, const char __user *, name, int, len)
{
	return set_uts_string(utsname_nodename, name, len);
}

SYSCALL_DEFINE2(setdomainname, const char __user *, name, int, len)
{
	return set_uts_string(utsname_domainname, name, len);
}

/* ---- reboot ------------------------------------------------------------ */

#define LINUX_REBOOT_MAGIC1   0xfee1dead
#define LINUX_REBOOT_MAGIC2   672274793
#define LINUX_REBOOT_MAGIC2A  85072278
#define LINUX_REBOOT_MAGIC2B  369367448
#define LINUX_REBOOT_MAGIC2C  537993216
#define LINUX_REBOOT_CMD_RESTART    0x01234567
#define LINUX_REBOOT_CMD_HALT       0xCDEF0123
#define LINUX_REBOOT_CMD_CAD_ON     0x89ABCDEF
#define LINUX_REBOOT_CMD_CAD_OFF    0x00000000
#define LINUX_REBOOT_CMD_POWER_OFF  0x4321FEDC

SYSCALL_DEFINE4(reboot, int, magic1, int, magic2, unsigned int, cmd, void __user *, arg)
{
	(void)arg;
	if ((unsigned int)magic1 != LINUX_REBOOT_MAGIC1 ||
	    (magic2 != LINUX_REBOOT_MAGIC2 && magic2 != LINUX_REBOOT_MAGIC2A &&
	     magic2 != LINUX_REBOOT_MAGIC2B && magic2 != LINUX_REBOOT_MAGIC2C))
		return -EINVAL;
	switch (cmd) {
	case LINUX_REBOOT_CMD_CAD_ON:
	case LINUX_REBOOT_CMD_CAD_OFF:
		return 0;
	case LINUX_REBOOT_CMD_RESTART:
		/* No reset path yet: the machine powers off (QEMU -no-reboot does the same). */
		pr_emerg("reboot: Restarting system (powering off: no reset path)\n");
		pr_emerg("tessera: poweroff status=0\n");
		arch_poweroff(0);
	case LINUX_REBOOT_CMD_HALT:
	case LINUX_REBOOT_CMD_POWER_OFF:
		pr_emerg("reboot: Power down\n");
		pr_emerg("tessera: poweroff status=0\n");
		arch_poweroff(0);
	default:
		return -EINVAL;
	}
}

/* ---- sysinfo, times ------------------------------------------------------ */

struct sysinfo {
	long uptime;
	unsigned long loads[3];
	unsigned long totalram, freeram, sharedram, bufferram, totalswap, freeswap;
	unsigned short procs, pad;
	unsigned long totalhigh, freehigh;
	unsigned int mem_unit;
	char _f[20 - 2 * sizeof(long) - sizeof(int)];
};
_Static_assert(sizeof(struct sysinfo) == 112, "struct sysinfo is Linux's 64-bit layout");

SYSCALL_DEFINE1(sysinfo, struct sysinfo __user *, info)
{
	struct sysinfo si;
	struct task_struct *t;
	unsigned long flags;
	unsigned int b, procs = 0;

	memset(&si, 0, sizeof(si));
	si.uptime = (long)(ktime_get() / NSEC_PER_SEC);
	si.totalram = totalram_pages() * PAGE_SIZE;
	si.freeram = nr_free_pages() * PAGE_SIZE;
	spin_lock_irqsave(&tasklist_lock, flags);
	for_each_process_task(b, t)
		procs++;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	si.procs = (unsigned short)procs;
	si.mem_unit = 1;
	return copy_to_user(info, &si, sizeof(si)) ? -EFAULT : 0;
}

#define USER_HZ 100
static long ns_to_clock_t(u64 ns)
{
	return (long)(ns / (NSEC_PER_SEC / USER_HZ));
}

SYSCALL_DEFINE1(times, long __user *, tbuf)
{
	struct task_struct *t = current;

	if (tbuf) {
		long tms[4] = { ns_to_clock_t(t->utime), ns_to_clock_t(t->stime),
				ns_to_clock_t(t->signal->cutime), ns_to_clock_t(t->signal->cstime) };

		if (copy_to_user(tbuf, tms, sizeof(tms)))
			return -EFAULT;
	}
	return ns_to_clock_t((u64)ktime_get()) + 100000;   /* Linux starts 5 minutes before wrap; any origin */
}

/* ---- rlimits ------------------------------------------------------------ */

static long do_prlimit(struct task_struct *p, unsigned int resource, const struct rlimit64 *newr,
		       struct rlimit64 *oldr)
{
	struct rlimit64 *r;

	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	if (newr && newr->rlim_cur > newr->rlim_max)
		return -EINVAL;
	if (newr && resource == RLIMIT_NOFILE && newr->rlim_max > NR_OPEN_MAX)
		return -EPERM;
	r = &p->signal->rlim[resource];
	if (oldr)
		*oldr = *r;
	if (newr)
		*r = *newr;
	return 0;
}

SYSCALL_DEFINE4(prlimit64, int, pid, unsigned int, resource, const struct rlimit64 __user *, new_rlim,
		struct rlimit64 __user *, old_rlim)
{
	struct rlimit64 n, o;
	struct task_struct *p = current;
	long ret;

	if (new_rlim && copy_from_user(&n, new_rlim, sizeof(n)))
		return -EFAULT;
	if (pid && pid != current->tgid) {
		p = find_task_by_vpid(pid);
		if (!p || !p->signal)
			return -ESRCH;
	}
	ret = do_prlimit(p, resource, new_rlim ? &n : NULL, old_rlim ? &o : NULL);
	if (!ret && old_rlim && copy_to_user(old_rlim, &o, sizeof(o)))
		return -EFAULT;
	return ret;
}

SYSCALL_DEFINE2(getrlimit, unsigned int, resource, struct rlimit64 __user *, rlim)
{
	struct rlimit64 o;
	long ret = do_prlimit(current, resource, NULL, &o);

	if (!ret && copy_to_user(rlim, &o, sizeof(o)))
		return -EFAULT;
	return ret;
}

SYSCALL_DEFINE2(setrlimit, unsigned int, resource, const struct rlimit64 __user *, rlim)
{
	struct rlimit64 n;

	if (copy_from_user(&n, rlim, sizeof(n)))
		return -EFAULT;
	return do_prlimit(current, resource, &n, NULL);
}

/* ---- prctl -------------------------------------------------------------- */

#define PR_SET_PDEATHSIG 1
#define PR_GET_PDEATHSIG 2
#define PR_GET_DUMPABLE  3
#define PR_SET_DUMPABLE  4
#define PR_SET_NAME      15
#define PR_GET_NAME      16

SYSCALL_DEFINE5(prctl, int, option, unsigned long, arg2, unsigned long, arg3, unsigned long, arg4,
		unsigned long, arg5)
{
	char comm[TASK_COMM_LEN];
	long n;

	(void)arg3; (void)arg4; (void)arg5;
	switch (option) {
	case PR_SET_NAME:
		n = strncpy_from_user(comm, (const char __user *)arg2, TASK_COMM_LEN - 1);
		if (n < 0)
			return -EFAULT;
		comm[n] = 0;
		strlcpy(current->comm, comm, TASK_COMM_LEN);
		return 0;
	case PR_GET_NAME:
		strlcpy(comm, current->comm, TASK_COMM_LEN);
		return copy_to_user((void __user *)arg2, comm, TASK_COMM_LEN) ? -EFAULT : 0;
	case PR_SET_PDEATHSIG:
		return valid_signal(arg2) || arg2 == 0 ? 0 : -EINVAL;
	case PR_GET_PDEATHSIG:
		return put_user(0, (int __user *)arg2);
	case PR_GET_DUMPABLE:
		return 1;
	case PR_SET_DUMPABLE:
		return arg2 <= 1 ? 0 : -EINVAL;
	}
	return -EINVAL;
}

/* ---- scheduling --------------------------------------------------------- */

SYSCALL_DEFINE0(sched_yield)
{
	yield();
	return 0;
}

SYSCALL_DEFINE3(sched_getaffinity, int, pid, unsigned int, len, unsigned long __user *, mask)
{
	unsigned long m = 1;    /* one CPU */

	if (pid < 0)
		return -EINVAL;
	if (pid && !find_task_by_vpid(pid))
		return -ESRCH;
	if (len < sizeof(m) || (len & (sizeof(long) - 1)))
		return -EINVAL;
	if (copy_to_user(mask, &m, sizeof(m)))
		return -EFAULT;
	return sizeof(m);
}

/* glibc's start-up registers these; without futexes there is nothing to do. */
SYSCALL_DEFINE2(set_robust_list, void __user *, head, size_t, len)
{
	(void)head;
	if (len != 24)
		return -EINVAL;
	return 0;
}
