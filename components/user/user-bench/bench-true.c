// SPDX-License-Identifier: Apache-2.0
/* The smallest static program: exit(0) with no C library (fork+execve bench). */
#if defined(__x86_64__)
__asm__(".globl _start\n_start:\n\tmov $60, %eax\n\txor %edi, %edi\n\tsyscall\n\thlt\n");
#elif defined(__riscv)
__asm__(".globl _start\n_start:\n\tli a7, 93\n\tli a0, 0\n\tecall\n\tunimp\n");
#else
#error "unknown architecture"
#endif
