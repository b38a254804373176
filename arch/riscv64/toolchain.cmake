# SPDX-License-Identifier: Apache-2.0
# Cross toolchain for riscv64, included by the top-level CMakeLists.txt before
# project(). Debian's riscv64-linux-gnu-gcc serves a freestanding kernel as
# long as nothing from its libc or crt files is linked (-nostdlib).

set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR riscv64)

set(CMAKE_C_COMPILER riscv64-linux-gnu-gcc)
set(CMAKE_ASM_COMPILER riscv64-linux-gnu-gcc)
# The compiler cannot link a hosted test program without our linker script.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

set(TESSERA_OBJCOPY riscv64-linux-gnu-objcopy)
set(TESSERA_NM      riscv64-linux-gnu-nm)
set(TESSERA_SIZE    riscv64-linux-gnu-size)
set(TESSERA_OBJDUMP riscv64-linux-gnu-objdump)
set(TESSERA_ADDR2LINE riscv64-linux-gnu-addr2line)

set(TESSERA_LINKER_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/kernel.ld)

# medany: the kernel is linked at -2 GiB but its first instructions run at
# its physical address, so all addressing must be PC-relative.
# No floating point or vector code: the trap path does not save those.
# The stack-protector canary is the global __stack_chk_guard (panic).
set(TESSERA_ARCH_CFLAGS
    -march=rv64imac_zicsr_zifencei
    -mabi=lp64
    -mcmodel=medany
    -ffreestanding
    -fno-pic
    -fno-pie
    -fno-common
    -fno-omit-frame-pointer
    -fno-optimize-sibling-calls
    -fno-asynchronous-unwind-tables
    -fno-unwind-tables
    -mstack-protector-guard=global
)

set(TESSERA_ARCH_LDFLAGS
    -nostdlib
    -static
    -no-pie
    -Wl,-T,${TESSERA_LINKER_SCRIPT}
    -Wl,--build-id=none
    -Wl,-z,max-page-size=4096
)
# libgcc supplies the compiler's helpers (none expected on rv64imac, but
# cheap insurance); it must come after the objects.
set(TESSERA_ARCH_LIBS -lgcc)

# User programs (components of kind = "user"): Linux riscv64 executables,
# linked static against glibc (libc6-dev-riscv64-cross).
set(TESSERA_USER_CC riscv64-linux-gnu-gcc)
set(TESSERA_USER_CFLAGS -O2 -static)
