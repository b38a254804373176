// SPDX-License-Identifier: Apache-2.0
/*
 * The process core's pure logic: see proc_logic.h. No global state.
 */
#include <tessera/errno.h>

#include "proc_logic.h"

#define BITS_PER_WORD (8 * sizeof(unsigned long))

static inline bool map_test(const struct pidmap *map, int pid)
{
	return (map->bits[pid / BITS_PER_WORD] >> (pid % BITS_PER_WORD)) & 1;
}

static inline void map_set(struct pidmap *map, int pid)
{
	map->bits[pid / BITS_PER_WORD] |= 1UL << (pid % BITS_PER_WORD);
}

static inline void map_clear(struct pidmap *map, int pid)
{
	map->bits[pid / BITS_PER_WORD] &= ~(1UL << (pid % BITS_PER_WORD));
}

void pidmap_init(struct pidmap *map)
{
	unsigned int i;

	for (i = 0; i < sizeof(map->bits) / sizeof(map->bits[0]); i++)
		map->bits[i] = 0;
	map_set(map, 0);                /* pid 0 is the idle task's, never handed out */
	map->last = 0;
	map->nr_free = PID_MAX - 1;
}

bool pidmap_used(const struct pidmap *map, int pid)
{
	return pid >= 0 && pid < PID_MAX && map_test(map, pid);
}

/* The first clear bit in [from, to), or -1. Skips whole words. */
static int scan(const struct pidmap *map, int from, int to)
{
	int pid = from;

	while (pid < to) {
		unsigned long w = map->bits[pid / BITS_PER_WORD];

		if (pid % BITS_PER_WORD == 0 && w == ~0UL) {
			pid += BITS_PER_WORD;
			continue;
		}
		if (!map_test(map, pid))
			return pid;
		pid++;
	}
	return -1;
}

int pidmap_alloc(struct pidmap *map)
{
	int pid;

	if (map->nr_free <= 0)
		return -EAGAIN;
	pid = scan(map, map->last + 1, PID_MAX);
	if (pid < 0)
		pid = scan(map, RESERVED_PIDS, map->last + 1);
	if (pid < 0)
		pid = scan(map, 1, RESERVED_PIDS);      /* only the low ones are left */
	if (pid < 0)
		return -EAGAIN;
	map_set(map, pid);
	map->nr_free--;
	map->last = pid;
	return pid;
}

int pidmap_reserve(struct pidmap *map, int pid)
{
	if (pid <= 0 || pid >= PID_MAX)
		return -EINVAL;
	if (map_test(map, pid))
		return -EEXIST;
	map_set(map, pid);
	map->nr_free--;
	return 0;
}

void pidmap_free(struct pidmap *map, int pid)
{
	if (pid <= 0 || pid >= PID_MAX || !map_test(map, pid))
		return;
	map_clear(map, pid);
	map->nr_free++;
}

enum sig_default sig_default_action(int sig)
{
	switch (sig) {
	case SIGQUIT: case SIGILL: case SIGTRAP: case SIGABRT: case SIGBUS:
	case SIGFPE: case SIGSEGV: case SIGXCPU: case SIGXFSZ: case SIGSYS:
		return SIG_DFL_CORE;
	case SIGCHLD: case SIGURG: case SIGWINCH:
		return SIG_DFL_IGN;
	case SIGSTOP: case SIGTSTP: case SIGTTIN: case SIGTTOU:
		return SIG_DFL_STOP;
	case SIGCONT:
		return SIG_DFL_CONT;
	default:
		return SIG_DFL_TERM;    /* HUP INT KILL USR1 USR2 PIPE ALRM TERM STKFLT VTALRM PROF IO PWR, RT */
	}
}

int next_signal(u64 pending, u64 blocked)
{
	u64 ready = pending & ~blocked;
	u64 sync = ready & SIG_SYNCHRONOUS_MASK;

	if (!ready)
		return 0;
	if (sync)
		ready = sync;
	/* The lowest set bit, by hand: riscv64's libgcc ctz is a hard-float object. */
	{
		int sig = 1;

		while (!(ready & 1)) {
			ready >>= 1;
			sig++;
		}
		return sig;
	}
}

long sigprocmask_apply(int how, u64 old, u64 set, u64 *newp)
{
	u64 n;

	switch (how) {
	case SIG_BLOCK:
		n = old | set;
		break;
	case SIG_UNBLOCK:
		n = old & ~set;
		break;
	case SIG_SETMASK:
		n = set;
		break;
	default:
		return -EINVAL;
	}
	*newp = n & ~SIG_KERNEL_ONLY_MASK;
	return 0;
}

void wstatus_to_cld(int status, int *code, int *sistatus)
{
	if (status == WSTATUS_CONTINUED) {
		*code = CLD_CONTINUED;
		*sistatus = SIGCONT;
	} else if ((status & 0xff) == 0x7f) {
		*code = CLD_STOPPED;
		*sistatus = (status >> 8) & 0xff;
	} else if (status & 0x7f) {
		*code = (status & 0x80) ? CLD_DUMPED : CLD_KILLED;
		*sistatus = status & 0x7f;
	} else {
		*code = CLD_EXITED;
		*sistatus = (status >> 8) & 0xff;
	}
}
