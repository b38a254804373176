/* SPDX-License-Identifier: Apache-2.0 */
/*
 * x86_64's struct stat (Linux's arch/x86/include/uapi/asm/stat.h): what
 * stat(2), lstat(2), fstat(2) and newfstatat(2) write. An architecture
 * without this header uses the generic layout (the VFS's syscalls.c;
 * riscv64 is generic).
 */
#ifndef ASM_X86_64_STAT_H
#define ASM_X86_64_STAT_H

struct stat {
	unsigned long st_dev;
	unsigned long st_ino;
	unsigned long st_nlink;
	unsigned int st_mode;
	unsigned int st_uid;
	unsigned int st_gid;
	unsigned int __pad0;
	unsigned long st_rdev;
	long st_size;
	long st_blksize;
	long st_blocks;
	unsigned long st_atime;
	unsigned long st_atime_nsec;
	unsigned long st_mtime;
	unsigned long st_mtime_nsec;
	unsigned long st_ctime;
	unsigned long st_ctime_nsec;
	long st_reserved[3];
};
_Static_assert(sizeof(struct stat) == 144, "x86_64 struct stat");

#endif
