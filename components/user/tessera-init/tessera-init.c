// SPDX-License-Identifier: Apache-2.0
/*
 * tessera-init: the first user process (/sbin/init, /init).
 *
 * 1. As PID 1 it mounts proc on /proc, devtmpfs on /dev and tmpfs on /tmp
 *    (each directory made first); a file system the kernel does not have
 *    (ENODEV) or a mount(2) it does not implement (ENOSYS) is reported and
 *    skipped. When fds 0-2 are not open it opens /dev/console for them.
 * 2. It picks a mode: the environment variable tessera_init (Linux hands
 *    `tessera_init=tests` from the kernel command line to init's
 *    environment) or the first argument, else: a terminal on stdin and a
 *    /bin/sh -> shell; /etc/demo.sh -> demo; /etc/tessera-tests -> tests;
 *    /etc/tessera-run -> run.
 *      shell  /bin/sh in its own session with the console as controlling tty
 *      demo   /bin/sh /etc/demo.sh
 *      tests  each line "NAME COMMAND [ARGS...]" of /etc/tessera-tests (or of
 *             $tessera_tests) is run with TESSERA_KTAP_NESTED=1: it prints its
 *             KTAP suite indented, init prints the document's header and a
 *             result line per suite from the exit status (KTAP version 1)
 *      run    each line "COMMAND [ARGS...]" of /etc/tessera-run, output as is
 *      batch  nobody at the console (qemu-run without a terminal): the
 *             choice above without the shell; nothing to run is status 0
 * 3. It prints "tessera-init: status=N" (0: everything passed / exited 0),
 *    syncs and powers off with reboot(RB_POWER_OFF). Not PID 1 (a test run
 *    on a host), it mounts nothing and exits with N instead.
 *
 * Orphans are reaped while waiting. Each command of tests/run is killed
 * after $tessera_timeout seconds (default 900).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#define MAX_ARGS 32

static int is_pid1;
static volatile sig_atomic_t timed_out;

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
	va_list ap;

	printf("tessera-init: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

static void mount_one(const char *src, const char *dir, const char *type)
{
	if (mkdir(dir, 0755) < 0 && errno != EEXIST) {
		say("mkdir %s: %s", dir, strerror(errno));
		return;
	}
	if (mount(src, dir, type, 0, NULL) == 0)
		return;
	if (errno == EBUSY)             /* already there (the kernel mounted it) */
		return;
	if (errno == ENODEV || errno == ENOSYS)
		say("no %s on %s (%s): skipped", type, dir, strerror(errno));
	else
		say("mount %s on %s: %s", type, dir, strerror(errno));
}

static void open_console(void)
{
	int fd;

	if (fcntl(0, F_GETFD) >= 0 && fcntl(1, F_GETFD) >= 0 && fcntl(2, F_GETFD) >= 0)
		return;
	fd = open("/dev/console", O_RDWR | O_NOCTTY);
	if (fd < 0)
		return;
	for (int i = 0; i < 3; i++)
		if (fcntl(i, F_GETFD) < 0)
			dup2(fd, i);
	if (fd > 2)
		close(fd);
}

static void on_alarm(int sig)
{
	(void)sig;
	timed_out = 1;
}

/* Wait for pid, reaping any other child (orphans) meanwhile. */
static int wait_for(pid_t pid, unsigned timeout)
{
	int status;

	timed_out = 0;
	alarm(timeout);
	for (;;) {
		pid_t r = waitpid(-1, &status, 0);

		if (r == pid)
			break;
		if (r < 0 && errno == EINTR && timed_out) {
			say("pid %d still running after %u s: killed", (int)pid, timeout);
			kill(pid, SIGKILL);
			timed_out = 0;
			continue;
		}
		if (r < 0 && errno == ECHILD) {
			status = -1;
			break;
		}
	}
	alarm(0);
	return status;
}

static int status_code(int status)
{
	if (status == -1)
		return 255;
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return 255;
}

static pid_t spawn(char **argv, int nested, int own_session)
{
	pid_t pid = fork();

	if (pid == 0) {
		signal(SIGALRM, SIG_DFL);
		if (own_session) {
			setsid();
			/* 1: take the console from init's session, as root may. */
			ioctl(0, TIOCSCTTY, 1);
		}
		if (nested)
			setenv("TESSERA_KTAP_NESTED", "1", 1);
		execv(argv[0], argv);
		fprintf(stderr, "tessera-init: exec %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	if (pid < 0)
		say("fork: %s", strerror(errno));
	return pid;
}

/* Split a line into words (no quoting); returns the count. */
static int split(char *line, char **argv)
{
	int n = 0;
	char *save, *w;

	for (w = strtok_r(line, " \t\n", &save); w && n < MAX_ARGS; w = strtok_r(NULL, " \t\n", &save))
		argv[n++] = w;
	argv[n] = NULL;
	return n;
}

static unsigned timeout_s(void)
{
	const char *t = getenv("tessera_timeout");

	return t && atoi(t) > 0 ? (unsigned)atoi(t) : 900;
}

static int run_list(const char *path, int ktap)
{
	FILE *f = fopen(path, "r");
	char lines[64][256];
	int n = 0, worst = 0;

	if (!f) {
		say("%s: %s", path, strerror(errno));
		return 1;
	}
	while (n < 64 && fgets(lines[n], sizeof(lines[n]), f)) {
		char *p = lines[n] + strspn(lines[n], " \t");

		if (*p == '#' || *p == '\n' || !*p)
			continue;
		memmove(lines[n], p, strlen(p) + 1);
		n++;
	}
	fclose(f);
	if (ktap)
		printf("KTAP version 1\n1..%d\n", n);
	for (int i = 0; i < n; i++) {
		char *argv[MAX_ARGS + 1], *name = "";
		int argc = split(lines[i], argv), code;
		char **cmd = argv;

		if (ktap) {
			name = argv[0];
			cmd = argv + 1;
			argc--;
		}
		if (argc < 1) {
			if (ktap)
				printf("not ok %d %s # no command\n", i + 1, name);
			worst = 1;
			continue;
		}
		pid_t pid = spawn(cmd, ktap, 0);

		code = pid < 0 ? 255 : status_code(wait_for(pid, timeout_s()));
		if (ktap)
			printf("%sok %d %s\n", code ? "not " : "", i + 1, name);
		if (code) {
			if (ktap)
				printf("# %s: exit status %d\n", name, code);
			else
				say("%s: exit status %d", cmd[0], code);
			worst = 1;
		}
	}
	return worst;
}

static int run_shell(char *sh)
{
	char *argv[] = { sh, NULL };
	pid_t pid = spawn(argv, 0, 1);

	return pid < 0 ? 1 : status_code(wait_for(pid, 0));
}

static int run_demo(char *sh, char *script)
{
	char *argv[] = { sh, script, NULL };
	pid_t pid = spawn(argv, 0, 0);

	return pid < 0 ? 1 : status_code(wait_for(pid, 0));
}

static int exists(const char *path)
{
	return access(path, F_OK) == 0;
}

int main(int argc, char **argv)
{
	const char *mode = getenv("tessera_init");
	const char *tests = getenv("tessera_tests");
	struct sigaction sa = { .sa_handler = on_alarm };
	int status, batch = 0;

	is_pid1 = getpid() == 1;
	setvbuf(stdout, NULL, _IONBF, 0);
	if (is_pid1) {
		mount_one("proc", "/proc", "proc");
		mount_one("devtmpfs", "/dev", "devtmpfs");
		mount_one("tmpfs", "/tmp", "tmpfs");
		open_console();
		setvbuf(stdout, NULL, _IONBF, 0);
		if (!getenv("PATH"))
			setenv("PATH", "/sbin:/bin:/usr/sbin:/usr/bin", 1);
	}
	sigaction(SIGALRM, &sa, NULL);   /* no SA_RESTART: interrupts waitpid */
	if (!mode && argc > 1)
		mode = argv[1];
	if (!tests)
		tests = "/etc/tessera-tests";
	/* batch: no one at the console (qemu-run without a terminal): as below, no shell. */
	if (mode && !strcmp(mode, "batch"))
		mode = NULL, batch = 1;
	if (!mode) {
		if (!batch && isatty(0) && exists("/bin/sh"))
			mode = "shell";
		else if (exists("/etc/demo.sh"))
			mode = "demo";
		else if (exists(tests))
			mode = "tests";
		else if (exists("/etc/tessera-run"))
			mode = "run";
		else
			mode = "none";
	}
	say("mode %s", mode);
	if (!strcmp(mode, "shell"))
		status = run_shell("/bin/sh");
	else if (!strcmp(mode, "demo"))
		status = run_demo("/bin/sh", "/etc/demo.sh");
	else if (!strcmp(mode, "tests"))
		status = run_list(tests, 1);
	else if (!strcmp(mode, "run"))
		status = run_list(getenv("tessera_run") ? getenv("tessera_run") : "/etc/tessera-run", 0);
	else {
		say("nothing to run (no /bin/sh on a terminal, /etc/demo.sh, %s, /etc/tessera-run)", tests);
		/* Unattended, an initramfs with nothing to run is no failure. */
		status = batch ? 0 : 1;
	}
	say("status=%d", status);
	if (!is_pid1)
		return status;
	sync();
	reboot(RB_POWER_OFF);
	say("reboot(RB_POWER_OFF): %s", strerror(errno));
	for (;;)
		pause();
}
