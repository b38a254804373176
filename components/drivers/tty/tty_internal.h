/* SPDX-License-Identifier: Apache-2.0 */
/* One terminal: the line discipline under a mutex, its readers, its job control. */
#ifndef TTY_INTERNAL_H
#define TTY_INTERNAL_H

#include <tessera/fs.h>
#include <tessera/mutex.h>
#include <tessera/tty.h>
#include <tessera/wait.h>
#include "n_tty.h"

struct tty_struct {
	const char *name;
	struct mutex lock;                  /* guards ld, winsize, pgrp, session */
	struct n_tty ld;
	wait_queue_head_t read_wait;
	struct winsize winsize;
	int pgrp;                           /* foreground process group (0: none) */
	int session;                        /* the session it controls (0: none) */
	/* The device's output: echo and writes, after OPOST processing. */
	void (*write)(struct tty_struct *tty, const unsigned char *buf, size_t len);
	void *driver_data;
	int last_signal;                    /* what the line discipline raised last */
	unsigned int nr_signals;
	bool rx_started;                    /* the console input pump runs */
};

extern const struct file_operations tty_fops;
void tty_struct_init(struct tty_struct *tty, const char *name,
		     void (*write)(struct tty_struct *, const unsigned char *, size_t));
size_t tty_receive(struct tty_struct *tty, const unsigned char *buf, size_t count);
void tty_get_termios(struct tty_struct *tty, struct termios *t);
void tty_set_termios(struct tty_struct *tty, const struct termios *t, bool flush);
int tty_set_winsize(struct tty_struct *tty, const struct winsize *ws);
int tty_set_pgrp(struct tty_struct *tty, int pgrp);
int tty_readable(struct tty_struct *tty);

#endif
