/* SPDX-License-Identifier: Apache-2.0 */
/*
 * DOC: processes and signals (interface `process`, components/proc/process)
 *
 * Linux's user ABI for signals (numbers, sigaction flags, siginfo layout,
 * stack_t) and the per-process objects the process core hangs off
 * task_struct (include/tessera/sched.h):
 *
 *   signal_struct   shared by a thread group: process group, session,
 *                   controlling tty, the group exit code, shared pending
 *                   signals, rlimits, the children's times;
 *   sighand_struct  the handlers (CLONE_SIGHAND shares them).
 *
 * Signal sets are u64 (bit sig-1), as Linux's sigset_t on 64-bit: _NSIG is
 * 64 and rt_sigprocmask/rt_sigaction insist on sigsetsize == 8.
 *
 * signal_pending(p) is true when a signal that p does not block is
 * pending for it (TIF_SIGPENDING): interruptible waits (tty, pipe,
 * wait4, nanosleep) end with -ERESTARTSYS / -EINTR then.
 */
#ifndef TESSERA_SIGNAL_H
#define TESSERA_SIGNAL_H

#include <tessera/syscalls.h>
#include <tessera/types.h>

struct task_struct;
struct pt_regs;

#define _NSIG 64

#define SIGHUP     1
#define SIGINT     2
#define SIGQUIT    3
#define SIGILL     4
#define SIGTRAP    5
#define SIGABRT    6
#define SIGIOT     6
#define SIGBUS     7
#define SIGFPE     8
#define SIGKILL    9
#define SIGUSR1   10
#define SIGSEGV   11
#define SIGUSR2   12
#define SIGPIPE   13
#define SIGALRM   14
#define SIGTERM   15
#define SIGSTKFLT 16
#define SIGCHLD   17
#define SIGCONT   18
#define SIGSTOP   19
#define SIGTSTP   20
#define SIGTTIN   21
#define SIGTTOU   22
#define SIGURG    23
#define SIGXCPU   24
#define SIGXFSZ   25
#define SIGVTALRM 26
#define SIGPROF   27
#define SIGWINCH  28
#define SIGIO     29
#define SIGPOLL   SIGIO
#define SIGPWR    30
#define SIGSYS    31
#define SIGRTMIN  32
#define SIGRTMAX  _NSIG

#define sigmask(sig) (1ULL << ((sig) - 1))

/* sa_flags */
#define SA_NOCLDSTOP 0x00000001
#define SA_NOCLDWAIT 0x00000002
#define SA_SIGINFO   0x00000004
#define SA_UNSUPPORTED 0x00000400
#define SA_EXPOSE_TAGBITS 0x00000800
#define SA_RESTORER  0x04000000     /* x86_64 only in the uapi; riscv64 has none */
#define SA_ONSTACK   0x08000000
#define SA_RESTART   0x10000000
#define SA_NODEFER   0x40000000
#define SA_RESETHAND 0x80000000

#define SIG_DFL ((unsigned long)0)
#define SIG_IGN ((unsigned long)1)
#define SIG_ERR ((unsigned long)-1)

/* rt_sigprocmask how */
#define SIG_BLOCK   0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

/* si_code values */
#define SI_USER    0
#define SI_KERNEL  0x80
#define SI_QUEUE   -1
#define SI_TKILL   -6
#define SEGV_MAPERR 1
#define SEGV_ACCERR 2
#define BUS_ADRALN  1
#define BUS_ADRERR  2
#define ILL_ILLOPC  1
#define FPE_INTDIV  1
#define TRAP_BRKPT  1
#define CLD_EXITED    1
#define CLD_KILLED    2
#define CLD_DUMPED    3
#define CLD_TRAPPED   4
#define CLD_STOPPED   5
#define CLD_CONTINUED 6

/* sigaltstack */
#define SS_ONSTACK    1
#define SS_DISABLE    2
#define SS_AUTODISARM (1U << 31)
#define MINSIGSTKSZ   2048

typedef struct {
	void __user *ss_sp;
	int ss_flags;
	int __pad;
	unsigned long ss_size;
} stack_t;

/*
 * siginfo_t as user space sees it: 128 bytes, the union at offset 16.
 * Only the members Tessera fills are named.
 */
typedef struct kernel_siginfo {
	int si_signo;
	int si_errno;
	int si_code;
	int __pad0;
	union {
		struct { int pid; unsigned int uid; } kill;             /* SI_USER, SI_TKILL */
		struct { int pid; unsigned int uid; int status;
			 int __pad; long utime, stime; } sigchld;       /* SIGCHLD */
		struct { void __user *addr; } sigfault;                 /* SIGSEGV, SIGBUS, ... */
		unsigned char __bytes[128 - 16];
	} _sifields;
} kernel_siginfo_t;
_Static_assert(sizeof(kernel_siginfo_t) == 128, "siginfo is 128 bytes");
#define si_pid    _sifields.kill.pid
#define si_uid    _sifields.kill.uid
#define si_status _sifields.sigchld.status
#define si_utime  _sifields.sigchld.utime
#define si_stime  _sifields.sigchld.stime
#define si_addr   _sifields.sigfault.addr

/* rt_sigaction's struct, the user ABI (x86_64 has sa_restorer; riscv64 not). */
struct user_sigaction {
	unsigned long sa_handler;
	unsigned long sa_flags;
#ifdef __x86_64__
	unsigned long sa_restorer;
#endif
	u64 sa_mask;
};

struct k_sigaction {
	unsigned long handler;          /* SIG_DFL, SIG_IGN or the user address */
	unsigned long flags;
	unsigned long restorer;
	u64 mask;
};

struct sighand_struct {
	int count;                      /* tasks sharing it (CLONE_SIGHAND) */
	struct k_sigaction action[_NSIG];
};

/* rlimits (Linux's resource numbers, generic and x86_64 agree) */
#define RLIMIT_CPU     0
#define RLIMIT_FSIZE   1
#define RLIMIT_DATA    2
#define RLIMIT_STACK   3
#define RLIMIT_CORE    4
#define RLIMIT_RSS     5
#define RLIMIT_NPROC   6
#define RLIMIT_NOFILE  7
#define RLIMIT_MEMLOCK 8
#define RLIMIT_AS      9
#define RLIM_NLIMITS   16
#define RLIM_INFINITY  (~0UL)

struct rlimit64 {
	u64 rlim_cur, rlim_max;
};

/* signal_struct.flags */
#define SIGNAL_GROUP_EXIT  0x01         /* exit_group or a fatal signal: all threads die */
#define SIGNAL_STOP_STOPPED 0x02        /* stopped by SIGSTOP & co.: report to the parent */
#define SIGNAL_STOP_CONTINUED 0x04
#define SIGNAL_UNKILLABLE  0x08         /* init: only signals it has handlers for */

struct signal_struct {
	int count;                      /* tasks of the group (live or zombie) */
	int live;                       /* tasks not yet exited */
	unsigned int flags;             /* SIGNAL_* */
	int group_exit_code;            /* wait status of the group exit */
	int stop_code;                  /* wait status to report for a stop/continue */
	bool stop_reported;             /* WUNTRACED / WCONTINUED already reported it */
	u64 shared_pending;             /* process-directed signals */
	kernel_siginfo_t shared_info[_NSIG];   /* the siginfo of each pending one */
	int pgrp;                       /* process group id */
	int session;                    /* session id */
	void *tty;                      /* the controlling tty (the tty component's object), or NULL */
	struct rlimit64 rlim[RLIM_NLIMITS];
	u64 cutime, cstime;             /* reaped children's user / system time, ns */
	int leader;                     /* the session leader */
};

/* wait4/waitid options */
#define WNOHANG    0x00000001
#define WUNTRACED  0x00000002
#define WSTOPPED   WUNTRACED
#define WEXITED    0x00000004
#define WCONTINUED 0x00000008
#define WNOWAIT    0x01000000
#define __WNOTHREAD 0x20000000
#define __WALL     0x40000000
#define __WCLONE   0x80000000
#define P_ALL   0
#define P_PID   1
#define P_PGID  2
#define P_PIDFD 3

/* clone flags */
#define CSIGNAL              0x000000ff
#define CLONE_VM             0x00000100
#define CLONE_FS             0x00000200
#define CLONE_FILES          0x00000400
#define CLONE_SIGHAND        0x00000800
#define CLONE_PIDFD          0x00001000
#define CLONE_PTRACE         0x00002000
#define CLONE_VFORK          0x00004000
#define CLONE_PARENT         0x00008000
#define CLONE_THREAD         0x00010000
#define CLONE_NEWNS          0x00020000
#define CLONE_SYSVSEM        0x00040000
#define CLONE_SETTLS         0x00080000
#define CLONE_PARENT_SETTID  0x00100000
#define CLONE_CHILD_CLEARTID 0x00200000
#define CLONE_DETACHED       0x00400000
#define CLONE_UNTRACED       0x00800000
#define CLONE_CHILD_SETTID   0x01000000

/* The host tests of the pure logic read only the ABI above. */
#ifndef TESSERA_SIGNAL_UAPI_ONLY
#include <tessera/sched.h>

static inline bool signal_pending(struct task_struct *p)
{
	return (*(volatile unsigned long *)&p->ti_flags >> TIF_SIGPENDING) & 1;
}

static inline bool fatal_signal_pending(struct task_struct *p)
{
	return signal_pending(p) && (p->pending & sigmask(SIGKILL));
}
#endif

#endif
