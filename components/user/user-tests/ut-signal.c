// SPDX-License-Identifier: Apache-2.0
/*
 * Signals: sigaction and handlers, siginfo, masks and pending sets,
 * SA_RESTART against EINTR, SA_RESETHAND, SA_ONSTACK, sigsuspend,
 * real-time queueing, default actions, and rt_sigreturn restoring every
 * register the handler clobbered (regs-probe.S).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>

#include "ktap.h"
#include "util.h"

extern uint64_t probe_out[40];
void probe_sync(long pid, long sig);
void probe_async(const volatile int *flag);

static volatile sig_atomic_t hits, last_sig, last_code, last_pid, depth_seen;
static volatile int flag;
static sigset_t mask_in_handler;
static volatile uintptr_t handler_stack_addr;

static void count(int sig)
{
	hits++;
	last_sig = sig;
}

static void info(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	hits++;
	last_sig = sig;
	last_code = si->si_code;
	last_pid = si->si_pid;
	sigprocmask(SIG_BLOCK, NULL, &mask_in_handler);
	handler_stack_addr = (uintptr_t)__builtin_frame_address(0);
}

/* A handler that uses every register the ABI lets it use. */
static void clobber(int sig)
{
	volatile double d = sig;

	for (int i = 0; i < 10; i++)
		d = d * 1.5 + 0.25;
#if defined(__x86_64__)
	__asm__ volatile("movabs $0xdeaddeaddeaddead, %%rax\n\tmov %%rax, %%rcx\n\tmov %%rax, %%rdx\n\t"
			 "mov %%rax, %%rsi\n\tmov %%rax, %%rdi\n\tmov %%rax, %%r8\n\tmov %%rax, %%r9\n\t"
			 "mov %%rax, %%r10\n\tmov %%rax, %%r11\n\tmov %%rax, %%rbx\n\tmov %%rax, %%r12\n\t"
			 "mov %%rax, %%r13\n\tmov %%rax, %%r14\n\tmov %%rax, %%r15\n\t"
			 "movq %%rax, %%xmm0\n\tmovq %%rax, %%xmm1\n\tmovq %%rax, %%xmm15\n\t"
			 ::: "rax", "rbx", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11",
			 "r12", "r13", "r14", "r15", "xmm0", "xmm1", "xmm15", "memory");
#elif defined(__riscv)
	__asm__ volatile("li t0, -1\n\tmv t1, t0\n\tmv t2, t0\n\tmv t3, t0\n\tmv t4, t0\n\tmv t5, t0\n\t"
			 "mv t6, t0\n\tmv a0, t0\n\tmv a1, t0\n\tmv a2, t0\n\tmv a3, t0\n\tmv a4, t0\n\t"
			 "mv a5, t0\n\tmv a6, t0\n\tmv a7, t0\n\tmv s1, t0\n\tmv s2, t0\n\tmv s11, t0\n\t"
			 "fmv.d.x ft0, t0\n\tfmv.d.x fa0, t0\n\tfmv.d.x fs0, t0\n\t"
			 ::: "t0", "t1", "t2", "t3", "t4", "t5", "t6", "a0", "a1", "a2", "a3", "a4",
			 "a5", "a6", "a7", "s1", "s2", "s11", "ft0", "fa0", "fs0", "memory");
#endif
	hits++;
	flag = 1;
}

static void set_handler(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa = { .sa_handler = fn, .sa_flags = flags };

	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

static void set_info_handler(int sig, int flags, int also_block)
{
	struct sigaction sa = { .sa_sigaction = info, .sa_flags = SA_SIGINFO | flags };

	sigemptyset(&sa.sa_mask);
	if (also_block)
		sigaddset(&sa.sa_mask, also_block);
	sigaction(sig, &sa, NULL);
}

static int handler_and_siginfo(void)
{
	hits = 0;
	set_info_handler(SIGUSR1, 0, SIGUSR2);
	KT_EXPECT_EQ(kill(getpid(), SIGUSR1), 0);
	KT_EXPECT_EQ(hits, 1);
	KT_EXPECT_EQ(last_sig, SIGUSR1);
	KT_EXPECT_EQ(last_code, SI_USER);
	KT_EXPECT_EQ(last_pid, getpid());
	/* Inside the handler: the signal itself and sa_mask are blocked. */
	KT_EXPECT(sigismember(&mask_in_handler, SIGUSR1));
	KT_EXPECT(sigismember(&mask_in_handler, SIGUSR2));
	sigset_t now;
	sigprocmask(SIG_BLOCK, NULL, &now);
	KT_EXPECT(!sigismember(&now, SIGUSR1));     /* restored by sigreturn */
	KT_EXPECT(!sigismember(&now, SIGUSR2));
	KT_EXPECT_EQ(raise(SIGUSR1), 0);             /* tgkill: SI_TKILL */
	KT_EXPECT_EQ(hits, 2);
	KT_EXPECT_EQ(last_code, SI_TKILL);
	struct sigaction old;
	KT_EXPECT_EQ(sigaction(SIGUSR1, NULL, &old), 0);
	KT_EXPECT(old.sa_flags & SA_SIGINFO);
	KT_EXPECT(old.sa_sigaction == info);
	signal(SIGUSR1, SIG_DFL);
	return KT_PASS;
}

static int mask_and_pending(void)
{
	sigset_t set, pend;

	hits = 0;
	set_handler(SIGUSR1, count, 0);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	KT_EXPECT_EQ(sigprocmask(SIG_BLOCK, &set, NULL), 0);
	kill(getpid(), SIGUSR1);
	kill(getpid(), SIGUSR1);     /* a standard signal is pending once */
	KT_EXPECT_EQ(hits, 0);
	KT_EXPECT_EQ(sigpending(&pend), 0);
	KT_EXPECT(sigismember(&pend, SIGUSR1));
	KT_EXPECT_EQ(sigprocmask(SIG_UNBLOCK, &set, NULL), 0);
	KT_EXPECT_EQ(hits, 1);
	KT_EXPECT_EQ(sigpending(&pend), 0);
	KT_EXPECT(!sigismember(&pend, SIGUSR1));
	/* SIGKILL and SIGSTOP cannot be blocked. */
	sigfillset(&set);
	sigset_t old, got;
	sigprocmask(SIG_SETMASK, &set, &old);
	sigprocmask(SIG_SETMASK, &old, &got);
	KT_EXPECT(!sigismember(&got, SIGKILL));
	KT_EXPECT(!sigismember(&got, SIGSTOP));
	KT_EXPECT(sigismember(&got, SIGUSR2));
	signal(SIGUSR1, SIG_DFL);
	return KT_PASS;
}

static int rt_signals_queue(void)
{
	sigset_t set;

	hits = 0;
	set_handler(SIGRTMIN, count, 0);
	sigemptyset(&set);
	sigaddset(&set, SIGRTMIN);
	sigprocmask(SIG_BLOCK, &set, NULL);
	for (int i = 0; i < 3; i++)
		kill(getpid(), SIGRTMIN);
	KT_EXPECT_EQ(hits, 0);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	KT_EXPECT_EQ(hits, 3);
	signal(SIGRTMIN, SIG_DFL);
	return KT_PASS;
}

static int resethand_and_nodefer(void)
{
	struct sigaction old;

	hits = 0;
	set_handler(SIGUSR2, count, SA_RESETHAND);
	kill(getpid(), SIGUSR2);
	KT_EXPECT_EQ(hits, 1);
	sigaction(SIGUSR2, NULL, &old);
	KT_EXPECT(old.sa_handler == SIG_DFL);
	set_info_handler(SIGUSR2, SA_NODEFER, 0);
	kill(getpid(), SIGUSR2);
	KT_EXPECT(!sigismember(&mask_in_handler, SIGUSR2));
	signal(SIGUSR2, SIG_DFL);
	return KT_PASS;
}

static int ignore_and_defaults(void)
{
	int status;

	signal(SIGUSR1, SIG_IGN);
	KT_EXPECT_EQ(kill(getpid(), SIGUSR1), 0);    /* nothing happens */
	signal(SIGUSR1, SIG_DFL);
	static const int kills[] = { SIGTERM, SIGUSR1, SIGHUP, SIGINT, SIGALRM };
	for (size_t i = 0; i < sizeof(kills) / sizeof(kills[0]); i++) {
		pid_t pid = fork();

		KT_ASSERT(pid >= 0);
		if (pid == 0) {
			kill(getpid(), kills[i]);
			_exit(0);
		}
		KT_EXPECT_EQ(waitpid(pid, &status, 0), pid);
		KT_EXPECT(killed_by(status, kills[i]));
	}
	static const int ignored[] = { SIGCHLD, SIGURG, SIGWINCH };
	for (size_t i = 0; i < sizeof(ignored) / sizeof(ignored[0]); i++) {
		pid_t pid = fork();

		KT_ASSERT(pid >= 0);
		if (pid == 0) {
			kill(getpid(), ignored[i]);
			_exit(0);
		}
		KT_EXPECT_EQ(waitpid(pid, &status, 0), pid);
		KT_EXPECT(exited_with(status, 0));
	}
	/* SIG_IGN survives execve, a handler does not (checked through /proc-free means: a child). */
	return KT_PASS;
}

static int sigaction_refuses(void)
{
	struct sigaction sa = { .sa_handler = count };

	KT_EXPECT_ERRNO(sigaction(SIGKILL, &sa, NULL), EINVAL);
	KT_EXPECT_ERRNO(sigaction(SIGSTOP, &sa, NULL), EINVAL);
	KT_EXPECT_ERRNO(sigaction(0, &sa, NULL), EINVAL);
	KT_EXPECT_ERRNO(sigaction(_NSIG, &sa, NULL), EINVAL);
	KT_EXPECT_EQ(sigaction(SIGKILL, NULL, &sa), 0);   /* reading is allowed */
	return KT_PASS;
}

/* A blocking read interrupted by a handler: restarted with SA_RESTART, else EINTR. */
static int restart_child(int flags)
{
	int p[2];
	char c;
	pid_t me, helper;
	ssize_t n;

	if (pipe(p) < 0)
		return 10;
	set_handler(SIGUSR1, count, flags);
	me = getpid();
	helper = fork();
	if (helper == 0) {
		sleep_ms(100);
		kill(me, SIGUSR1);
		sleep_ms(200);
		write(p[1], "r", 1);
		_exit(0);
	}
	hits = 0;
	n = read(p[0], &c, 1);
	waitpid(helper, NULL, 0);
	if (hits != 1)
		return 11;
	if (flags & SA_RESTART)
		return n == 1 && c == 'r' ? 0 : 12;
	return n == -1 && errno == EINTR ? 0 : 13;
}

static int restart_flag(void) { return restart_child(SA_RESTART); }
static int no_restart_flag(void) { return restart_child(0); }

static int sa_restart_vs_eintr(void)
{
	KT_EXPECT(exited_with(child_status(restart_flag), 0));
	KT_EXPECT(exited_with(child_status(no_restart_flag), 0));
	return KT_PASS;
}

static int altstack(void)
{
	static char stack[64 * 1024];
	stack_t ss = { .ss_sp = stack, .ss_size = sizeof(stack) }, old;

	KT_EXPECT_EQ(sigaltstack(&ss, &old), 0);
	set_info_handler(SIGUSR1, SA_ONSTACK, 0);
	handler_stack_addr = 0;
	kill(getpid(), SIGUSR1);
	KT_EXPECT(handler_stack_addr >= (uintptr_t)stack && handler_stack_addr < (uintptr_t)stack + sizeof(stack));
	set_info_handler(SIGUSR1, 0, 0);
	kill(getpid(), SIGUSR1);
	KT_EXPECT(!(handler_stack_addr >= (uintptr_t)stack && handler_stack_addr < (uintptr_t)stack + sizeof(stack)));
	ss.ss_flags = SS_DISABLE;
	KT_EXPECT_EQ(sigaltstack(&ss, NULL), 0);
	signal(SIGUSR1, SIG_DFL);
	return KT_PASS;
}

static int suspend(void)
{
	sigset_t block, empty, now;
	pid_t me = getpid(), helper;

	hits = 0;
	set_handler(SIGUSR1, count, 0);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigprocmask(SIG_BLOCK, &block, NULL);
	helper = fork();
	KT_ASSERT(helper >= 0);
	if (helper == 0) {
		sleep_ms(50);
		kill(me, SIGUSR1);
		_exit(0);
	}
	sigemptyset(&empty);
	KT_EXPECT_ERRNO(sigsuspend(&empty), EINTR);
	KT_EXPECT_EQ(hits, 1);
	sigprocmask(SIG_BLOCK, NULL, &now);
	KT_EXPECT(sigismember(&now, SIGUSR1));      /* the old mask is back */
	sigprocmask(SIG_UNBLOCK, &block, NULL);
	waitpid(helper, NULL, 0);
	signal(SIGUSR1, SIG_DFL);
	return KT_PASS;
}

#define V(n) (0x5a5a000000000000ull + (n))

static int check_probe(int nvals, int is_sync)
{
	int bad = 0;

	for (int i = 0; i < nvals; i++)
		if (probe_out[i] != V(i + 1)) {
			kt_diag("register #%d: 0x%llx, expected 0x%llx", i,
				(unsigned long long)probe_out[i], (unsigned long long)V(i + 1));
			bad = 1;
		}
	(void)is_sync;
	return bad;
}

static int sigreturn_restores_registers_sync(void)
{
	hits = 0;
	set_handler(SIGUSR1, clobber, 0);
	memset(probe_out, 0, sizeof(probe_out));
	probe_sync(getpid(), SIGUSR1);
	KT_EXPECT_EQ(hits, 1);
#if defined(__x86_64__)
	KT_EXPECT(!check_probe(13, 1));
	KT_EXPECT_EQ(probe_out[13], 0);           /* rax: kill's return value */
	KT_EXPECT_EQ(probe_out[14], getpid());    /* rdi */
	KT_EXPECT_EQ(probe_out[15], SIGUSR1);     /* rsi */
#else
	KT_EXPECT(!check_probe(27, 1));
	KT_EXPECT_EQ(probe_out[27], 0);           /* a0: kill's return value */
	KT_EXPECT_EQ(probe_out[28], SIGUSR1);     /* a1 */
	KT_EXPECT_EQ(probe_out[29], 129);         /* a7 */
#endif
	signal(SIGUSR1, SIG_DFL);
	return KT_PASS;
}

static int sigreturn_restores_registers_async(void)
{
	pid_t me = getpid(), helper;

	hits = 0;
	flag = 0;
	set_handler(SIGUSR1, clobber, 0);
	memset(probe_out, 0, sizeof(probe_out));
	helper = fork();
	KT_ASSERT(helper >= 0);
	if (helper == 0) {
		sleep_ms(50);
		kill(me, SIGUSR1);
		_exit(0);
	}
	probe_async(&flag);            /* spins until the handler ran */
	waitpid(helper, NULL, 0);
	KT_EXPECT_EQ(hits, 1);
#if defined(__x86_64__)
	KT_EXPECT(!check_probe(17, 0));
	KT_EXPECT_EQ(probe_out[17], (uintptr_t)&flag);
#else
	KT_EXPECT(!check_probe(27, 0));
	KT_EXPECT_EQ(probe_out[27], (uintptr_t)&flag);
	KT_EXPECT_EQ(probe_out[29], V(28));
#endif
	signal(SIGUSR1, SIG_DFL);
	return KT_PASS;
}

static int bad_sigreturn(void)
{
	syscall(SYS_rt_sigreturn);     /* no frame on the stack: garbage */
	return 0;
}

static int sigreturn_without_frame(void)
{
	/* Linux forces SIGSEGV when the frame cannot be read or is invalid. */
	int status = child_status(bad_sigreturn);

	KT_EXPECT(WIFSIGNALED(status));
	if (WIFSIGNALED(status))
		kt_diag("killed by signal %d", WTERMSIG(status));
	return KT_PASS;
}

static const struct kt_case cases[] = {
	KT_CASE(handler_and_siginfo),
	KT_CASE(mask_and_pending),
	KT_CASE(rt_signals_queue),
	KT_CASE(resethand_and_nodefer),
	KT_CASE(ignore_and_defaults),
	KT_CASE(sigaction_refuses),
	KT_CASE(sa_restart_vs_eintr),
	KT_CASE(altstack),
	KT_CASE(suspend),
	KT_CASE(sigreturn_restores_registers_sync),
	KT_CASE(sigreturn_restores_registers_async),
	KT_CASE(sigreturn_without_frame),
};

int main(void)
{
	return KT_RUN("signal", cases);
}
