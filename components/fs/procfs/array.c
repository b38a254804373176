/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A process's identity and accounts: /proc/<pid>/stat (the one line ps(1)
 * parses, field order from proc(5)), status (the same, named), comm and
 * cmdline (read from the process's own memory, as Linux does).
 */
#include "proc.h"
#include <interfaces/lib.h>
#include <interfaces/mm.h>
#include <interfaces/process.h>

static const char *task_state_name(char state)
{
	switch (state) {
	case 'R': return "running";
	case 'S': return "sleeping";
	case 'D': return "disk sleep";
	case 'Z': return "zombie";
	case 'X': return "dead";
	default:  return "unknown";
	}
}

static int task_ppid(const struct task_struct *task)
{
	return task->real_parent ? task->real_parent->tgid : 0;
}

static int task_threads(const struct task_struct *task)
{
	return task->signal ? task->signal->live : 1;
}

/* Signals with a handler (caught) or ignored: the masks status and stat print. */
static void task_sig_masks(const struct task_struct *task, u64 *ignored, u64 *caught)
{
	int sig;

	*ignored = *caught = 0;
	if (!task->sighand)
		return;
	for (sig = 1; sig < _NSIG; sig++) {
		unsigned long handler = task->sighand->action[sig - 1].handler;

		if (handler == SIG_IGN)
			*ignored |= 1ULL << (sig - 1);
		else if (handler != SIG_DFL)
			*caught |= 1ULL << (sig - 1);
	}
}

int proc_pid_stat_show(struct seq_file *m, struct task_struct *task)
{
	struct mm_struct *mm = proc_get_task_mm(task);
	unsigned long vsize = 0, rss = 0, start_code = 0, end_code = 0, start_stack = 0;
	unsigned long start_data = 0, end_data = 0, start_brk = 0;
	unsigned long arg_start = 0, arg_end = 0, env_start = 0, env_end = 0;
	u64 ignored, caught;
	char state = task_state_char(task);

	if (mm) {
		vsize = mm->total_vm * PAGE_SIZE;
		rss = get_mm_rss(mm);
		start_code = mm->start_code;
		end_code = mm->end_code;
		start_stack = mm->start_stack;
		start_data = mm->start_data;
		end_data = mm->end_data;
		start_brk = mm->start_brk;
		arg_start = mm->arg_start;
		arg_end = mm->arg_end;
		env_start = mm->env_start;
		env_end = mm->env_end;
		mmput(mm);
	}
	task_sig_masks(task, &ignored, &caught);
	seq_printf(m, "%d (%s) %c %d %d %d 0 -1 %u 0 0 0 0 ", task->pid, task->comm, state,
		   task_ppid(task), task_pgrp_vnr(task), task_session_vnr(task), task->flags);
	seq_printf(m, "%llu %llu %llu %llu ", nsec_to_clock_t(task->utime),
		   nsec_to_clock_t(task->stime),
		   nsec_to_clock_t(task->signal ? task->signal->cutime : 0),
		   nsec_to_clock_t(task->signal ? task->signal->cstime : 0));
	seq_printf(m, "%d %d %d 0 %llu %lu %lu 18446744073709551615 ", 20 + task->se.nice,
		   task->se.nice, task_threads(task), nsec_to_clock_t(task->start_time), vsize,
		   rss);
	seq_printf(m, "%lu %lu %lu 0 0 0 %llu %llu %llu 0 0 0 %d 0 0 0 0 0 0 ", start_code,
		   end_code, start_stack, (unsigned long long)task->blocked,
		   (unsigned long long)ignored, (unsigned long long)caught, task->exit_signal);
	seq_printf(m, "%lu %lu %lu %lu %lu %lu %lu %d\n", start_data, end_data, start_brk,
		   arg_start, arg_end, env_start, env_end, task->exit_code);
	return 0;
}

static void show_kb(struct seq_file *m, const char *name, unsigned long pages)
{
	seq_printf(m, "%s:\t%8lu kB\n", name, pages * (PAGE_SIZE / 1024));
}

int proc_pid_status_show(struct seq_file *m, struct task_struct *task)
{
	struct mm_struct *mm = proc_get_task_mm(task);
	char state = task_state_char(task);
	u64 ignored, caught;

	seq_printf(m, "Name:\t%s\n", task->comm);
	seq_printf(m, "State:\t%c (%s)\n", state, task_state_name(state));
	seq_printf(m, "Tgid:\t%d\nPid:\t%d\nPPid:\t%d\nTracerPid:\t0\n", task->tgid, task->pid,
		   task_ppid(task));
	seq_puts(m, "Uid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n");
	if (mm) {
		unsigned long anon = get_mm_counter(mm, MM_ANONPAGES);
		unsigned long file = get_mm_counter(mm, MM_FILEPAGES);
		unsigned long shmem = get_mm_counter(mm, MM_SHMEMPAGES);
		unsigned long rss = anon + file + shmem;

		show_kb(m, "VmPeak", mm->total_vm);
		show_kb(m, "VmSize", mm->total_vm);
		show_kb(m, "VmHWM", rss > mm->hiwater_rss ? rss : mm->hiwater_rss);
		show_kb(m, "VmRSS", rss);
		show_kb(m, "RssAnon", anon);
		show_kb(m, "RssFile", file);
		show_kb(m, "RssShmem", shmem);
		show_kb(m, "VmStk", mm->stack_vm);
		show_kb(m, "VmExe", (mm->end_code - mm->start_code) / PAGE_SIZE);
		mmput(mm);
	}
	seq_printf(m, "Threads:\t%d\n", task_threads(task));
	task_sig_masks(task, &ignored, &caught);
	seq_printf(m, "SigPnd:\t%016llx\n", (unsigned long long)task->pending);
	seq_printf(m, "ShdPnd:\t%016llx\n",
		   (unsigned long long)(task->signal ? task->signal->shared_pending : 0));
	seq_printf(m, "SigBlk:\t%016llx\n", (unsigned long long)task->blocked);
	seq_printf(m, "SigIgn:\t%016llx\n", (unsigned long long)ignored);
	seq_printf(m, "SigCgt:\t%016llx\n", (unsigned long long)caught);
	seq_printf(m, "voluntary_ctxt_switches:\t%lu\n", task->nvcsw);
	seq_printf(m, "nonvoluntary_ctxt_switches:\t%lu\n", task->nivcsw);
	return 0;
}

int proc_pid_comm_show(struct seq_file *m, struct task_struct *task)
{
	seq_printf(m, "%s\n", task->comm);
	return 0;
}

/* The argument strings as the process holds them: NUL-separated, from its memory. */
int proc_pid_cmdline_show(struct seq_file *m, struct task_struct *task)
{
	struct mm_struct *mm = proc_get_task_mm(task);
	unsigned long addr, end;
	char chunk[256];

	if (!mm)
		return 0;               /* a kernel thread, or exiting: empty, as Linux */
	addr = mm->arg_start;
	end = mm->arg_end;
	while (addr < end && !m->overflow) {
		int want = end - addr > sizeof(chunk) ? (int)sizeof(chunk) : (int)(end - addr);
		int got = access_remote_vm(mm, addr, chunk, want, 0);

		if (got <= 0)
			break;
		seq_write(m, chunk, (size_t)got);
		addr += (unsigned long)got;
	}
	mmput(mm);
	return 0;
}
