/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The global entries: meminfo from the zones' counters, uptime, version,
 * loadavg, stat and the boot command line, in Linux's formats (free(1),
 * ps(1) and top(1) parse them).
 */
#include "proc.h"
#include <tessera/boot.h>
#include <tessera/mmzone.h>
#include <tessera/timer.h>
#include <tessera/errno.h>
#include <interfaces/arch.h>
#include <interfaces/kmalloc.h>
#include <interfaces/lib.h>
#include <interfaces/page_alloc.h>
#include <interfaces/process.h>
#include <interfaces/sched.h>
#include <interfaces/time.h>
#include <interfaces/vfs.h>

#define K(pages) ((pages) * (PAGE_SIZE / 1024))

static unsigned long global_page_state(enum zone_stat_item item)
{
	const struct zone *zone;
	unsigned long sum = 0;

	for_each_zone(&contig_page_data, zone)
		sum += zone_page_state(zone, item);
	return sum;
}

static unsigned long total_high_wmark(void)
{
	const struct zone *zone;
	unsigned long sum = 0;

	for_each_zone(&contig_page_data, zone)
		if (populated_zone(zone))
			sum += high_wmark_pages(zone);
	return sum;
}

static void show_val_kb(struct seq_file *m, const char *name, unsigned long pages)
{
	seq_printf(m, "%s", name);
	seq_pad_to(m, 16);
	seq_printf(m, "%8lu kB\n", K(pages));
}

int proc_meminfo_show(struct seq_file *m, struct task_struct *task)
{
	unsigned long total = totalram_pages(), free = nr_free_pages();
	unsigned long cached = global_page_state(NR_FILE_PAGES);
	unsigned long reserve = total_high_wmark();
	/*
	 * Nothing is reclaimable yet (no reclaim, ramfs pages stay): what can
	 * be allocated without reclaim is the free memory above the
	 * watermarks, Linux's estimate without its page-cache and slab terms.
	 */
	unsigned long available = free > reserve ? free - reserve : 0;

	(void)task;
	show_val_kb(m, "MemTotal:", total);
	show_val_kb(m, "MemFree:", free);
	show_val_kb(m, "MemAvailable:", available);
	show_val_kb(m, "Buffers:", 0);
	show_val_kb(m, "Cached:", cached);
	show_val_kb(m, "SwapCached:", 0);
	show_val_kb(m, "Active:", global_page_state(NR_ACTIVE_ANON) +
				  global_page_state(NR_ACTIVE_FILE));
	show_val_kb(m, "Inactive:", global_page_state(NR_INACTIVE_ANON) +
				    global_page_state(NR_INACTIVE_FILE));
	show_val_kb(m, "Active(anon):", global_page_state(NR_ACTIVE_ANON));
	show_val_kb(m, "Inactive(anon):", global_page_state(NR_INACTIVE_ANON));
	show_val_kb(m, "Active(file):", global_page_state(NR_ACTIVE_FILE));
	show_val_kb(m, "Inactive(file):", global_page_state(NR_INACTIVE_FILE));
	show_val_kb(m, "Unevictable:", global_page_state(NR_UNEVICTABLE));
	show_val_kb(m, "Mlocked:", 0);
	show_val_kb(m, "SwapTotal:", 0);
	show_val_kb(m, "SwapFree:", 0);
	show_val_kb(m, "Dirty:", global_page_state(NR_FILE_DIRTY));
	show_val_kb(m, "Writeback:", global_page_state(NR_WRITEBACK));
	show_val_kb(m, "AnonPages:", global_page_state(NR_ANON_MAPPED));
	show_val_kb(m, "Mapped:", 0);
	show_val_kb(m, "Shmem:", 0);
	show_val_kb(m, "Slab:", global_page_state(NR_SLAB));
	show_val_kb(m, "SReclaimable:", 0);
	show_val_kb(m, "SUnreclaim:", global_page_state(NR_SLAB));
	show_val_kb(m, "CommitLimit:", total);
	return 0;
}

int proc_uptime_show(struct seq_file *m, struct task_struct *task)
{
	u64 ns = (u64)ktime_get();
	unsigned long long centis = ns / 10000000ULL;

	(void)task;
	/* The second figure is idle time summed over CPUs: not accounted yet, so 0. */
	seq_printf(m, "%llu.%02llu 0.00\n", centis / 100, centis % 100);
	return 0;
}

int proc_version_show(struct seq_file *m, struct task_struct *task)
{
	(void)task;
	seq_printf(m, "Tessera version %s (%s) (product %s)\n", arch_name(), __VERSION__,
		   TESSERA_PRODUCT);
	return 0;
}

static void count_tasks(unsigned long *total, unsigned long *running, int *last)
{
	int tgid;

	*total = *running = 0;
	*last = 0;
	for (tgid = next_tgid(0); tgid > 0; tgid = next_tgid(tgid)) {
		struct task_struct *task = proc_get_task(tgid);

		if (!task)
			continue;
		(*total)++;
		if (task_state_char(task) == 'R')
			(*running)++;
		*last = tgid;
		put_task_struct(task);
	}
}

int proc_loadavg_show(struct seq_file *m, struct task_struct *task)
{
	unsigned long total, running;
	int last;

	(void)task;
	count_tasks(&total, &running, &last);
	/* Load averages are not computed yet (no calc_global_load): 0.00. */
	seq_printf(m, "0.00 0.00 0.00 %lu/%lu %d\n", running, total, last);
	return 0;
}

int proc_stat_show(struct seq_file *m, struct task_struct *task)
{
	unsigned long total, running;
	int last;

	(void)task;
	count_tasks(&total, &running, &last);
	/* Per-CPU time is not accounted by state yet: the rows say so with zeros. */
	seq_puts(m, "cpu  0 0 0 0 0 0 0 0 0 0\n");
	seq_puts(m, "cpu0 0 0 0 0 0 0 0 0 0 0\n");
	seq_puts(m, "intr 0\n");
	seq_printf(m, "ctxt %lu\n", nr_context_switches());
	seq_puts(m, "btime 0\n");
	seq_printf(m, "processes %d\n", last);
	seq_printf(m, "procs_running %lu\n", running);
	seq_puts(m, "procs_blocked 0\n");
	return 0;
}

/* The VFS renders its own tables (snprintf's contract: the length it needed). */
static int show_from_vfs(struct seq_file *m, int (*render)(char *buf, int size))
{
	int size = 1024;

	for (;;) {
		char *buf = kmalloc((size_t)size);
		int n;

		if (!buf)
			return -ENOMEM;
		n = render(buf, size);
		if (n >= 0 && n < size)
			seq_write(m, buf, (size_t)n);
		kfree(buf);
		if (n < size)
			return n < 0 ? n : 0;
		size = n + 1;
	}
}

int proc_mounts_show(struct seq_file *m, struct task_struct *task)
{
	(void)task;
	return show_from_vfs(m, vfs_mounts_show);
}

int proc_filesystems_show(struct seq_file *m, struct task_struct *task)
{
	(void)task;
	return show_from_vfs(m, vfs_filesystems_show);
}

int proc_devices_show(struct seq_file *m, struct task_struct *task)
{
	(void)task;
	return show_from_vfs(m, vfs_chrdevs_show);
}

int proc_cmdline_show(struct seq_file *m, struct task_struct *task)
{
	(void)task;
	seq_printf(m, "%s\n", arch_boot_info()->cmdline);
	return 0;
}
