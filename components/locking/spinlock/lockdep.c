/* SPDX-License-Identifier: Apache-2.0 */
/*
 * lockdep-lite (CONFIG_DEBUG_LOCKDEP; see <tessera/lockdep.h> for what it
 * reports). State:
 *
 *   - per task, the stack of held locks with their sites (task_struct.
 *     lockdep; before the scheduler adopts the boot context, a static one);
 *   - a table of lock-class orders seen: "B taken while A held", with the
 *     two sites where that first happened. Taking A while holding B when
 *     B-then-A is in the table is an inversion: two tasks doing one order
 *     each can deadlock. Only direct two-class cycles are detected (longer
 *     chains are Linux lockdep's graph search, not needed yet).
 *
 * After the first report the checks switch off (debug_locks = 0, as in
 * Linux): a second report would likely be a consequence of the first.
 * The checks run with interrupts off: the tables are shared.
 */
#include <tessera/compiler.h>
#include <tessera/lockdep.h>
#include <tessera/printk.h>
#include <tessera/sched.h>
#include <interfaces/arch.h>
#include <interfaces/lockdep.h>
#include <interfaces/panic.h>
#include <interfaces/printk.h>

#define LOCKDEP_MAX_ORDERS 64

struct lock_order {
	const void *before, *after;             /* classes */
	const char *before_name, *after_name;
	const struct lock_site *before_site, *after_site;
	unsigned long before_ip, after_ip;
};

static struct lock_order orders[LOCKDEP_MAX_ORDERS];
static unsigned int nr_orders;
static struct lockdep_task boot_held;   /* the boot context, until it is a task */
static bool debug_locks = true;
static unsigned int nr_reports;

void lockdep_init_map(struct lockdep_map *map, const char *name,
		      const struct lock_class_key *key, unsigned int kind)
{
	map->name = name;
	map->key = key;
	map->kind = (unsigned char)kind;
	map->acquired_site = NULL;
	map->acquired_ip = 0;
	map->acquired_by = NULL;
}

static const void *lock_class(const struct lockdep_map *map)
{
	return map->key ? (const void *)map->key : (const void *)map;
}

static struct lockdep_task *held_locks(void)
{
	struct task_struct *task = current;

	return task ? &task->lockdep : &boot_held;
}

static const char *task_comm(void)
{
	struct task_struct *task = current;

	return task ? task->comm : "boot";
}

static void print_site(const char *what, const char *name, const struct lock_site *site,
		       unsigned long ip)
{
	if (site)
		printk(KERN_ERR "  %s '%s' at %s:%d [<%016lx>]\n", what, name, site->file,
		       site->line, ip);
	else
		printk(KERN_ERR "  %s '%s' at [<%016lx>]\n", what, name, ip);
}

static void report_begin(const char *title)
{
	debug_locks = false;
	nr_reports++;
	printk(KERN_ERR "======================================================\n");
	printk(KERN_ERR "lockdep: %s\n", title);
	printk(KERN_ERR "task %s\n", task_comm());
}

static void report_end(void)
{
	arch_dump_stack();
	printk(KERN_ERR "======================================================\n");
}

static const struct lock_order *find_order(const void *before, const void *after)
{
	unsigned int i;

	for (i = 0; i < nr_orders; i++)
		if (orders[i].before == before && orders[i].after == after)
			return &orders[i];
	return NULL;
}

static void check_order(const struct held_lock *held, const struct lockdep_map *map,
			const struct lock_site *site, unsigned long ip)
{
	const void *a = lock_class(held->map), *b = lock_class(map);
	const struct lock_order *inverse;

	if (a == b || find_order(a, b))
		return;
	inverse = find_order(b, a);
	if (inverse) {
		report_begin("possible circular locking dependency detected");
		printk(KERN_ERR "earlier, '%s' was taken while '%s' was held:\n",
		       inverse->after_name, inverse->before_name);
		print_site("held", inverse->before_name, inverse->before_site, inverse->before_ip);
		print_site("then took", inverse->after_name, inverse->after_site, inverse->after_ip);
		printk(KERN_ERR "now the reverse order:\n");
		print_site("held", held->map->name, held->site, held->ip);
		print_site("now takes", map->name, site, ip);
		report_end();
		return;
	}
	if (nr_orders < LOCKDEP_MAX_ORDERS) {
		orders[nr_orders++] = (struct lock_order){
			.before = a, .after = b,
			.before_name = held->map->name, .after_name = map->name,
			.before_site = held->site, .after_site = site,
			.before_ip = held->ip, .after_ip = ip,
		};
	}
}

void lock_acquire(struct lockdep_map *map, const struct lock_site *site, unsigned long ip)
{
	unsigned long flags;
	struct lockdep_task *tl;
	unsigned int i;

	if (!debug_locks)
		return;
	flags = arch_irq_save();
	tl = held_locks();
	for (i = 0; i < tl->depth; i++) {
		if (tl->held[i].map == map) {
			report_begin("possible recursive locking detected");
			print_site("first acquired", map->name, tl->held[i].site, tl->held[i].ip);
			print_site("acquired again", map->name, site, ip);
			report_end();
			/* Going on would spin (a spinlock) or sleep (a mutex) for ever. */
			panic("lockdep: recursive locking of '%s'", map->name);
		}
		check_order(&tl->held[i], map, site, ip);
	}
	if (tl->depth < LOCKDEP_MAX_HELD) {
		tl->held[tl->depth++] = (struct held_lock){ .map = map, .site = site, .ip = ip };
	} else {
		report_begin("too many locks held");
		report_end();
	}
	map->acquired_site = site;
	map->acquired_ip = ip;
	map->acquired_by = task_comm();
	arch_irq_restore(flags);
}

void lock_release(struct lockdep_map *map, const struct lock_site *site, unsigned long ip)
{
	unsigned long flags;
	struct lockdep_task *tl;
	unsigned int i;

	if (!debug_locks)
		return;
	flags = arch_irq_save();
	tl = held_locks();
	for (i = tl->depth; i-- > 0;) {
		if (tl->held[i].map != map)
			continue;
		/* Out-of-order release is allowed: close the gap. */
		for (; i + 1 < tl->depth; i++)
			tl->held[i] = tl->held[i + 1];
		tl->depth--;
		arch_irq_restore(flags);
		return;
	}
	report_begin("bad unlock: the lock is not held by this task");
	if (map->acquired_by)
		printk(KERN_ERR "lock '%s' was last acquired by task %s:\n", map->name,
		       map->acquired_by);
	print_site("acquired", map->name, map->acquired_site, map->acquired_ip);
	print_site("released", map->name, site, ip);
	report_end();
	arch_irq_restore(flags);
}

bool lock_is_held(const struct lockdep_map *map)
{
	struct lockdep_task *tl = held_locks();
	unsigned int i;

	for (i = 0; i < tl->depth; i++)
		if (tl->held[i].map == map)
			return true;
	return false;
}

unsigned int lockdep_reports(void)
{
	return nr_reports;
}

/* Sleeping with a spinlock held: the sleeper keeps the CPU's preemption off. */
void lockdep_might_sleep(const struct lock_site *site, unsigned long ip)
{
	struct lockdep_task *tl;
	unsigned int i;

	if (!debug_locks)
		return;
	tl = held_locks();
	for (i = tl->depth; i-- > 0;) {
		const struct held_lock *h = &tl->held[i];

		if (h->map->kind != LD_SPIN)
			continue;
		report_begin("sleeping function called from invalid context");
		printk(KERN_ERR "a spinlock is held:\n");
		print_site("acquired", h->map->name, h->site, h->ip);
		print_site("sleeps", "(might_sleep)", site, ip);
		report_end();
		return;
	}
}
