// SPDX-License-Identifier: Apache-2.0
/*
 * A system-call fuzzer: from a fixed seed, at least 100,000 calls (-n N,
 * -s SEED) with random arguments drawn per argument kind (descriptors,
 * pointers: NULL, unmapped, kernel half, PROT_NONE, running off a mapping,
 * random; lengths, flags, paths, signals...) in a throwaway child. Call i's
 * arguments depend only on (seed, i), so a run repeats exactly.
 *
 * The calls are an allowlist: issue 6's system calls without those that
 * would take down the harness or the machine (reboot, exit, clone/fork,
 * sigsuspend/pause, sync) and with signals and limits aimed only at the
 * child itself (kill/tgkill/tkill/prlimit64/pidfd_open get the child's own
 * pid; F_SETOWN too). 2% of the calls use a number no kernel has and must
 * get ENOSYS. The child runs in a scratch directory; started as root (a
 * host), it also chroots there and becomes nobody, so nothing outside can
 * be touched. It writes the index of the call it is about to make to a
 * page shared with the parent: when it dies (it may unmap itself, jump
 * through a random signal handler, ...), or makes no progress for 1 s (-t
 * MS; a call that blocks, e.g. a read from a pipe it made itself), the parent kills it and starts a new child at the
 * next index. Afterwards the parent checks that the kernel still answers.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <ftw.h>
#include <grp.h>
#include <limits.h>
#include <stdint.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/utsname.h>

#include "ktap.h"
#include "util.h"

enum kind { K0, KMS, KFD, KPTR, KLEN, KINT, KFLAGS, KPATH, KSELF, KPID, KSIG, KMODE, KOFF, KADDR, KTIME, KFCNTL };

struct call {
	const char *name;
	long nr;
	unsigned char kind[6];
};

#define C(n, ...) { #n, SYS_##n, { __VA_ARGS__ } }

static const struct call calls[] = {
	C(read, KFD, KPTR, KLEN), C(write, KFD, KPTR, KLEN), C(readv, KFD, KPTR, KINT),
	C(writev, KFD, KPTR, KINT), C(pread64, KFD, KPTR, KLEN, KOFF), C(pwrite64, KFD, KPTR, KLEN, KOFF),
	C(lseek, KFD, KOFF, KINT), C(openat, KFD, KPATH, KFLAGS, KMODE), C(close, KFD),
	C(fstat, KFD, KPTR), C(newfstatat, KFD, KPATH, KPTR, KFLAGS), C(statx, KFD, KPATH, KFLAGS, KFLAGS, KPTR),
	C(getdents64, KFD, KPTR, KLEN), C(mkdirat, KFD, KPATH, KMODE), C(unlinkat, KFD, KPATH, KFLAGS),
	C(renameat2, KFD, KPATH, KFD, KPATH, KFLAGS), C(symlinkat, KPATH, KFD, KPATH),
	C(readlinkat, KFD, KPATH, KPTR, KLEN), C(linkat, KFD, KPATH, KFD, KPATH, KFLAGS),
	C(fchmodat, KFD, KPATH, KMODE), C(fchownat, KFD, KPATH, KINT, KINT, KFLAGS),
	C(utimensat, KFD, KPATH, KPTR, KFLAGS), C(faccessat, KFD, KPATH, KINT), C(chdir, KPATH),
	C(fchdir, KFD), C(getcwd, KPTR, KLEN), C(umask, KMODE), C(dup, KFD), C(dup3, KFD, KFD, KFLAGS),
	C(fcntl, KFD, KFCNTL, KINT), C(ioctl, KFD, KINT, KPTR), C(ftruncate, KFD, KOFF), C(truncate, KPATH, KOFF),
	C(fsync, KFD), C(statfs, KPATH, KPTR), C(fstatfs, KFD, KPTR), C(ppoll, KPTR, KINT, KTIME, KPTR, KLEN),
	C(pselect6, KINT, KPTR, KPTR, KPTR, KTIME, KPTR), C(pipe2, KPTR, KFLAGS),
	C(mount, KPATH, KPATH, KPATH, KFLAGS, KPTR), C(umount2, KPATH, KFLAGS),
	C(mmap, KADDR, KLEN, KINT, KFLAGS, KFD, KOFF), C(munmap, KADDR, KLEN), C(mprotect, KADDR, KLEN, KINT),
	C(brk, KADDR), C(mremap, KADDR, KLEN, KLEN, KFLAGS, KADDR), C(madvise, KADDR, KLEN, KINT),
	C(mincore, KADDR, KLEN, KPTR), C(wait4, KPID, KPTR, KFLAGS, KPTR), C(waitid, KINT, KPID, KPTR, KFLAGS, KPTR),
	C(getpid), C(getppid), C(gettid), C(getuid), C(geteuid), C(getgid), C(getegid),
	C(set_tid_address, KPTR), C(setpgid, KPID, KPID), C(getpgid, KPID), C(setsid), C(getsid, KPID),
	C(kill, KSELF, KSIG), C(tgkill, KSELF, KSELF, KSIG), C(tkill, KSELF, KSIG),
	C(rt_sigaction, KSIG, KPTR, KPTR, KLEN), C(rt_sigprocmask, KINT, KPTR, KPTR, KLEN),
	C(rt_sigpending, KPTR, KLEN), C(sigaltstack, KPTR, KPTR),
#ifdef SYS_pidfd_open
	C(pidfd_open, KSELF, KFLAGS), C(pidfd_send_signal, KFD, KSIG, KPTR, KFLAGS),
#endif
	C(uname, KPTR), C(nanosleep, KTIME, KPTR), C(clock_nanosleep, KINT, KFLAGS, KTIME, KPTR),
	C(clock_gettime, KINT, KPTR), C(gettimeofday, KPTR, KPTR), C(clock_getres, KINT, KPTR),
	C(sched_yield), C(getrandom, KPTR, KLEN, KFLAGS), C(prlimit64, KSELF, KINT, KPTR, KPTR),
	C(sysinfo, KPTR), C(times, KPTR), C(prctl, KINT, KPTR, KINT, KINT, KINT),
	C(execve, KPATH, KPTR, KPTR),
#ifdef __x86_64__
	C(open, KPATH, KFLAGS, KMODE), C(stat, KPATH, KPTR), C(lstat, KPATH, KPTR), C(access, KPATH, KINT),
	C(pipe, KPTR), C(dup2, KFD, KFD), C(arch_prctl, KINT, KPTR), C(poll, KPTR, KINT, KMS),
#endif
};
#define NCALLS (sizeof(calls) / sizeof(calls[0]))

struct shared {
	volatile long index;          /* the call about to be made */
	volatile int done;
	volatile long bad_enosys, bad_enosys_nr, bad_enosys_ret;
	volatile long setup_failed;
};

static struct shared *sh;
static uint64_t seed = 1;
static long ncalls = 100000;
static long stall_ms = 1000;
static long pg;
static char scratch[256];
static pid_t self;
static char *buf, *none, *edge_page;
static struct timespec *times_rw;
static char longname[400];

static uint64_t rng_state;

static uint64_t next(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static long pick(const long *pool, int n)
{
	return pool[next() % n];
}

static long ptr_arg(void)
{
	switch (next() % 12) {
	case 0: return 0;
	case 1: return (long)BAD_PTR;
	case 2: return (long)KERNEL_PTR;
	case 3: return (long)none;
	case 4: return (long)(edge_page + pg - 1 - next() % 64);
	case 5: return (long)(next());
	case 6: return (long)(next() & 0x7ffffffff000ull);
	case 7: return -1;
	default: return (long)(buf + next() % (60 * 1024));
	}
}

static long arg(int kind)
{
	static const char *paths[] = { "", ".", "a", "a/b", "b", "l", "f", "/", "/nonexistent/x", "a/./b", "l/x" };
	static const long lens[] = { 0, 1, 2, 7, 8, 16, 64, 100, 4095, 4096, 4097, 65536, 1 << 20, -1, LONG_MAX, 1l << 40 };
	static const long offs[] = { 0, 1, 4096, 8192, -1, -4096, LONG_MAX, 1l << 32, 1l << 40 };
	static const long fcntls[] = { F_DUPFD, F_GETFD, F_SETFD, F_GETFL, F_SETFL, F_GETLK, F_SETLK, F_SETLKW,
				       F_DUPFD_CLOEXEC, F_GETPIPE_SZ, F_SETPIPE_SZ, F_GETOWN, 1030, 1031, 1032, 999 };

	switch (kind) {
	case KFD:
		switch (next() % 6) {
		case 0: return -1;
		case 1: return (int)next();
		case 2: return AT_FDCWD;
		default: return next() % 12;
		}
	case KPTR:
		return ptr_arg();
	case KLEN:
		return next() % 3 ? lens[next() % (sizeof(lens) / sizeof(lens[0]))] : (long)(next() % 100000);
	case KINT:
		switch (next() % 5) {
		case 0: return (long)next();
		case 1: return (int)next();
		case 2: return -1;
		default: return next() % 32;
		}
	case KFLAGS:
		switch (next() % 4) {
		case 0: return 0;
		case 1: return 1l << (next() % 32);
		case 2: return (long)(next() & 0xffffffff);
		default: return (long)((1l << (next() % 32)) | (1l << (next() % 32)));
		}
	case KPATH:
		switch (next() % 10) {
		case 0: return ptr_arg();
		case 1: return (long)longname;
		default: return (long)paths[next() % (sizeof(paths) / sizeof(paths[0]))];
		}
	case KSELF:
		return self;
	case KPID:
		switch (next() % 4) {
		case 0: return 0;
		case 1: return self;
		case 2: return -1;
		default: return (int)next();
		}
	case KSIG:
		return next() % 70;
	case KMODE:
		return next() % 2 ? (long)(next() % 07777) : (long)next();
	case KOFF:
		return offs[next() % (sizeof(offs) / sizeof(offs[0]))];
	case KADDR:
		switch (next() % 6) {
		case 0: return 0;
		case 1: return (long)(next() & 0x7ffffffff000ull);
		case 2: return (long)(buf + (next() % 16) * pg);
		case 3: return (long)(next() % 2 ? none : edge_page);
		case 4: return (long)next();
		default: return (long)(buf + next() % 4096);
		}
	case KTIME:
		times_rw[0] = (struct timespec){ 0, 0 };
		times_rw[1] = (struct timespec){ 0, 1000 };
		times_rw[2] = (struct timespec){ 0, 2000000000 };
		times_rw[3] = (struct timespec){ -1, 0 };
		switch (next() % 6) {
		case 0: return (long)BAD_PTR;
		case 1: return (long)KERNEL_PTR;
		default: return (long)&times_rw[next() % 4];
		}
	case KMS:
		return next() % 3;     /* a poll timeout: never "forever" */
	case KFCNTL:
		return next() % 4 ? fcntls[next() % (sizeof(fcntls) / sizeof(fcntls[0]))] : (long)next();
	default:
		return (long)next();
	}
}

/* The call number i makes, and its arguments: from (seed, i) only. */
static const struct call *choose(long i, long a[6], long *nr)
{
	const struct call *c;

	rng_state = seed * 0x100000001b3ull ^ (uint64_t)i * 0x9e3779b97f4a7c15ull;
	next();
	if (next() % 50 == 0) {
		/* A number no kernel has: ENOSYS, and nothing else. */
		*nr = next() % 2 ? (long)(1000 + next() % 100000) : -(long)(1 + next() % 1000);
		for (int k = 0; k < 6; k++)
			a[k] = (long)next();
		return NULL;
	}
	c = &calls[next() % NCALLS];
	for (int k = 0; k < 6; k++)
		a[k] = arg(c->kind[k]);
	if (c->nr == SYS_mmap)
		a[3] &= ~(long)(MAP_POPULATE | MAP_LOCKED);   /* no memory taken for real */
	if (c->nr == SYS_fcntl && (a[1] == F_SETOWN || a[1] == F_SETSIG || a[1] == 15 /* F_SETOWN_EX */))
		a[1] = F_GETFD;      /* SIGIO to another process */
	if (c->nr == SYS_ioctl && (a[1] == 0x8901 || a[1] == 0x8902 || a[1] == 0x5410 /* TIOCSPGRP */))
		a[1] = 0x5421;       /* FIONBIO */
	*nr = c->nr;
	return c;
}

static void one_call(long i)
{
	long a[6], nr, r;
	const struct call *c = choose(i, a, &nr);

	errno = 0;
	r = syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
	if (!c && (r != -1 || errno != ENOSYS)) {
		sh->bad_enosys++;
		sh->bad_enosys_nr = nr;
		sh->bad_enosys_ret = r == -1 ? -errno : r;
	}
}

static void describe(long i, char *out, size_t len)
{
	long a[6], nr;
	const struct call *c;

	if (i < 0 || i >= ncalls) {
		snprintf(out, len, "?");
		return;
	}
	c = choose(i, a, &nr);
	snprintf(out, len, "%s(%#lx, %#lx, %#lx, %#lx, %#lx, %#lx)", c ? c->name : "unknown",
		 a[0], a[1], a[2], a[3], a[4], a[5]);
}

static void child_setup(void)
{
	struct rlimit as = { 256l << 20, 256l << 20 }, fsize = { 16 << 20, 16 << 20 };
	struct rlimit nofile = { 64, 64 }, core = { 0, 0 }, nproc = { 0, 0 };
	int null = open("/dev/null", O_RDWR), fd;
	int p[2];

	setpgid(0, 0);
	for (int k = 0; k < 3; k++)
		dup2(null, k);
	for (fd = 3; fd < 1024; fd++)
		close(fd);
	/* 3, 4: a pipe; 5: a file; 6: /dev/zero; 7: the directory; 8: a pidfd of itself */
	if (pipe2(p, O_NONBLOCK) < 0)
		sh->setup_failed = 1;
	open("f", O_RDWR | O_CREAT, 0644);
	open("/dev/zero", O_RDWR);
	open(".", O_RDONLY | O_DIRECTORY);
#ifdef SYS_pidfd_open
	syscall(SYS_pidfd_open, getpid(), 0);
#endif
	/*
	 * Signals it sends itself are ignored (rt_sigaction may change that);
	 * a real fault with its signal ignored still kills, as on Linux.
	 */
	for (int sig = 1; sig < 65; sig++)
		signal(sig, SIG_IGN);
	setrlimit(RLIMIT_CORE, &core);
	setrlimit(RLIMIT_FSIZE, &fsize);
	setrlimit(RLIMIT_NOFILE, &nofile);
	if (getuid() == 0 && chroot(".") == 0) {
		/* A host: keep every call inside the scratch directory, unprivileged. */
		chdir("/");
		if (setgroups(0, NULL) < 0 || setgid(65534) < 0 || setuid(65534) < 0) {
			sh->setup_failed = 2;
			_exit(99);
		}
		prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
	}
	setrlimit(RLIMIT_NPROC, &nproc);
	setrlimit(RLIMIT_AS, &as);
	self = getpid();
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_DP || flag == FTW_D)
		chmod(path, 0700), rmdir(path);
	else
		unlink(path);
	return 0;
}

/*
 * The page shared with the child sits between PROT_NONE guards, so a long
 * write the child makes into a neighbouring buffer stops at the guard
 * instead of running into it. The child could still remap or unprotect it:
 * the parent never trusts an index outside the range it expects.
 */
static struct shared *shared_page(void)
{
	char *g = mmap(NULL, 33 * pg, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (g == MAP_FAILED)
		return MAP_FAILED;
	return mmap(g + 16 * pg, pg, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
}

static long deaths, stalls, restarts, sig_deaths[65];

static int fuzz_calls(void)
{
	long start = 0;

	for (;;) {
		pid_t pid;
		int status;
		long last, idle = 0;

		sh->index = start;
		sh->done = 0;
		pid = fork();
		KT_ASSERT(pid >= 0);
		if (pid == 0) {
			child_setup();
			for (long i = start; i < ncalls; i++) {
				sh->index = i;
				one_call(i);
			}
			sh->index = ncalls;
			sh->done = 1;
			_exit(0);
		}
		restarts++;
		last = sh->index;
		for (;;) {
			pid_t r = waitpid(pid, &status, WNOHANG | WUNTRACED);
			long now = sh->index;

			if (r == pid && WIFSTOPPED(status)) {
				kill(pid, SIGCONT);            /* it sent itself SIGSTOP */
				continue;
			}
			if (r == pid)
				break;
			if (now != last && now >= last && now <= ncalls) {
				last = now;
				idle = 0;
			} else if (++idle > stall_ms) {         /* no progress: a call that blocks */
				char d[200];

				describe(now, d, sizeof(d));
				if (stalls < 5)
					kt_diag("call %ld %s made no progress for %ld ms: killed", now, d, stall_ms);
				kill(pid, SIGKILL);
				stalls++;
				idle = 0;
			}
			sleep_ms(1);
		}
		if (sh->setup_failed == 1 || sh->setup_failed == 2) {
			kt_diag("the child could not be set up (%ld)", (long)sh->setup_failed);
			return KT_FAIL;
		}
		if (sh->done == 1 && sh->index == ncalls)
			break;
		deaths++;
		if (WIFSIGNALED(status) && WTERMSIG(status) < 65)
			sig_deaths[WTERMSIG(status)]++;
		if (deaths <= 5) {
			char d[200];

			describe(sh->index, d, sizeof(d));
			kt_diag("call %ld %s ended the child (status %#x)", (long)sh->index, d, status);
		}
		/* an index the child scribbled on: go on after the last good one */
		start = (sh->index >= last && sh->index <= ncalls ? sh->index : last) + 1;
		if (start >= ncalls)
			break;
		if (restarts > ncalls / 4) {
			kt_diag("the child died %ld times: the harness does not work here", deaths);
			return KT_FAIL;
		}
	}
	kt_diag("%ld calls from seed %llu over %ld children: %ld deaths (SIGSEGV %ld, SIGBUS %ld, SIGKILL %ld, "
		"other %ld), %ld stalls killed", ncalls, (unsigned long long)seed, restarts, deaths,
		sig_deaths[SIGSEGV], sig_deaths[SIGBUS], sig_deaths[SIGKILL],
		deaths - sig_deaths[SIGSEGV] - sig_deaths[SIGBUS] - sig_deaths[SIGKILL], stalls);
	return KT_PASS;
}

static int unknown_numbers_enosys(void)
{
	if (sh->bad_enosys > 0 && sh->bad_enosys <= ncalls && sh->bad_enosys_nr != 0) {
		kt_diag("%ld calls of unknown numbers did not fail with ENOSYS, e.g. %ld -> %ld",
			(long)sh->bad_enosys, (long)sh->bad_enosys_nr, (long)sh->bad_enosys_ret);
		return KT_FAIL;
	}
	KT_EXPECT_ERRNO(syscall(100000), ENOSYS);
	KT_EXPECT_ERRNO(syscall(-1), ENOSYS);
	/* (x86_64 takes the number as an int: 1 << 40 would be read(2), not unknown) */
	return KT_PASS;
}

static int kernel_still_answers(void)
{
	int p[2], status;
	char c = 0;
	struct utsname u;
	long long t0 = now_ns();

	KT_EXPECT(getpid() > 0);
	KT_EXPECT_EQ(uname(&u), 0);
	pid_t pid = fork();
	KT_ASSERT(pid >= 0);
	if (pid == 0)
		_exit(42);
	KT_EXPECT_EQ(waitpid(pid, &status, 0), pid);
	KT_EXPECT(exited_with(status, 42));
	KT_ASSERT(pipe(p) == 0);
	KT_EXPECT_EQ(write(p[1], "k", 1), 1);
	KT_EXPECT_EQ(read(p[0], &c, 1), 1);
	KT_EXPECT_EQ(c, 'k');
	close(p[0]);
	close(p[1]);
	char *m = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	KT_ASSERT(m != MAP_FAILED);
	memset(m, 1, 1 << 20);
	KT_EXPECT_EQ(munmap(m, 1 << 20), 0);
	int fd = open("/dev/zero", O_RDONLY);
	KT_EXPECT(fd >= 0 && read(fd, &c, 1) == 1 && c == 0);
	close(fd);
	sleep_ms(10);
	KT_EXPECT(now_ns() - t0 >= 10000000);
	return KT_PASS;
}

static const struct kt_case cases[] = {
	KT_CASE(fuzz_calls),
	KT_CASE(unknown_numbers_enosys),
	KT_CASE(kernel_still_answers),
};

int main(int argc, char **argv)
{
	int opt, r;

	while ((opt = getopt(argc, argv, "n:s:t:")) != -1) {
		if (opt == 'n')
			ncalls = atol(optarg);
		else if (opt == 't')
			stall_ms = atol(optarg);
		else if (opt == 's')
			seed = strtoull(optarg, NULL, 0);
	}
	pg = sysconf(_SC_PAGESIZE);
	sh = shared_page();
	buf = mmap(NULL, 64 * 1024, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	none = mmap(NULL, pg, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	times_rw = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	edge_page = page_before_hole();
	if (sh == MAP_FAILED || buf == MAP_FAILED || none == MAP_FAILED || times_rw == MAP_FAILED || !edge_page ||
	    enter_scratch_dir(scratch, sizeof(scratch)) < 0) {
		printf("# set-up failed: %s\n", strerror(errno));
		return 1;
	}
	rng_state = seed;
	for (size_t k = 0; k < 64 * 1024; k += 8)
		*(uint64_t *)(buf + k) = next();
	memset(longname, 'x', sizeof(longname) - 1);
	if (getuid() == 0)
		chown(scratch, 65534, 65534);
	printf("# ut-fuzz: seed %llu, %ld calls, %zu system calls in the list\n",
	       (unsigned long long)seed, ncalls, NCALLS);
	r = KT_RUN("fuzz", cases);
	chdir("/");
	nftw(scratch, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	return r;
}
