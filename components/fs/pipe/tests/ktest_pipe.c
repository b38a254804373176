/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Pipes in the kernel: data through create_pipe_files(), O_NONBLOCK
 * (-EAGAIN, PIPE_BUF writes whole or not at all), end of file, EPIPE,
 * poll masks, FIONREAD, a FIFO opened by path; with kthreads: a reader
 * that sleeps until a writer comes, a writer that sleeps until room, and
 * PIPE_BUF atomicity under two concurrent writers.
 */
#include <autoconf.h>
#include <tessera/gfp.h>          /* before interfaces/vfs.h (gfp_t) */
#include <interfaces/ktest.h>
#include <interfaces/lib.h>
#include <interfaces/pipe.h>
#include <interfaces/sched.h>
#include <interfaces/vfs.h>
#ifdef HAVE_KTHREAD
#include <interfaces/kthread.h>
#include <tessera/kthread.h>
#endif
#include <tessera/errno.h>
#include <tessera/fs.h>
#include <tessera/ktest.h>
#include <tessera/sched.h>
#include "../pipe_ring.h"

#define CAP (16 * 4096)                 /* PIPE_SIZE on 4 KiB pages */

static ssize_t wr(struct file *f, const void *buf, size_t n)
{
	loff_t pos = 0;

	return kernel_write(f, buf, n, &pos);
}

static ssize_t rd(struct file *f, void *buf, size_t n)
{
	loff_t pos = 0;

	return kernel_read(f, buf, n, &pos);
}

static void write_then_read(struct ktest *test)
{
	struct file *p[2];
	char buf[32];

	KTEST_ASSERT(test, create_pipe_files(p, 0) == 0);
	KTEST_EXPECT(test, S_ISFIFO(file_inode(p[0])->i_mode));
	KTEST_EXPECT_EQ(test, wr(p[1], "hello", 5), 5);
	KTEST_EXPECT_EQ(test, wr(p[1], ", pipe", 6), 6);
	memset(buf, 0, sizeof(buf));
	KTEST_EXPECT_EQ(test, rd(p[0], buf, 3), 3);            /* a short read */
	KTEST_EXPECT_EQ(test, rd(p[0], buf + 3, sizeof(buf) - 3), 8);
	KTEST_EXPECT_STREQ(test, buf, "hello, pipe");
	fput(p[1]);
	KTEST_EXPECT_EQ(test, rd(p[0], buf, sizeof(buf)), 0);   /* no writer: EOF */
	fput(p[0]);
}

static void nonblocking(struct ktest *test)
{
	static char big[CAP + 8192];
	struct file *p[2];
	__poll_t m;

	KTEST_ASSERT(test, create_pipe_files(p, O_NONBLOCK) == 0);
	KTEST_EXPECT_EQ(test, rd(p[0], big, 10), -EAGAIN);
	m = p[0]->f_op->poll(p[0], NULL);
	KTEST_EXPECT_EQ(test, m & (POLLIN | POLLHUP), 0);
	m = p[1]->f_op->poll(p[1], NULL);
	KTEST_EXPECT(test, m & POLLOUT);

	memset(big, 'x', sizeof(big));
	KTEST_EXPECT_EQ(test, wr(p[1], big, sizeof(big)), CAP);  /* what fits */
	KTEST_EXPECT_EQ(test, wr(p[1], big, 1), -EAGAIN);
	m = p[1]->f_op->poll(p[1], NULL);
	KTEST_EXPECT_EQ(test, m & POLLOUT, 0);
	m = p[0]->f_op->poll(p[0], NULL);
	KTEST_EXPECT(test, m & POLLIN);
	KTEST_EXPECT_EQ(test, rd(p[0], big, 100), 100);
	/* PIPE_BUF: 200 bytes do not fit whole in 100: none go in. */
	KTEST_EXPECT_EQ(test, wr(p[1], big, 200), -EAGAIN);
	/* A write over PIPE_BUF takes what fits. */
	KTEST_EXPECT_EQ(test, wr(p[1], big, PIPE_BUF + 1), 100);
	fput(p[0]);
	KTEST_EXPECT_EQ(test, wr(p[1], big, 1), -EPIPE);          /* no reader */
	m = p[1]->f_op->poll(p[1], NULL);
	KTEST_EXPECT(test, m & POLLERR);
	fput(p[1]);
}

static void fionread(struct ktest *test)
{
	struct file *p[2];
	int n = -1;

	KTEST_ASSERT(test, create_pipe_files(p, 0) == 0);
	KTEST_EXPECT_EQ(test, wr(p[1], "abcdefg", 7), 7);
	/* A kernel pointer: put_user refuses it (above TASK_SIZE): -EFAULT. */
	KTEST_EXPECT_EQ(test, p[0]->f_op->unlocked_ioctl(p[0], FIONREAD, (unsigned long)&n), -EFAULT);
	KTEST_EXPECT_EQ(test, p[0]->f_op->unlocked_ioctl(p[0], 0x5401, 0), -ENOTTY);
	fput(p[0]);
	fput(p[1]);
}

static void fifo_by_path(struct ktest *test)
{
	struct file *r, *w, *rw;
	char buf[8];

	KTEST_ASSERT(test, init_mknod("/ktest-fifo", S_IFIFO | 0600, 0) == 0);
	/* No reader: a non-blocking writer is refused. */
	w = filp_open("/ktest-fifo", O_WRONLY | O_NONBLOCK, 0);
	KTEST_EXPECT_EQ(test, IS_ERR(w) ? PTR_ERR(w) : 0, -ENXIO);
	r = filp_open("/ktest-fifo", O_RDONLY | O_NONBLOCK, 0);
	KTEST_ASSERT(test, !IS_ERR_OR_NULL(r));
	w = filp_open("/ktest-fifo", O_WRONLY | O_NONBLOCK, 0);
	KTEST_ASSERT(test, !IS_ERR_OR_NULL(w));
	KTEST_EXPECT_EQ(test, wr(w, "fifo", 4), 4);
	KTEST_EXPECT_EQ(test, rd(r, buf, sizeof(buf)), 4);
	KTEST_EXPECT(test, memcmp(buf, "fifo", 4) == 0);
	/* Both ends of the same pipe: O_RDWR sees what the writer wrote. */
	rw = filp_open("/ktest-fifo", O_RDWR, 0);
	KTEST_ASSERT(test, !IS_ERR_OR_NULL(rw));
	KTEST_EXPECT_EQ(test, wr(w, "xy", 2), 2);
	KTEST_EXPECT_EQ(test, rd(rw, buf, sizeof(buf)), 2);
	filp_close(rw, NULL);
	filp_close(w, NULL);
	KTEST_EXPECT_EQ(test, rd(r, buf, sizeof(buf)), 0);      /* writers gone: EOF */
	filp_close(r, NULL);
	KTEST_EXPECT_EQ(test, init_unlink("/ktest-fifo"), 0);
}

#ifdef HAVE_KTHREAD
struct job {
	struct file *f;
	char *buf;
	size_t len, chunk;
	ssize_t done;
	volatile bool finished;
};

static int reader_fn(void *data)
{
	struct job *j = data;

	j->done = rd(j->f, j->buf, j->len);
	j->finished = true;
	while (!kthread_should_stop())
		yield();
	return 0;
}

static int writer_fn(void *data)
{
	struct job *j = data;
	size_t off = 0;

	while (off < j->len) {
		ssize_t n = wr(j->f, j->buf + off, j->chunk);

		if (n <= 0)
			break;
		off += (size_t)n;
	}
	j->done = (ssize_t)off;
	j->finished = true;
	while (!kthread_should_stop())
		yield();
	return 0;
}

static void reader_sleeps_until_data(struct ktest *test)
{
	struct file *p[2];
	char buf[16] = { 0 };
	struct job j = { .buf = buf, .len = sizeof(buf) };
	struct task_struct *t;
	int i;

	KTEST_ASSERT(test, create_pipe_files(p, 0) == 0);
	j.f = p[0];
	t = kthread_run(reader_fn, &j, "pipe-reader");
	KTEST_ASSERT(test, !IS_ERR_OR_NULL(t));
	for (i = 0; i < 20; i++)
		yield();
	KTEST_EXPECT(test, !j.finished);                       /* asleep on the empty pipe */
	KTEST_EXPECT_EQ(test, wr(p[1], "wake", 4), 4);
	while (!j.finished)
		yield();
	KTEST_EXPECT_EQ(test, j.done, 4);
	KTEST_EXPECT(test, memcmp(buf, "wake", 4) == 0);
	kthread_stop(t);
	fput(p[0]);
	fput(p[1]);
}

static void writer_sleeps_until_room(struct ktest *test)
{
	static char out[CAP + 5000], in[CAP + 5000];
	struct file *p[2];
	struct job j = { .buf = out, .len = sizeof(out), .chunk = sizeof(out) };
	struct task_struct *t;
	size_t got = 0, i;
	int k;

	for (i = 0; i < sizeof(out); i++)
		out[i] = (char)(i * 7);
	KTEST_ASSERT(test, create_pipe_files(p, 0) == 0);
	j.f = p[1];
	t = kthread_run(writer_fn, &j, "pipe-writer");
	KTEST_ASSERT(test, !IS_ERR_OR_NULL(t));
	for (k = 0; k < 20; k++)
		yield();
	KTEST_EXPECT(test, !j.finished);                       /* the pipe is full */
	while (got < sizeof(in)) {
		ssize_t n = rd(p[0], in + got, sizeof(in) - got);

		if (n <= 0)
			break;
		got += (size_t)n;
	}
	while (!j.finished)
		yield();
	KTEST_EXPECT_EQ(test, got, sizeof(in));
	KTEST_EXPECT_EQ(test, j.done, sizeof(out));
	KTEST_EXPECT(test, memcmp(in, out, sizeof(in)) == 0);
	kthread_stop(t);
	fput(p[0]);
	fput(p[1]);
}

static void pipe_buf_writes_are_atomic(struct ktest *test)
{
	enum { CHUNKS = 40 };
	static char a[CHUNKS * PIPE_BUF], b[CHUNKS * PIPE_BUF], stream[2 * CHUNKS * PIPE_BUF];
	struct file *p[2];
	struct job ja = { .buf = a, .len = sizeof(a), .chunk = PIPE_BUF };
	struct job jb = { .buf = b, .len = sizeof(b), .chunk = PIPE_BUF };
	struct task_struct *ta, *tb;
	unsigned int seen_a = 0, seen_b = 0, torn = 0, c, reads = 0;
	size_t got = 0;

	memset(a, 'A', sizeof(a));
	memset(b, 'B', sizeof(b));
	KTEST_ASSERT(test, create_pipe_files(p, 0) == 0);
	ja.f = jb.f = p[1];
	ta = kthread_run(writer_fn, &ja, "pipe-wa");
	tb = kthread_run(writer_fn, &jb, "pipe-wb");
	KTEST_ASSERT(test, !IS_ERR_OR_NULL(ta) && !IS_ERR_OR_NULL(tb));
	/*
	 * Odd-sized reads leave the free space at sizes that are not
	 * multiples of PIPE_BUF: a writer that split its write there would
	 * let the other one in between.
	 */
	while (got < sizeof(stream)) {
		size_t want = 1000 + (reads % 7) * 333;
		ssize_t n;

		if (want > sizeof(stream) - got)
			want = sizeof(stream) - got;
		n = rd(p[0], stream + got, want);
		if (n <= 0)
			break;
		got += (size_t)n;
		if (++reads % 3 == 0)
			yield();        /* let both writers refill and race */
	}
	KTEST_EXPECT_EQ(test, got, sizeof(stream));
	for (c = 0; c < 2 * CHUNKS; c++) {
		const char *ch = stream + (size_t)c * PIPE_BUF;
		size_t i;

		for (i = 1; i < PIPE_BUF; i++)
			if (ch[i] != ch[0])
				break;
		if (i < PIPE_BUF)
			torn++;
		else if (ch[0] == 'A')
			seen_a++;
		else
			seen_b++;
	}
	while (!ja.finished || !jb.finished)
		yield();
	KTEST_EXPECT_EQ(test, torn, 0);
	KTEST_EXPECT_EQ(test, seen_a, CHUNKS);
	KTEST_EXPECT_EQ(test, seen_b, CHUNKS);
	kthread_stop(ta);
	kthread_stop(tb);
	fput(p[0]);
	fput(p[1]);
}
#endif

KTEST_SUITE(pipe,
	    KTEST_CASE(write_then_read),
	    KTEST_CASE(nonblocking),
	    KTEST_CASE(fionread),
	    KTEST_CASE(fifo_by_path),
#ifdef HAVE_KTHREAD
	    KTEST_CASE(reader_sleeps_until_data),
	    KTEST_CASE(writer_sleeps_until_room),
	    KTEST_CASE(pipe_buf_writes_are_atomic),
#endif
);
