/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A process's mappings: /proc/<pid>/maps (one line per VMA, Linux's
 * format: range, permissions, offset, device, inode, path or [heap]/
 * [stack]/the special mapping's name) and statm (sizes in pages).
 */
#include "proc.h"
#include <tessera/errno.h>
#include <interfaces/lib.h>
#include <interfaces/mm.h>
#include <interfaces/vfs.h>

/* Linux pads the path to this column on 64-bit: 25 + 6 * sizeof(void *) - 1. */
#define MAPS_PATH_COLUMN 73

static void show_map_vma(struct seq_file *m, struct vm_area_struct *vma)
{
	unsigned long flags = vma->vm_flags;
	const char *name = NULL;
	char path[128];
	u64 ino = 0;
	unsigned int dev = 0;

	if (vma->vm_file) {
		struct inode *inode = file_inode(vma->vm_file);
		char *p = d_path(&vma->vm_file->f_path, path, sizeof(path));

		ino = inode->i_ino;
		dev = inode->i_sb ? inode->i_sb->s_dev : 0;
		name = IS_ERR(p) ? "?" : p;
	}
	seq_printf(m, "%08lx-%08lx %c%c%c%c %08lx %02x:%02x %llu ", vma->vm_start, vma->vm_end,
		   flags & VM_READ ? 'r' : '-', flags & VM_WRITE ? 'w' : '-',
		   flags & VM_EXEC ? 'x' : '-', flags & VM_MAYSHARE ? 's' : 'p',
		   vma->vm_file ? vma->vm_pgoff << PAGE_SHIFT : 0UL, MAJOR(dev), MINOR(dev),
		   (unsigned long long)ino);
	if (!name)
		name = vma_special_name(vma);
	if (name) {
		seq_pad_to(m, MAPS_PATH_COLUMN);
		seq_puts(m, name);
	}
	seq_putc(m, '\n');
}

int proc_pid_maps_show(struct seq_file *m, struct task_struct *task)
{
	struct mm_struct *mm = proc_get_task_mm(task);
	struct vm_area_struct *vma;

	if (!mm)
		return 0;
	mmap_read_lock(mm);
	for_each_vma(mm, vma)
		show_map_vma(m, vma);
	mmap_read_unlock(mm);
	mmput(mm);
	return 0;
}

int proc_pid_statm_show(struct seq_file *m, struct task_struct *task)
{
	struct mm_struct *mm = proc_get_task_mm(task);
	unsigned long size = 0, resident = 0, shared = 0, text = 0, data = 0;

	if (mm) {
		size = mm->total_vm;
		resident = get_mm_rss(mm);
		shared = get_mm_counter(mm, MM_FILEPAGES) + get_mm_counter(mm, MM_SHMEMPAGES);
		text = (ALIGN_UP(mm->end_code, PAGE_SIZE) - (mm->start_code & PAGE_MASK)) >> PAGE_SHIFT;
		data = mm->total_vm - mm->stack_vm;
		mmput(mm);
	}
	seq_printf(m, "%lu %lu %lu %lu 0 %lu 0\n", size, resident, shared, text, data);
	return 0;
}
