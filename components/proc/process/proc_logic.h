/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The process core's pure logic (proc_logic.c): no task, no lock, no
 * allocation, so the host test (tests/test_proc_logic.c, ASan+UBSan)
 * builds the very file the kernel links.
 *
 *  - the pid map: Linux's cyclic allocation (the next free pid after the
 *    last one given; after PID_MAX wrap to RESERVED_PIDS);
 *  - signals: default actions, which signals cannot be caught or blocked,
 *    the order pending signals are taken in, the sigprocmask arithmetic;
 *  - wait statuses: the encoding wait4() returns and waitid()'s CLD_* codes.
 */
#ifndef PROC_LOGIC_H
#define PROC_LOGIC_H

#include <tessera/signal.h>
#include <tessera/types.h>

#define PID_MAX        32768            /* Linux's pid_max default */
#define RESERVED_PIDS  300

struct pidmap {
	unsigned long bits[PID_MAX / (8 * sizeof(unsigned long))];
	int last;                       /* the last pid handed out */
	int nr_free;
};

void pidmap_init(struct pidmap *map);
/* The next free pid after map->last (wrapping to RESERVED_PIDS), or -EAGAIN. */
int pidmap_alloc(struct pidmap *map);
/* Take exactly @pid (0 < pid < PID_MAX): 0, or -EEXIST/-EINVAL. */
int pidmap_reserve(struct pidmap *map, int pid);
void pidmap_free(struct pidmap *map, int pid);
bool pidmap_used(const struct pidmap *map, int pid);

/* Default actions (Linux's signal(7) table). */
enum sig_default {
	SIG_DFL_TERM,
	SIG_DFL_CORE,
	SIG_DFL_IGN,
	SIG_DFL_STOP,
	SIG_DFL_CONT,
};
enum sig_default sig_default_action(int sig);
static inline bool valid_signal(unsigned long sig)
{
	return sig >= 1 && sig <= _NSIG;
}
#define SIG_KERNEL_ONLY_MASK (sigmask(SIGKILL) | sigmask(SIGSTOP))
#define SIG_STOP_MASK (sigmask(SIGSTOP) | sigmask(SIGTSTP) | sigmask(SIGTTIN) | sigmask(SIGTTOU))
#define SIG_SYNCHRONOUS_MASK (sigmask(SIGSEGV) | sigmask(SIGBUS) | sigmask(SIGILL) | \
			      sigmask(SIGTRAP) | sigmask(SIGFPE) | sigmask(SIGSYS))

/* The signal to take next from @pending not in @blocked (synchronous first), or 0. */
int next_signal(u64 pending, u64 blocked);
/* rt_sigprocmask arithmetic: the new mask, or -EINVAL for a bad @how. SIGKILL/SIGSTOP never blocked. */
long sigprocmask_apply(int how, u64 old, u64 set, u64 *newp);

/* wait statuses */
static inline int wstatus_exited(int code) { return (code & 0xff) << 8; }
static inline int wstatus_signaled(int sig, bool core) { return (sig & 0x7f) | (core ? 0x80 : 0); }
static inline int wstatus_stopped(int sig) { return ((sig & 0xff) << 8) | 0x7f; }
#define WSTATUS_CONTINUED 0xffff
/* waitid's si_code and si_status for a wait status. */
void wstatus_to_cld(int status, int *code, int *sistatus);

#endif
