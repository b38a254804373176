/* SPDX-License-Identifier: Apache-2.0 */
/* Linux errno numbers, so values read the same in both kernels. */
#ifndef TESSERA_ERRNO_H
#define TESSERA_ERRNO_H

#define EPERM    1
#define ENOENT   2
#define EIO      5
#define E2BIG    7
#define EBADF    9
#define EAGAIN  11
#define ENOMEM  12
#define EFAULT  14
#define EBUSY   16
#define EEXIST  17
#define ENODEV  19
#define EINVAL  22
#define ENOSPC  28
#define ERANGE  34
#define ENOSYS  38

#endif
