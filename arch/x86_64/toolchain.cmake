# SPDX-License-Identifier: Apache-2.0
# x86_64 cross settings, included by the top-level CMakeLists.txt before
# project(). The host gcc targets x86_64 already; the flags make its output
# fit a higher-half, freestanding kernel.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(CMAKE_C_COMPILER gcc)
set(CMAKE_ASM_COMPILER gcc)
# Linking a test executable would fail without our linker script.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

set(TESSERA_OBJCOPY   objcopy)
set(TESSERA_NM        nm)
set(TESSERA_SIZE      size)
set(TESSERA_OBJDUMP   objdump)
set(TESSERA_ADDR2LINE addr2line)

# Plain variables, not cache entries, so edits here reach existing build trees.
set(TESSERA_LINKER_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/kernel.ld")

# -mcmodel=kernel: every symbol is in the top 2 GiB (see kernel.ld).
# -mno-red-zone: traps push onto the interrupted stack below %rsp.
# -mgeneral-regs-only: nothing saves SSE state, so C must not touch it.
# -fno-omit-frame-pointer / -mno-omit-leaf-frame-pointer: backtraces walk %rbp.
# -mstack-protector-guard=global: the canary is __stack_chk_guard (defined by
#   the panic component, given a per-boot value by boot.S), not %fs:40.
# -fcf-protection=none: no ENDBR64 and no .note.gnu.property in the image.
set(TESSERA_ARCH_CFLAGS
    -ffreestanding
    -fno-common
    -fno-pic
    -fno-pie
    -mcmodel=kernel
    -mno-red-zone
    -mgeneral-regs-only
    -fno-omit-frame-pointer
    -mno-omit-leaf-frame-pointer
    -mstack-protector-guard=global
    -fno-asynchronous-unwind-tables
    -fno-unwind-tables
    -fcf-protection=none)

# With CONFIG_CC_OPTIMIZE_FOR_SIZE: no padding of data beyond the ABI's alignment.
set(TESSERA_ARCH_SIZE_CFLAGS -malign-data=abi)

set(TESSERA_ARCH_LDFLAGS
    -nostdlib
    -static
    -no-pie
    -Wl,-T,${TESSERA_LINKER_SCRIPT}
    -Wl,-z,max-page-size=4096
    -Wl,-z,noexecstack
    -Wl,--build-id=none)
# libgcc holds the compiler's helpers (none expected on x86_64); after the objects.
set(TESSERA_ARCH_LIBS -lgcc)

# User programs (components of kind = "user"): Linux x86_64 executables,
# linked static against the host's glibc (libc6-dev).
set(TESSERA_USER_CC gcc)
set(TESSERA_USER_CFLAGS -O2 -static)
