/* SPDX-License-Identifier: Apache-2.0 */
/* Helpers shared by the user tests: children, statuses, bad pointers. */
#ifndef TESSERA_USER_UTIL_H
#define TESSERA_USER_UTIL_H

#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* A user address nothing is mapped at (the first page). */
#define BAD_PTR ((void *)8)
/* An address in the kernel's half: user access must fail with EFAULT. */
#if defined(__x86_64__)
#define KERNEL_PTR ((void *)0xffff888000001000ul)
#elif defined(__riscv)
#define KERNEL_PTR ((void *)0xffffffd800001000ul)
#else
#error "unknown architecture"
#endif

/* Run fn() in a child that exits with its return value; the wait status. */
static inline int child_status(int (*fn)(void))
{
	pid_t pid = fork();
	int status = -1;

	if (pid == 0)
		_exit(fn());
	if (pid < 0)
		return -1;
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR)
			return -1;
	}
	return status;
}

static inline int killed_by(int status, int sig)
{
	return status != -1 && WIFSIGNALED(status) && WTERMSIG(status) == sig;
}

static inline int exited_with(int status, int code)
{
	return status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == code;
}

static inline long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ll + ts.tv_nsec;
}

static inline void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000l };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* A page with nothing accessible after it: p + page - n is n valid bytes. */
static inline char *page_before_hole(void)
{
	long pg = sysconf(_SC_PAGESIZE);
	char *p = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return NULL;
	munmap(p + pg, pg);
	return p;
}

/* A scratch directory for files, made and entered: /tmp or $TMPDIR. */
static inline int enter_scratch_dir(char *path, size_t len)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(path, len, "%s/tessera-ut.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(path))
		return -1;
	return chdir(path);
}

#endif
