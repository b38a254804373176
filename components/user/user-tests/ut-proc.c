// SPDX-License-Identifier: Apache-2.0
/* Processes: fork, exec, exit, wait (exit codes, WNOHANG, zombies, vfork). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/auxv.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include "ktap.h"
#include "util.h"

static char self[4096];     /* this program's path, for the exec cases */
static char scratch[256];

static int fork_returns_twice(void)
{
	pid_t parent = getpid();
	int fds[2];
	pid_t pid, seen[2] = { 0, 0 };

	KT_ASSERT(pipe(fds) == 0);
	pid = fork();
	KT_ASSERT(pid >= 0);
	if (pid == 0) {
		pid_t me[2] = { getpid(), getppid() };

		write(fds[1], me, sizeof(me));
		_exit(0);
	}
	KT_EXPECT(pid != parent);
	KT_EXPECT_EQ(read(fds[0], seen, sizeof(seen)), sizeof(seen));
	KT_EXPECT_EQ(seen[0], pid);
	KT_EXPECT_EQ(seen[1], parent);
	KT_EXPECT_EQ(getpid(), parent);
	KT_EXPECT_EQ(waitpid(pid, NULL, 0), pid);
	close(fds[0]);
	close(fds[1]);
	return KT_PASS;
}

static int exit_codes(void)
{
	static const int codes[] = { 0, 1, 42, 127, 255, 256, 257 };

	for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		int status;
		pid_t pid = fork();

		KT_ASSERT(pid >= 0);
		if (pid == 0)
			_exit(codes[i]);
		KT_EXPECT_EQ(waitpid(pid, &status, 0), pid);
		KT_EXPECT(WIFEXITED(status));
		KT_EXPECT_EQ(WEXITSTATUS(status), codes[i] & 0xff);
	}
	return KT_PASS;
}

static int exit_group_status(void)
{
	int status;
	pid_t pid = fork();

	KT_ASSERT(pid >= 0);
	if (pid == 0)
		syscall(SYS_exit_group, 77);
	KT_EXPECT_EQ(wait4(pid, &status, 0, NULL), pid);
	KT_EXPECT(exited_with(status, 77));
	return KT_PASS;
}

static int wnohang(void)
{
	int fds[2], status;
	char c = 'x';
	pid_t pid;

	KT_EXPECT_ERRNO(waitpid(-1, NULL, WNOHANG), ECHILD);
	KT_ASSERT(pipe(fds) == 0);
	pid = fork();
	KT_ASSERT(pid >= 0);
	if (pid == 0) {
		close(fds[1]);
		_exit(read(fds[0], &c, 1) == 1 ? 5 : 6);
	}
	close(fds[0]);
	KT_EXPECT_EQ(waitpid(pid, &status, WNOHANG), 0);   /* still running */
	KT_EXPECT_EQ(write(fds[1], &c, 1), 1);
	KT_EXPECT_EQ(waitpid(pid, &status, 0), pid);
	KT_EXPECT(exited_with(status, 5));
	KT_EXPECT_ERRNO(waitpid(pid, NULL, WNOHANG), ECHILD);
	close(fds[1]);
	return KT_PASS;
}

static int zombie_until_waited(void)
{
	int fds[2], status;
	char c, path[64], buf[256];
	pid_t pid;

	KT_ASSERT(pipe(fds) == 0);
	pid = fork();
	KT_ASSERT(pid >= 0);
	if (pid == 0)
		_exit(3);                         /* closes the write end */
	close(fds[1]);
	/* The child has exited once a wait with WNOWAIT sees it. */
	siginfo_t si = { 0 };
	KT_EXPECT_EQ(waitid(P_PID, pid, &si, WEXITED | WNOWAIT), 0);
	KT_EXPECT_EQ(si.si_pid, pid);
	KT_EXPECT_EQ(si.si_code, CLD_EXITED);
	KT_EXPECT_EQ(si.si_status, 3);
	KT_EXPECT_EQ(kill(pid, 0), 0);            /* a zombie still has its pid */
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	int fd = open(path, O_RDONLY);
	if (fd >= 0) {
		ssize_t n = read(fd, buf, sizeof(buf) - 1);
		char *rp;

		buf[n > 0 ? n : 0] = 0;
		rp = strrchr(buf, ')');
		KT_EXPECT(rp && rp[1] == ' ' && rp[2] == 'Z');
		close(fd);
	}
	KT_EXPECT_EQ(waitpid(pid, &status, 0), pid);
	KT_EXPECT(exited_with(status, 3));
	KT_EXPECT_ERRNO(kill(pid, 0), ESRCH);     /* reaped */
	(void)read(fds[0], &c, 1);
	close(fds[0]);
	return KT_PASS;
}

static int wait_any_child(void)
{
	pid_t pids[4];
	int seen = 0;

	for (int i = 0; i < 4; i++) {
		pids[i] = fork();
		KT_ASSERT(pids[i] >= 0);
		if (pids[i] == 0) {
			sleep_ms(10 * (4 - i));
			_exit(10 + i);
		}
	}
	for (int n = 0; n < 4; n++) {
		int status;
		pid_t r = wait(&status);

		KT_ASSERT(r > 0);
		for (int i = 0; i < 4; i++)
			if (pids[i] == r) {
				KT_EXPECT(exited_with(status, 10 + i));
				seen |= 1 << i;
			}
	}
	KT_EXPECT_EQ(seen, 0xf);
	KT_EXPECT_ERRNO(wait(NULL), ECHILD);
	return KT_PASS;
}

static int killed_child_status(void)
{
	int status;
	siginfo_t si = { 0 };
	pid_t pid = fork();

	KT_ASSERT(pid >= 0);
	if (pid == 0) {
		for (;;)
			pause();
	}
	KT_EXPECT_EQ(kill(pid, SIGKILL), 0);
	KT_EXPECT_EQ(waitid(P_PID, pid, &si, WEXITED), 0);
	KT_EXPECT_EQ(si.si_code, CLD_KILLED);
	KT_EXPECT_EQ(si.si_status, SIGKILL);
	pid = fork();
	KT_ASSERT(pid >= 0);
	if (pid == 0) {
		for (;;)
			pause();
	}
	KT_EXPECT_EQ(kill(pid, SIGTERM), 0);
	KT_EXPECT_EQ(waitpid(pid, &status, 0), pid);
	KT_EXPECT(killed_by(status, SIGTERM));
	return KT_PASS;
}

static int stop_and_continue(void)
{
	int status;
	pid_t pid = fork();

	KT_ASSERT(pid >= 0);
	if (pid == 0) {
		for (;;)
			pause();
	}
	KT_EXPECT_EQ(kill(pid, SIGSTOP), 0);
	KT_EXPECT_EQ(waitpid(pid, &status, WUNTRACED), pid);
	KT_EXPECT(WIFSTOPPED(status) && WSTOPSIG(status) == SIGSTOP);
	KT_EXPECT_EQ(kill(pid, SIGCONT), 0);
	KT_EXPECT_EQ(waitpid(pid, &status, WCONTINUED), pid);
	KT_EXPECT(WIFCONTINUED(status));
	kill(pid, SIGKILL);
	KT_EXPECT_EQ(waitpid(pid, &status, 0), pid);
	KT_EXPECT(killed_by(status, SIGKILL));
	return KT_PASS;
}

static volatile sig_atomic_t chld_count;

static void on_chld(int sig)
{
	(void)sig;
	chld_count++;
}

static int sigchld_on_exit(void)
{
	struct sigaction sa = { .sa_handler = on_chld }, old;
	pid_t pid;

	chld_count = 0;
	sigaction(SIGCHLD, &sa, &old);
	pid = fork();
	KT_ASSERT(pid >= 0);
	if (pid == 0)
		_exit(0);
	for (int i = 0; i < 500 && !chld_count; i++)
		sleep_ms(2);
	KT_EXPECT_EQ(chld_count, 1);
	waitpid(pid, NULL, 0);
	sigaction(SIGCHLD, &old, NULL);
	return KT_PASS;
}

static int vfork_shares_memory(void)
{
	static volatile int shared;
	int status;
	pid_t pid;

	shared = 0;
	pid = vfork();
	KT_ASSERT(pid >= 0);
	if (pid == 0) {
		shared = 1234;
		_exit(9);
	}
	/* The parent resumes only after the child exited (or exec'd). */
	KT_EXPECT_EQ(shared, 1234);
	KT_EXPECT_EQ(waitpid(pid, &status, 0), pid);
	KT_EXPECT(exited_with(status, 9));
	return KT_PASS;
}

static int run_self(char *const argv[], char *const envp[])
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		execve(self, argv, envp);
		_exit(100 + errno);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

/* exec'd helper: checks what exec handed it and exits 0 when all is right. */
static int exec_helper(int argc, char **argv)
{
	const char *env = getenv("TESSERA_UT");
	unsigned long pagesz = getauxval(AT_PAGESZ);
	unsigned char *rnd = (unsigned char *)getauxval(AT_RANDOM);
	int fd;

	if (!strcmp(argv[1], "--exec-args"))
		return !(argc == 4 && !strcmp(argv[2], "one") && !strcmp(argv[3], "two") &&
			 env && !strcmp(env, "yes") && pagesz == (unsigned long)sysconf(_SC_PAGESIZE) &&
			 rnd && getauxval(AT_ENTRY) && getauxval(AT_PHDR) && getauxval(AT_EXECFN)) ? 1 : 0;
	if (!strcmp(argv[1], "--exec-fds")) {
		/* fd 5 was O_CLOEXEC, fd 6 was not */
		fd = fcntl(5, F_GETFD) < 0 && errno == EBADF && fcntl(6, F_GETFD) == 0;
		return fd ? 0 : 1;
	}
	if (!strcmp(argv[1], "--exec-shebang")) {
		/* interpreter args: self --exec-shebang SCRIPT extra */
		return argc == 4 && strstr(argv[2], "script.sh") && !strcmp(argv[3], "extra") ? 0 : 1;
	}
	return 2;
}

static int execve_args_env_auxv(void)
{
	char *argv[] = { self, "--exec-args", "one", "two", NULL };
	char *envp[] = { "A=1", "TESSERA_UT=yes", NULL };

	KT_EXPECT(exited_with(run_self(argv, envp), 0));
	return KT_PASS;
}

static int execve_close_on_exec(void)
{
	char *argv[] = { self, "--exec-fds", NULL };
	char *envp[] = { NULL };
	int fd = open("/dev/null", O_RDONLY);

	KT_ASSERT(fd >= 0);
	KT_ASSERT(dup3(fd, 5, O_CLOEXEC) == 5);
	KT_ASSERT(dup2(fd, 6) == 6);
	KT_EXPECT(exited_with(run_self(argv, envp), 0));
	close(5);
	close(6);
	close(fd);
	return KT_PASS;
}

static int execve_shebang(void)
{
	char path[512], text[4200];
	char *argv[] = { path, "extra", NULL };
	char *envp[] = { NULL };
	int fd;

	snprintf(path, sizeof(path), "%s/script.sh", scratch);
	snprintf(text, sizeof(text), "#!%s --exec-shebang\nexit 1\n", self);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	KT_ASSERT(fd >= 0);
	KT_ASSERT(write(fd, text, strlen(text)) == (ssize_t)strlen(text));
	close(fd);
	int status;
	pid_t pid = fork();
	KT_ASSERT(pid >= 0);
	if (pid == 0) {
		execve(path, argv, envp);
		_exit(100 + errno);
	}
	KT_EXPECT_EQ(waitpid(pid, &status, 0), pid);
	KT_EXPECT(exited_with(status, 0));
	unlink(path);
	return KT_PASS;
}

static int execve_refused(void)
{
	char *argv[] = { "x", NULL };
	char *envp[] = { NULL };
	char path[512];
	int fd;

	KT_EXPECT_ERRNO(execve("/nonexistent/prog", argv, envp), ENOENT);
	KT_EXPECT_ERRNO(execve("/", argv, envp), EACCES);
	snprintf(path, sizeof(path), "%s/garbage", scratch);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	KT_ASSERT(fd >= 0);
	/* An ELF header that lies: wrong machine, absurd program headers. */
	unsigned char elf[64] = { 0x7f, 'E', 'L', 'F', 2, 1, 1 };
	elf[16] = 2;                  /* ET_EXEC */
	elf[18] = 0x34;               /* EM_SPARC? no: 0x34 is not this machine */
	KT_ASSERT(write(fd, elf, sizeof(elf)) == sizeof(elf));
	close(fd);
	KT_EXPECT_ERRNO(execve(path, argv, envp), ENOEXEC);
	fd = open(path, O_WRONLY | O_TRUNC);
	KT_ASSERT(fd >= 0);
	KT_ASSERT(write(fd, "\1\2\3\4garbage", 11) == 11);
	close(fd);
	KT_EXPECT_ERRNO(execve(path, argv, envp), ENOEXEC);
	chmod(path, 0644);
	KT_EXPECT_ERRNO(execve(path, argv, envp), EACCES);
	unlink(path);
	return KT_PASS;
}

static int orphan_reparented(void)
{
	int fds[2];
	pid_t child, grandchild = 0, ppid = 0;
	int subreaper = prctl(PR_SET_CHILD_SUBREAPER, 1) == 0;

	KT_ASSERT(pipe(fds) == 0);
	child = fork();
	KT_ASSERT(child >= 0);
	if (child == 0) {
		pid_t g = fork();

		if (g == 0) {
			sleep_ms(100);            /* until the parent is gone */
			pid_t p = getppid();
			write(fds[1], &p, sizeof(p));
			_exit(0);
		}
		write(fds[1], &g, sizeof(g));
		_exit(0);
	}
	close(fds[1]);
	KT_EXPECT_EQ(read(fds[0], &grandchild, sizeof(grandchild)), sizeof(grandchild));
	KT_EXPECT_EQ(waitpid(child, NULL, 0), child);
	KT_EXPECT_EQ(read(fds[0], &ppid, sizeof(ppid)), sizeof(ppid));
	KT_EXPECT_EQ(ppid, subreaper ? getpid() : 1);
	if (subreaper) {
		KT_EXPECT_EQ(waitpid(grandchild, NULL, 0), grandchild);
		prctl(PR_SET_CHILD_SUBREAPER, 0);
	}
	close(fds[0]);
	return KT_PASS;
}

static int sessions_and_groups(void)
{
	int status;
	pid_t pid = fork();

	KT_ASSERT(pid >= 0);
	if (pid == 0) {
		pid_t me = getpid();

		if (setsid() != me || getsid(0) != me || getpgid(0) != me || getpgrp() != me)
			_exit(1);
		if (setsid() != -1 || errno != EPERM)     /* already a group leader */
			_exit(2);
		pid_t c = fork();
		if (c == 0) {
			if (setpgid(0, 0) != 0 || getpgid(0) != getpid())
				_exit(1);
			_exit(0);
		}
		if (waitpid(c, &status, 0) != c || !exited_with(status, 0))
			_exit(3);
		_exit(0);
	}
	KT_EXPECT_EQ(waitpid(pid, &status, 0), pid);
	KT_EXPECT(exited_with(status, 0));
	return KT_PASS;
}

static int ids(void)
{
	KT_EXPECT_EQ(syscall(SYS_gettid), getpid());
	KT_EXPECT_EQ(syscall(SYS_set_tid_address, NULL), getpid());
	KT_EXPECT(getppid() > 0);
	KT_EXPECT_EQ(getuid(), geteuid());
	KT_EXPECT_EQ(getgid(), getegid());
	return KT_PASS;
}

static int many_forks(void)
{
	for (int i = 0; i < 50; i++) {
		int status;
		pid_t pid = fork();

		KT_ASSERT(pid >= 0);
		if (pid == 0)
			_exit(i);
		KT_ASSERT(waitpid(pid, &status, 0) == pid);
		KT_EXPECT(exited_with(status, i));
	}
	return KT_PASS;
}

static const struct kt_case cases[] = {
	KT_CASE(fork_returns_twice),
	KT_CASE(exit_codes),
	KT_CASE(exit_group_status),
	KT_CASE(wnohang),
	KT_CASE(zombie_until_waited),
	KT_CASE(wait_any_child),
	KT_CASE(killed_child_status),
	KT_CASE(stop_and_continue),
	KT_CASE(sigchld_on_exit),
	KT_CASE(vfork_shares_memory),
	KT_CASE(execve_args_env_auxv),
	KT_CASE(execve_close_on_exec),
	KT_CASE(execve_shebang),
	KT_CASE(execve_refused),
	KT_CASE(orphan_reparented),
	KT_CASE(sessions_and_groups),
	KT_CASE(ids),
	KT_CASE(many_forks),
};

int main(int argc, char **argv)
{
	int r;

	if (argc > 1 && !strncmp(argv[1], "--exec-", 7))
		return exec_helper(argc, argv);
	if (!realpath(argv[0], self))
		snprintf(self, sizeof(self), "%s", argv[0]);
	if (enter_scratch_dir(scratch, sizeof(scratch)) < 0) {
		printf("# no scratch directory: %s\n", strerror(errno));
		return 1;
	}
	r = KT_RUN("proc", cases);
	rmdir(scratch);
	return r;
}
