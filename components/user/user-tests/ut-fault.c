// SPDX-License-Identifier: Apache-2.0
/*
 * Programs that fault: each bad access runs in a child, which must die of
 * the signal Linux sends (the parent sees it in the wait status and goes
 * on); a SIGSEGV handler gets si_addr and si_code and can leave with
 * siglongjmp.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdint.h>
#include <sys/resource.h>

#include "ktap.h"
#include "util.h"

static volatile int *volatile low_ptr = (int *)16;
static int null_write(void) { *(volatile int *)(low_ptr - 4) = 1; return 0; }
static int null_read(void) { return *low_ptr; }
static int kernel_read(void) { return *(volatile char *)KERNEL_PTR; }
static int kernel_write(void) { *(volatile char *)KERNEL_PTR = 1; return 0; }
static const char rodata[] = "read only";
static int rodata_write(void) { *(volatile char *)rodata = 'R'; return 0; }

static int jump_to_stack(void)
{
	volatile unsigned char code[16] = { 0xc3 };   /* x86 ret; not code on riscv either */

	((void (*)(void))code)();
	return 0;
}

static int jump_to_null(void)
{
	void (*volatile fn)(void) = NULL;

	fn();
	return 0;
}

static int illegal_instruction(void)
{
#if defined(__x86_64__)
	__asm__ volatile("ud2");
#else
	__asm__ volatile(".word 0");
#endif
	return 0;
}

static int do_abort(void) { abort(); }

static volatile int recurse_limit = 1 << 20;     /* 4 GiB of frames: never reached */

static int recurse(int n)
{
	volatile char pad[4096];

	pad[0] = (char)n;
	if (n > recurse_limit)
		return 0;
	return recurse(n + 1) + pad[0];
}

static int stack_overflow(void)
{
	struct rlimit rl = { 8 << 20, 8 << 20 };

	setrlimit(RLIMIT_STACK, &rl);
	recurse(0);
	return 3;
}

static int div_zero(void)
{
	volatile int a = 1, b = 0;

	return a / b;
}

static int expect_signal(int (*fn)(void), int sig, const char *what)
{
	int status = child_status(fn);

	if (!killed_by(status, sig)) {
		if (WIFSIGNALED(status))
			kt_diag("%s: killed by signal %d, Linux sends %d", what, WTERMSIG(status), sig);
		else
			kt_diag("%s: wait status %#x, expected death by signal %d", what, status, sig);
		return 1;
	}
	return 0;
}

#define EXPECT_SIGNAL(fn, sig) do { if (expect_signal(fn, sig, #fn)) kt_case_failed = 1; } while (0)

static int segv_bad_addresses(void)
{
	EXPECT_SIGNAL(null_write, SIGSEGV);
	EXPECT_SIGNAL(null_read, SIGSEGV);
	EXPECT_SIGNAL(kernel_read, SIGSEGV);
	EXPECT_SIGNAL(kernel_write, SIGSEGV);
	EXPECT_SIGNAL(rodata_write, SIGSEGV);
	return KT_PASS;
}

static int segv_bad_jumps(void)
{
	EXPECT_SIGNAL(jump_to_stack, SIGSEGV);
	EXPECT_SIGNAL(jump_to_null, SIGSEGV);
	return KT_PASS;
}

static int sigill(void)
{
	EXPECT_SIGNAL(illegal_instruction, SIGILL);
	return KT_PASS;
}

static int sigabrt(void)
{
	EXPECT_SIGNAL(do_abort, SIGABRT);
	return KT_PASS;
}

static int stack_overflow_segv(void)
{
	EXPECT_SIGNAL(stack_overflow, SIGSEGV);
	return KT_PASS;
}

static int sigfpe(void)
{
#if defined(__x86_64__)
	EXPECT_SIGNAL(div_zero, SIGFPE);
	return KT_PASS;
#else
	(void)div_zero;
	return kt_skip("RISC-V division by zero does not trap");
#endif
}

static sigjmp_buf env;
static volatile uintptr_t fault_addr;
static volatile int fault_code, fault_sig;

static void on_fault(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	fault_sig = sig;
	fault_addr = (uintptr_t)si->si_addr;
	fault_code = si->si_code;
	siglongjmp(env, 1);
}

static int handler_sees_fault(void)
{
	struct sigaction sa = { .sa_sigaction = on_fault, .sa_flags = SA_SIGINFO };
	long pg = sysconf(_SC_PAGESIZE);
	char *ro = mmap(NULL, pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	volatile char *target;

	KT_ASSERT(ro != MAP_FAILED);
	sigaction(SIGSEGV, &sa, NULL);
	target = (char *)0x1008;
	if (!sigsetjmp(env, 1))
		*target = 1;
	KT_EXPECT_EQ(fault_sig, SIGSEGV);
	KT_EXPECT_EQ(fault_addr, 0x1008);
	KT_EXPECT_EQ(fault_code, SEGV_MAPERR);
	target = ro + 24;
	fault_sig = 0;
	if (!sigsetjmp(env, 1))
		*target = 1;
	KT_EXPECT_EQ(fault_sig, SIGSEGV);
	KT_EXPECT_EQ(fault_addr, (uintptr_t)(ro + 24));
	KT_EXPECT_EQ(fault_code, SEGV_ACCERR);
	/* Twice in a row: the mask was restored by siglongjmp. */
	fault_sig = 0;
	if (!sigsetjmp(env, 1))
		*target = 2;
	KT_EXPECT_EQ(fault_sig, SIGSEGV);
	signal(SIGSEGV, SIG_DFL);
	munmap(ro, pg);
	return KT_PASS;
}

static int blocked_segv_still_kills(void)
{
	/* A fault with SIGSEGV blocked: Linux forces the default action. */
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGSEGV);
	sigprocmask(SIG_BLOCK, &set, NULL);
	*low_ptr = 0;
	return 0;
}

static int blocked_fault(void)
{
	EXPECT_SIGNAL(blocked_segv_still_kills, SIGSEGV);
	return KT_PASS;
}

static int parent_still_fine(void)
{
	/* After all those deaths: this process works, and so does a new child. */
	int status = child_status(null_write);

	KT_EXPECT(killed_by(status, SIGSEGV));
	pid_t pid = fork();
	KT_ASSERT(pid >= 0);
	if (pid == 0)
		_exit(0);
	KT_EXPECT_EQ(waitpid(pid, &status, 0), pid);
	KT_EXPECT(exited_with(status, 0));
	return KT_PASS;
}

static const struct kt_case cases[] = {
	KT_CASE(segv_bad_addresses),
	KT_CASE(segv_bad_jumps),
	KT_CASE(sigill),
	KT_CASE(sigabrt),
	KT_CASE(stack_overflow_segv),
	KT_CASE(sigfpe),
	KT_CASE(handler_sees_fault),
	KT_CASE(blocked_fault),
	KT_CASE(parent_still_fine),
};

int main(void)
{
	/* No core files from the children that die on purpose. */
	struct rlimit rl = { 0, 0 };

	setrlimit(RLIMIT_CORE, &rl);
	return KT_RUN("fault", cases);
}
