// SPDX-License-Identifier: Apache-2.0
/* Pipes: data, blocking, EOF, EPIPE/SIGPIPE, O_NONBLOCK, PIPE_BUF atomicity, poll, FIFOs. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <limits.h>

#include "ktap.h"
#include "util.h"

static char scratch[256];

static int roundtrip(void)
{
	int p[2];
	char buf[16] = { 0 };

	KT_ASSERT(pipe(p) == 0);
	KT_EXPECT_EQ(write(p[1], "hello", 5), 5);
	KT_EXPECT_EQ(write(p[1], "world", 5), 5);
	KT_EXPECT_EQ(read(p[0], buf, 3), 3);
	KT_EXPECT(!memcmp(buf, "hel", 3));
	KT_EXPECT_EQ(read(p[0], buf, sizeof(buf)), 7);
	KT_EXPECT(!memcmp(buf, "loworld", 7));
	close(p[0]);
	close(p[1]);
	return KT_PASS;
}

static int eof_after_last_writer(void)
{
	int p[2], q;
	char c;

	KT_ASSERT(pipe(p) == 0);
	q = dup(p[1]);
	close(p[1]);
	KT_EXPECT_EQ(write(q, "x", 1), 1);
	close(q);
	KT_EXPECT_EQ(read(p[0], &c, 1), 1);
	KT_EXPECT_EQ(read(p[0], &c, 1), 0);
	KT_EXPECT_EQ(read(p[0], &c, 1), 0);
	close(p[0]);
	return KT_PASS;
}

static int write_no_reader(void)
{
	int p[2];
	int status = 0;
	pid_t pid;

	KT_ASSERT(pipe(p) == 0);
	close(p[0]);
	pid = fork();
	KT_ASSERT(pid >= 0);
	if (pid == 0) {
		signal(SIGPIPE, SIG_DFL);
		write(p[1], "x", 1);
		_exit(0);
	}
	KT_EXPECT_EQ(waitpid(pid, &status, 0), pid);
	KT_EXPECT(killed_by(status, SIGPIPE));
	signal(SIGPIPE, SIG_IGN);
	KT_EXPECT_ERRNO(write(p[1], "x", 1), EPIPE);
	signal(SIGPIPE, SIG_DFL);
	close(p[1]);
	return KT_PASS;
}

static int blocking_read_waits(void)
{
	int p[2];
	char c = 0;
	long long t0;
	pid_t pid;

	KT_ASSERT(pipe(p) == 0);
	pid = fork();
	KT_ASSERT(pid >= 0);
	if (pid == 0) {
		sleep_ms(200);
		write(p[1], "z", 1);
		_exit(0);
	}
	t0 = now_ns();
	KT_EXPECT_EQ(read(p[0], &c, 1), 1);
	KT_EXPECT_EQ(c, 'z');
	KT_EXPECT(now_ns() - t0 >= 100 * 1000000ll);
	waitpid(pid, NULL, 0);
	close(p[0]);
	close(p[1]);
	return KT_PASS;
}

static int nonblocking(void)
{
	int p[2];
	char c, buf[4096];
	long total = 0;

	KT_ASSERT(pipe2(p, O_NONBLOCK) == 0);
	KT_EXPECT_ERRNO(read(p[0], &c, 1), EAGAIN);
	memset(buf, 'a', sizeof(buf));
	for (;;) {
		ssize_t n = write(p[1], buf, sizeof(buf));

		if (n < 0) {
			KT_EXPECT_EQ(errno, EAGAIN);
			break;
		}
		total += n;
		if (total > 16 << 20)
			break;
	}
	KT_EXPECT(total >= 4096);
	KT_EXPECT(total <= 1 << 20);
	kt_diag("pipe capacity %ld bytes", total);
	KT_EXPECT(fcntl(p[0], F_GETFL) & O_NONBLOCK);
	close(p[0]);
	close(p[1]);
	return KT_PASS;
}

static int blocking_write_drains(void)
{
	int p[2];
	const long want = 256 * 1024;
	long got = 0, sum = 0;
	char buf[1000];
	pid_t pid;
	int status;

	KT_ASSERT(pipe(p) == 0);
	pid = fork();
	KT_ASSERT(pid >= 0);
	if (pid == 0) {
		char out[3000];
		long sent = 0;

		close(p[0]);
		for (int i = 0; i < (int)sizeof(out); i++)
			out[i] = (char)i;
		while (sent < want) {
			ssize_t n = write(p[1], out, sizeof(out) < (size_t)(want - sent) ? sizeof(out) : (size_t)(want - sent));

			if (n <= 0)
				_exit(1);
			sent += n;
		}
		_exit(0);
	}
	close(p[1]);
	sleep_ms(50);   /* let the writer fill the pipe and block */
	for (;;) {
		ssize_t n = read(p[0], buf, sizeof(buf));

		if (n <= 0)
			break;
		for (ssize_t i = 0; i < n; i++)
			sum += (unsigned char)buf[i];
		got += n;
	}
	long expect = 0;
	for (long i = 0; i < want; i++)
		expect += (unsigned char)(char)(i % 3000);
	KT_EXPECT_EQ(got, want);
	KT_EXPECT_EQ(sum, expect);
	KT_EXPECT_EQ(waitpid(pid, &status, 0), pid);
	KT_EXPECT(exited_with(status, 0));
	close(p[0]);
	return KT_PASS;
}

static int pipe_buf_atomic(void)
{
	int p[2];
	char buf[PIPE_BUF];
	pid_t pids[2];
	long chunks = 0;

	KT_ASSERT(pipe(p) == 0);
	for (int w = 0; w < 2; w++) {
		pids[w] = fork();
		KT_ASSERT(pids[w] >= 0);
		if (pids[w] == 0) {
			char out[PIPE_BUF];

			memset(out, 'A' + w, sizeof(out));
			for (int i = 0; i < 64; i++)
				if (write(p[1], out, sizeof(out)) != sizeof(out))
					_exit(1);
			_exit(0);
		}
	}
	close(p[1]);
	for (;;) {
		size_t have = 0;

		while (have < sizeof(buf)) {
			ssize_t n = read(p[0], buf + have, sizeof(buf) - have);

			if (n <= 0)
				break;
			have += n;
		}
		if (have == 0)
			break;
		KT_ASSERT(have == sizeof(buf));
		for (size_t i = 1; i < have; i++)
			if (buf[i] != buf[0]) {
				kt_diag("chunk %ld interleaved at byte %zu", chunks, i);
				kt_case_failed = 1;
				break;
			}
		chunks++;
	}
	KT_EXPECT_EQ(chunks, 128);
	waitpid(pids[0], NULL, 0);
	waitpid(pids[1], NULL, 0);
	close(p[0]);
	return KT_PASS;
}

static int pipe2_flags(void)
{
	int p[2];

	KT_ASSERT(pipe2(p, O_CLOEXEC) == 0);
	KT_EXPECT(fcntl(p[0], F_GETFD) & FD_CLOEXEC);
	KT_EXPECT(fcntl(p[1], F_GETFD) & FD_CLOEXEC);
	KT_EXPECT_EQ(fcntl(p[0], F_GETFL) & O_ACCMODE, O_RDONLY);
	KT_EXPECT_EQ(fcntl(p[1], F_GETFL) & O_ACCMODE, O_WRONLY);
	close(p[0]);
	close(p[1]);
	KT_EXPECT_ERRNO(pipe2(p, 0x12345678), EINVAL);
	KT_EXPECT_ERRNO(syscall(SYS_pipe2, BAD_PTR, 0), EFAULT);
	char c;
	KT_ASSERT(pipe(p) == 0);
	KT_EXPECT_ERRNO(write(p[0], "x", 1), EBADF);
	KT_EXPECT_ERRNO(read(p[1], &c, 1), EBADF);
	KT_EXPECT_ERRNO(lseek(p[0], 0, SEEK_SET), ESPIPE);
	close(p[0]);
	close(p[1]);
	return KT_PASS;
}

static int poll_states(void)
{
	int p[2];
	struct pollfd fds[2];

	KT_ASSERT(pipe(p) == 0);
	fds[0] = (struct pollfd){ .fd = p[0], .events = POLLIN };
	fds[1] = (struct pollfd){ .fd = p[1], .events = POLLOUT };
	KT_EXPECT_EQ(poll(fds, 2, 0), 1);
	KT_EXPECT_EQ(fds[0].revents, 0);
	KT_EXPECT_EQ(fds[1].revents, POLLOUT);
	KT_EXPECT_EQ(write(p[1], "x", 1), 1);
	KT_EXPECT_EQ(poll(fds, 1, 0), 1);
	KT_EXPECT_EQ(fds[0].revents, POLLIN);
	close(p[1]);
	KT_EXPECT_EQ(poll(fds, 1, 0), 1);
	KT_EXPECT(fds[0].revents & POLLHUP);
	char c;
	read(p[0], &c, 1);
	KT_EXPECT_EQ(poll(fds, 1, 0), 1);
	KT_EXPECT_EQ(fds[0].revents, POLLHUP);
	/* A closed descriptor in the set: POLLNVAL, not an error. */
	fds[1] = (struct pollfd){ .fd = p[1], .events = POLLIN };
	KT_EXPECT_EQ(poll(fds + 1, 1, 0), 1);
	KT_EXPECT_EQ(fds[1].revents, POLLNVAL);
	/* Reader gone: the writer sees POLLERR. */
	KT_ASSERT(pipe(p) == 0);
	close(p[0]);
	fds[0] = (struct pollfd){ .fd = p[1], .events = POLLOUT };
	KT_EXPECT_EQ(poll(fds, 1, 0), 1);
	KT_EXPECT(fds[0].revents & POLLERR);
	close(p[1]);
	/* A blocking poll is woken by a writer. */
	KT_ASSERT(pipe(p) == 0);
	pid_t pid = fork();
	KT_ASSERT(pid >= 0);
	if (pid == 0) {
		sleep_ms(100);
		write(p[1], "y", 1);
		_exit(0);
	}
	fds[0] = (struct pollfd){ .fd = p[0], .events = POLLIN };
	KT_EXPECT_EQ(poll(fds, 1, 10000), 1);
	KT_EXPECT_EQ(fds[0].revents, POLLIN);
	waitpid(pid, NULL, 0);
	close(p[0]);
	close(p[1]);
	return KT_PASS;
}

static int fifo(void)
{
	char path[300], buf[8] = { 0 };
	int fd;
	pid_t pid;

	snprintf(path, sizeof(path), "%s/fifo", scratch);
	if (mkfifo(path, 0600) < 0)
		return kt_skip("mkfifo: %s", strerror(errno));
	pid = fork();
	KT_ASSERT(pid >= 0);
	if (pid == 0) {
		int w = open(path, O_WRONLY);   /* blocks until the reader opens */

		_exit(w >= 0 && write(w, "fifo", 4) == 4 ? 0 : 1);
	}
	fd = open(path, O_RDONLY);
	KT_ASSERT(fd >= 0);
	KT_EXPECT_EQ(read(fd, buf, sizeof(buf)), 4);
	KT_EXPECT(!memcmp(buf, "fifo", 4));
	int status;
	KT_EXPECT_EQ(waitpid(pid, &status, 0), pid);
	KT_EXPECT(exited_with(status, 0));
	KT_EXPECT_EQ(read(fd, buf, sizeof(buf)), 0);
	close(fd);
	/* O_NONBLOCK write-open with no reader: ENXIO. */
	KT_EXPECT_ERRNO(open(path, O_WRONLY | O_NONBLOCK), ENXIO);
	unlink(path);
	return KT_PASS;
}

static const struct kt_case cases[] = {
	KT_CASE(roundtrip),
	KT_CASE(eof_after_last_writer),
	KT_CASE(write_no_reader),
	KT_CASE(blocking_read_waits),
	KT_CASE(nonblocking),
	KT_CASE(blocking_write_drains),
	KT_CASE(pipe_buf_atomic),
	KT_CASE(pipe2_flags),
	KT_CASE(poll_states),
	KT_CASE(fifo),
};

int main(void)
{
	int r;

	if (enter_scratch_dir(scratch, sizeof(scratch)) < 0) {
		printf("# no scratch directory: %s\n", strerror(errno));
		return 1;
	}
	r = KT_RUN("pipe", cases);
	rmdir(scratch);
	return r;
}
