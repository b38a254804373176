// SPDX-License-Identifier: Apache-2.0
/*
 * Host test of proc_logic.c (ASan + UBSan): the pid map (cyclic
 * allocation, wrap to RESERVED_PIDS, exhaustion, reserve/free), the
 * default action of every signal against signal(7), the order pending
 * signals are taken in, the sigprocmask arithmetic (SIGKILL/SIGSTOP never
 * blocked, a bad `how`), and wait statuses against the values glibc's
 * <sys/wait.h> macros decode (W* evaluated here on the raw numbers).
 */
#define TESSERA_SIGNAL_UAPI_ONLY
#include <tessera/testing/check.h>
/* <stdlib.h> (check.h) brings glibc's wait flags: the kernel's are the same numbers. */
#undef WNOHANG
#undef WUNTRACED
#undef WSTOPPED
#undef WEXITED
#undef WCONTINUED
#undef WNOWAIT
#undef __WNOTHREAD
#undef __WALL
#undef __WCLONE

#include "../proc_logic.c"

static struct pidmap map;

static void test_pidmap(void)
{
	int i, pid;

	pidmap_init(&map);
	CHECK(pidmap_used(&map, 0));
	CHECK(pidmap_alloc(&map) == 1);
	CHECK(pidmap_alloc(&map) == 2);
	CHECK(pidmap_reserve(&map, 3) == 0);
	CHECK(pidmap_reserve(&map, 3) == -EEXIST);
	CHECK(pidmap_reserve(&map, 0) == -EINVAL);
	CHECK(pidmap_reserve(&map, PID_MAX) == -EINVAL);
	CHECK(pidmap_alloc(&map) == 4);                 /* 3 skipped */
	pidmap_free(&map, 2);
	CHECK(!pidmap_used(&map, 2));
	CHECK(pidmap_alloc(&map) == 5);                 /* cyclic: not the freed 2 */
	pidmap_free(&map, 2);                           /* twice: ignored */
	pidmap_free(&map, -1);
	pidmap_free(&map, PID_MAX + 5);

	/* Fill to the top, then wrap: the next is RESERVED_PIDS, not a low pid. */
	for (pid = pidmap_alloc(&map); pid > 0 && pid < PID_MAX - 1; pid = pidmap_alloc(&map))
		;
	CHECK(pid == PID_MAX - 1);
	pidmap_free(&map, 100);
	pidmap_free(&map, 400);
	CHECK(pidmap_alloc(&map) == 400);
	CHECK(pidmap_alloc(&map) == 2);                 /* only low ones left: lowest first */
	CHECK(pidmap_alloc(&map) == 100);
	CHECK(pidmap_alloc(&map) == -EAGAIN);
	CHECK(map.nr_free == 0);
	for (i = 1; i < PID_MAX; i++)
		pidmap_free(&map, i);
	CHECK(map.nr_free == PID_MAX - 1);
	CHECK(pidmap_alloc(&map) == 101);               /* cyclic from the last one given */
}

static void test_pidmap_random(void)
{
	static unsigned char used[PID_MAX];
	int i, n = 0;

	pidmap_init(&map);
	rng_seed(42);
	for (i = 0; i < 200000; i++) {
		if (rng_below(3) && n < PID_MAX - 1) {
			int pid = pidmap_alloc(&map);

			if (!CHECKF(pid > 0 && pid < PID_MAX && !used[pid], "alloc %d", pid))
				return;
			used[pid] = 1;
			n++;
		} else {
			int pid = 1 + (int)rng_below(PID_MAX - 1);

			if (used[pid]) {
				pidmap_free(&map, pid);
				used[pid] = 0;
				n--;
			}
		}
		if (!CHECK(map.nr_free == PID_MAX - 1 - n))
			return;
	}
}

static void test_signals(void)
{
	static const int term[] = { SIGHUP, SIGINT, SIGKILL, SIGUSR1, SIGUSR2, SIGPIPE, SIGALRM,
				    SIGTERM, SIGSTKFLT, SIGVTALRM, SIGPROF, SIGIO, SIGPWR, 32, 40, 64 };
	static const int core[] = { SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSEGV,
				    SIGXCPU, SIGXFSZ, SIGSYS };
	static const int ign[] = { SIGCHLD, SIGURG, SIGWINCH };
	static const int stop[] = { SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU };
	unsigned int i;
	u64 m = 0;

	for (i = 0; i < sizeof(term) / sizeof(term[0]); i++)
		CHECKF(sig_default_action(term[i]) == SIG_DFL_TERM, "sig %d", term[i]);
	for (i = 0; i < sizeof(core) / sizeof(core[0]); i++)
		CHECKF(sig_default_action(core[i]) == SIG_DFL_CORE, "sig %d", core[i]);
	for (i = 0; i < sizeof(ign) / sizeof(ign[0]); i++)
		CHECKF(sig_default_action(ign[i]) == SIG_DFL_IGN, "sig %d", ign[i]);
	for (i = 0; i < sizeof(stop) / sizeof(stop[0]); i++)
		CHECKF(sig_default_action(stop[i]) == SIG_DFL_STOP, "sig %d", stop[i]);
	CHECK(sig_default_action(SIGCONT) == SIG_DFL_CONT);
	CHECK(valid_signal(1) && valid_signal(64) && !valid_signal(0) && !valid_signal(65));

	CHECK(next_signal(0, 0) == 0);
	CHECK(next_signal(sigmask(SIGTERM) | sigmask(SIGINT), 0) == SIGINT);
	CHECK(next_signal(sigmask(SIGTERM) | sigmask(SIGINT), sigmask(SIGINT)) == SIGTERM);
	CHECK(next_signal(sigmask(SIGINT) | sigmask(SIGSEGV), 0) == SIGSEGV);  /* synchronous first */
	CHECK(next_signal(sigmask(64), 0) == 64);
	CHECK(next_signal(sigmask(64), sigmask(64)) == 0);

	CHECK(sigprocmask_apply(SIG_BLOCK, sigmask(SIGINT), sigmask(SIGKILL) | sigmask(SIGTERM), &m) == 0);
	CHECK(m == (sigmask(SIGINT) | sigmask(SIGTERM)));
	CHECK(sigprocmask_apply(SIG_UNBLOCK, m, sigmask(SIGINT), &m) == 0);
	CHECK(m == sigmask(SIGTERM));
	CHECK(sigprocmask_apply(SIG_SETMASK, m, ~0ULL, &m) == 0);
	CHECK(m == ~(sigmask(SIGKILL) | sigmask(SIGSTOP)));
	CHECK(sigprocmask_apply(3, 0, 0, &m) == -EINVAL);
	CHECK(sigprocmask_apply(-1, 0, 0, &m) == -EINVAL);
}

/* glibc's decoding of a wait status (bits/waitstatus.h), written out here. */
#define H_WEXITSTATUS(s) (((s) & 0xff00) >> 8)
#define H_WTERMSIG(s)    ((s) & 0x7f)
#define H_WIFEXITED(s)   (H_WTERMSIG(s) == 0)
#define H_WIFSIGNALED(s) (((signed char)(((s) & 0x7f) + 1) >> 1) > 0)
#define H_WIFSTOPPED(s)  (((s) & 0xff) == 0x7f)
#define H_WCOREDUMP(s)   ((s) & 0x80)
#define H_WIFCONTINUED(s) ((s) == 0xffff)

static void test_wstatus(void)
{
	int code, st, i;

	for (i = 0; i < 256; i++) {
		int s = wstatus_exited(i);

		CHECKF(H_WIFEXITED(s) && H_WEXITSTATUS(s) == i && !H_WIFSIGNALED(s), "exit %d", i);
		wstatus_to_cld(s, &code, &st);
		CHECK(code == CLD_EXITED && st == i);
	}
	CHECK(wstatus_exited(256 + 3) == wstatus_exited(3));            /* exit(259) is 3 */
	for (i = 1; i < 65; i++) {
		int s = wstatus_signaled(i, false), c = wstatus_signaled(i, true);

		CHECKF(H_WIFSIGNALED(s) && H_WTERMSIG(s) == i && !H_WCOREDUMP(s), "sig %d", i);
		CHECK(H_WIFSIGNALED(c) && H_WCOREDUMP(c));
		wstatus_to_cld(s, &code, &st);
		CHECK(code == CLD_KILLED && st == i);
		wstatus_to_cld(c, &code, &st);
		CHECK(code == CLD_DUMPED && st == i);
	}
	CHECK(H_WIFSTOPPED(wstatus_stopped(SIGTSTP)) && !H_WIFSIGNALED(wstatus_stopped(SIGTSTP)));
	CHECK(H_WEXITSTATUS(wstatus_stopped(SIGTSTP)) == SIGTSTP);     /* WSTOPSIG */
	wstatus_to_cld(wstatus_stopped(SIGSTOP), &code, &st);
	CHECK(code == CLD_STOPPED && st == SIGSTOP);
	st = WSTATUS_CONTINUED;
	CHECK(H_WIFCONTINUED(st) && !H_WIFSTOPPED(st) && !H_WIFEXITED(st));
	wstatus_to_cld(WSTATUS_CONTINUED, &code, &st);
	CHECK(code == CLD_CONTINUED && st == SIGCONT);
}

int main(void)
{
	test_pidmap();
	test_pidmap_random();
	test_signals();
	test_wstatus();
	return check_summary("proc_logic");
}
