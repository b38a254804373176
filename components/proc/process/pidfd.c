// SPDX-License-Identifier: Apache-2.0
/*
 * pidfds: a file that names a process (pidfd_open, clone's CLONE_PIDFD),
 * for pidfd_send_signal and waitid(P_PIDFD). The file holds the pid
 * number (private_data); the process may be gone, then -ESRCH.
 */
#include <interfaces/lib.h>
#include <interfaces/process.h>
#include <interfaces/uaccess.h>
#include "vfs_glue.h"

#include "process.h"

#define PIDFD_NONBLOCK O_NONBLOCK

static int pidfd_release(struct inode *inode, struct file *file)
{
	(void)inode;
	(void)file;
	return 0;
}

static const struct file_operations pidfd_fops = {
	.release = pidfd_release,
};

/* Every pidfd shares this inode; it is never freed. */
static struct inode pidfd_inode;

int pidfd_create(int pid, unsigned int flags)
{
	struct file *f;
	int fd;

	if (!pidfd_inode.i_mapping) {
		pidfd_inode.i_mode = S_IFREG | 0600;
		pidfd_inode.i_mapping = &pidfd_inode.i_data;
		atomic_set(&pidfd_inode.i_count, 1 << 30);
	}
	fd = get_unused_fd_flags(O_CLOEXEC);
	if (fd < 0)
		return fd;
	f = alloc_file_pseudo(&pidfd_inode, "[pidfd]", O_RDWR | (flags & PIDFD_NONBLOCK), &pidfd_fops);
	if (IS_ERR(f)) {
		put_unused_fd((unsigned int)fd);
		return (int)PTR_ERR(f);
	}
	f->private_data = (void *)(long)pid;
	fd_install((unsigned int)fd, f);
	return fd;
}

/* The pid a pidfd names, or -EBADF. */
int pidfd_get_pid(unsigned int fd)
{
	struct file *f = fget(fd);
	int pid;

	if (!f)
		return -EBADF;
	if (f->f_op != &pidfd_fops) {
		fput(f);
		return -EBADF;
	}
	pid = (int)(long)f->private_data;
	fput(f);
	return pid;
}

SYSCALL_DEFINE2(pidfd_open, int, pid, unsigned int, flags)
{
	struct task_struct *p;

	if (flags & ~PIDFD_NONBLOCK)
		return -EINVAL;
	if (pid <= 0)
		return -EINVAL;
	p = find_task_by_vpid(pid);
	if (!p || !thread_group_leader(p))
		return -ESRCH;
	return pidfd_create(pid, flags);
}

SYSCALL_DEFINE4(pidfd_send_signal, int, pidfd, int, sig, kernel_siginfo_t __user *, info,
		unsigned int, flags)
{
	kernel_siginfo_t kinfo;
	int pid;

	if (flags)
		return -EINVAL;
	if (sig && !valid_signal((unsigned long)sig))
		return -EINVAL;
	pid = pidfd_get_pid((unsigned int)pidfd);
	if (pid < 0)
		return pid;
	memset(&kinfo, 0, sizeof(kinfo));
	if (info) {
		if (copy_from_user(&kinfo, info, sizeof(kinfo)))
			return -EFAULT;
		if (kinfo.si_signo != sig)
			return -EINVAL;
		/* Only the kernel may claim to be the kernel (or SI_TKILL). */
		if ((kinfo.si_code >= 0 || kinfo.si_code == SI_TKILL) && pid != current->tgid)
			return -EPERM;
	} else {
		kinfo.si_signo = sig;
		kinfo.si_code = SI_USER;
		kinfo.si_pid = current->tgid;
	}
	return kill_pid_info(sig, &kinfo, pid);
}
