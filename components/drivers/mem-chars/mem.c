/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The memory character devices (Linux's drivers/char/mem.c minors):
 *   1:3 null     reads end of file, writes vanish
 *   1:5 zero     reads zeros, writes vanish
 *   1:7 full     reads zeros, writes fail with ENOSPC
 *   1:8 random   reads a pseudo-random stream, writes are mixed in
 *   1:9 urandom  the same stream
 * registered as one major (register_chrdev(1, "mem")) whose open picks
 * the minor's operations, and created in devtmpfs.
 *
 * The random stream is xoshiro256** seeded from the boot clock: not
 * cryptographic (getrandom(2) belongs to the process core).
 */
#include <autoconf.h>
#include <tessera/gfp.h>          /* before interfaces/vfs.h (gfp_t) */
#include <interfaces/devtmpfs.h>
#include <interfaces/lib.h>
#include <interfaces/vfs.h>
#ifdef HAVE_TIME
#include <interfaces/time.h>
#endif
#include <tessera/errno.h>
#include <tessera/fs.h>

#define MEM_MAJOR 1

static loff_t null_lseek(struct file *file, loff_t offset, int whence)
{
	(void)offset; (void)whence;
	file->f_pos = 0;
	return 0;
}

static ssize_t read_null(struct file *file, struct iov_iter *to, loff_t *pos)
{
	(void)file; (void)to; (void)pos;
	return 0;
}

static ssize_t write_null(struct file *file, struct iov_iter *from, loff_t *pos)
{
	size_t n = iov_iter_count(from);

	(void)file; (void)pos;
	from->base += n;
	from->count = 0;
	return (ssize_t)n;
}

static ssize_t read_zero(struct file *file, struct iov_iter *to, loff_t *pos)
{
	size_t want = iov_iter_count(to), n;

	(void)file; (void)pos;
	if (!want)
		return 0;
	n = iov_iter_zero(want, to);
	return n ? (ssize_t)n : -EFAULT;
}

static ssize_t write_full(struct file *file, struct iov_iter *from, loff_t *pos)
{
	(void)file; (void)from; (void)pos;
	return -ENOSPC;
}

/* xoshiro256** */
static u64 rnd_state[4];
static bool rnd_seeded;

static u64 rotl(u64 x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static u64 splitmix64(u64 *x)
{
	u64 z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static void rnd_mix(u64 v)
{
	u64 x = v ^ rnd_state[0] ^ rotl(rnd_state[3], 17);
	unsigned int i;

	for (i = 0; i < 4; i++)
		rnd_state[i] ^= splitmix64(&x);
	if (!(rnd_state[0] | rnd_state[1] | rnd_state[2] | rnd_state[3]))
		rnd_state[0] = 1;
}

static u64 rnd_next(void)
{
	u64 result = rotl(rnd_state[1] * 5, 7) * 9;
	u64 t = rnd_state[1] << 17;

	if (!rnd_seeded) {
		u64 seed = 0x5eed;
#ifdef HAVE_TIME
		seed ^= (u64)ktime_get();
#endif
		rnd_mix(seed);
		rnd_seeded = true;
		result = rotl(rnd_state[1] * 5, 7) * 9;
		t = rnd_state[1] << 17;
	}
	rnd_state[2] ^= rnd_state[0];
	rnd_state[3] ^= rnd_state[1];
	rnd_state[1] ^= rnd_state[2];
	rnd_state[0] ^= rnd_state[3];
	rnd_state[2] ^= t;
	rnd_state[3] = rotl(rnd_state[3], 45);
	return result;
}

static ssize_t read_random(struct file *file, struct iov_iter *to, loff_t *pos)
{
	size_t done = 0;

	(void)file; (void)pos;
	while (iov_iter_count(to)) {
		u64 chunk[8];
		size_t n = iov_iter_count(to), i, c;

		if (n > sizeof(chunk))
			n = sizeof(chunk);
		for (i = 0; i < 8; i++)
			chunk[i] = rnd_next();
		c = copy_to_iter(chunk, n, to);
		done += c;
		if (c < n)
			return done ? (ssize_t)done : -EFAULT;
	}
	return (ssize_t)done;
}

static ssize_t write_random(struct file *file, struct iov_iter *from, loff_t *pos)
{
	size_t done = 0;

	(void)file; (void)pos;
	while (iov_iter_count(from)) {
		u64 v = 0;
		size_t n = iov_iter_count(from), c;

		if (n > sizeof(v))
			n = sizeof(v);
		c = copy_from_iter(&v, n, from);
		done += c;
		if (c < n)
			return done ? (ssize_t)done : -EFAULT;
		rnd_mix(v);
	}
	return (ssize_t)done;
}

static const struct file_operations null_fops = {
	.llseek = null_lseek, .read = read_null, .write = write_null,
};
static const struct file_operations zero_fops = {
	.llseek = null_lseek, .read = read_zero, .write = write_null,
};
static const struct file_operations full_fops = {
	.llseek = null_lseek, .read = read_zero, .write = write_full,
};
static const struct file_operations random_fops = {
	.llseek = null_lseek, .read = read_random, .write = write_random,
};

static const struct memdev {
	const char *name;
	unsigned int minor;
	umode_t mode;
	const struct file_operations *fops;
} devlist[] = {
	{ "null", 3, 0666, &null_fops },
	{ "zero", 5, 0666, &zero_fops },
	{ "full", 7, 0666, &full_fops },
	{ "random", 8, 0666, &random_fops },
	{ "urandom", 9, 0666, &random_fops },
};

static int memory_open(struct inode *inode, struct file *file)
{
	unsigned int minor = MINOR(inode->i_rdev), i;

	for (i = 0; i < sizeof(devlist) / sizeof(devlist[0]); i++) {
		if (devlist[i].minor != minor)
			continue;
		file->f_op = devlist[i].fops;
		if (file->f_op->open)
			return file->f_op->open(inode, file);
		return 0;
	}
	return -ENXIO;
}

static const struct file_operations memory_fops = {
	.open = memory_open,
	.llseek = null_lseek,
};

int mem_chars_init(void)
{
	unsigned int i;
	int err = register_chrdev(MEM_MAJOR, "mem", &memory_fops);

	if (err < 0)
		return err;
	for (i = 0; i < sizeof(devlist) / sizeof(devlist[0]); i++) {
		err = devtmpfs_create_node(devlist[i].name, S_IFCHR | devlist[i].mode,
					   MKDEV(MEM_MAJOR, devlist[i].minor));
		if (err && err != -EEXIST)
			return err;
	}
	return 0;
}
