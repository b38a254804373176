/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Lock debugging, a small lockdep (CONFIG_DEBUG_LOCKDEP, an option of the
 * spinlock component). Every lock carries a struct lockdep_map naming its
 * class; every task keeps the stack of locks it holds with where each was
 * taken (struct lock_site: file and line, recorded by the lock macros, and
 * the caller's address). It reports, once each, with both sites:
 *
 *   - recursion: taking a lock the task already holds (then panics for a
 *     spinlock, which would spin for ever);
 *   - unlock by a task that does not hold the lock;
 *   - sleeping (might_sleep(): mutex_lock, wait_event, schedule) while
 *     holding a spinlock;
 *   - a lock-order inversion between two classes: A then B somewhere, B
 *     then A now (the first site pair is remembered for each order seen).
 *
 * Classes: a lock set up by spin_lock_init()/mutex_init() has the class of
 * that call site (a static key per site, as in Linux); a statically defined
 * lock (DEFINE_SPINLOCK) is its own class.
 */
#ifndef TESSERA_LOCKDEP_H
#define TESSERA_LOCKDEP_H

#include <autoconf.h>
#include <tessera/types.h>

struct lock_class_key {
	char dummy;                     /* only its address matters */
};

struct lock_site {
	const char *file;
	int line;
};

struct lockdep_map {
	const char *name;
	const struct lock_class_key *key;  /* NULL: the map itself is the class */
	unsigned char kind;                /* LD_SPIN, LD_MUTEX */
	/* The last acquisition, for the report of an unlock by another task. */
	const struct lock_site *acquired_site;
	unsigned long acquired_ip;
	const char *acquired_by;
};

#define LD_SPIN  1
#define LD_MUTEX 2

struct held_lock {
	const struct lockdep_map *map;
	const struct lock_site *site;
	unsigned long ip;
};

#define LOCKDEP_MAX_HELD 12

/* Embedded in task_struct; the boot context before the scheduler has its own. */
struct lockdep_task {
	unsigned int depth;
	struct held_lock held[LOCKDEP_MAX_HELD];
};

#ifdef CONFIG_DEBUG_LOCKDEP
/* The call site, one static record per use, only when debugging. */
#define LOCK_SITE ({ static const struct lock_site lock_site_ = { __FILE__, __LINE__ }; &lock_site_; })
#else
#define LOCK_SITE ((const struct lock_site *)0)
#endif

#endif
