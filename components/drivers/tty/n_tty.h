/* SPDX-License-Identifier: Apache-2.0 */
/*
 * N_TTY, the line discipline, as a pure state machine (no locks, no
 * scheduler, no user memory): n_tty_receive() takes typed bytes and
 * produces the echo (through cb->output, already output-processed) and the
 * job-control signals (cb->signal); n_tty_read() hands out what a reader
 * may have: whole lines in canonical mode, any bytes in raw mode. The tty
 * component wraps it in a lock and wait queues; tests/test_n_tty.c runs
 * this very code on the host.
 */
#ifndef TTY_N_TTY_H
#define TTY_N_TTY_H

#include <tessera/tty.h>
#include <tessera/types.h>

#define N_TTY_BUF_SIZE 4096u            /* a power of two */
#define N_TTY_MASK (N_TTY_BUF_SIZE - 1)

/* flags[] of a slot */
#define N_TTY_LINE_END 0x1              /* the line ends after this byte */
#define N_TTY_EOF      0x2              /* an EOF mark (^D): ends the line, never read */

struct n_tty_cb {
	void (*output)(void *priv, const unsigned char *buf, size_t len);
	void (*signal)(void *priv, int sig);
};

struct n_tty {
	struct termios termios;
	unsigned char buf[N_TTY_BUF_SIZE];
	unsigned char flags[N_TTY_BUF_SIZE];
	size_t read_tail;                   /* next byte to read (free-running) */
	size_t canon_head;                  /* canonical: end of the last complete line */
	size_t read_head;                   /* next slot to fill */
	unsigned int column;                /* output cursor column */
	unsigned int canon_column;          /* column where the line being edited began */
	bool lnext;                         /* the next byte is literal (^V) */
	bool stopped;                       /* output stopped by ^S (IXON) */
	unsigned char obuf[128];            /* output gathered for one cb->output call */
	size_t olen;
	const struct n_tty_cb *cb;
	void *priv;
};

void n_tty_std_termios(struct termios *t);
void n_tty_init(struct n_tty *ld, const struct n_tty_cb *cb, void *priv);
/* New settings; flush = TCSETSF (drop pending input). */
void n_tty_set_termios(struct n_tty *ld, const struct termios *t, bool flush);
/* Typed bytes; returns how many were taken (all: overflow drops bytes). */
size_t n_tty_receive(struct n_tty *ld, const unsigned char *buf, size_t len);
/* Bytes a read may return now (FIONREAD, poll). */
size_t n_tty_readable(const struct n_tty *ld);
/* Whether a read of @want bytes can complete now (a line, an EOF, VMIN bytes). */
bool n_tty_read_ready(const struct n_tty *ld, size_t want);
/* Up to @len bytes into @dst: their count, 0 at end of file (^D on an empty
 * line), -EAGAIN when there is nothing to read yet. */
long n_tty_read(struct n_tty *ld, unsigned char *dst, size_t len);
/* Program output through OPOST processing to cb->output. */
void n_tty_write(struct n_tty *ld, const unsigned char *buf, size_t len);
void n_tty_flush_input(struct n_tty *ld);

#endif
