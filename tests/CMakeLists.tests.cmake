# SPDX-License-Identifier: Apache-2.0
#
# The test project (`make test`): host tests of every component, compiled
# natively with AddressSanitizer and UndefinedBehaviorSanitizer, plus CTest
# entries for the tool tests, the layering tests, the generated snapshots,
# a boot test of every product in graphs/ and the crash tests of the
# <arch>-crash products.
project(TesseraTests LANGUAGES C)
enable_testing()

set(src ${CMAKE_CURRENT_SOURCE_DIR})

# --- Host tests ------------------------------------------------------------------
execute_process(
  COMMAND ${TESSERA_PYTHON} ${TESSERA_TOOL} htests --out ${CMAKE_BINARY_DIR}/htests.cmake
  WORKING_DIRECTORY ${src}
  RESULT_VARIABLE htests_status)
if(NOT htests_status EQUAL 0)
  message(FATAL_ERROR "The graph tool could not list the host tests (errors above).")
endif()
include(${CMAKE_BINARY_DIR}/htests.cmake)
file(GLOB_RECURSE tessera_manifests CONFIGURE_DEPENDS
  ${src}/components/component.toml ${src}/arch/component.toml)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${tessera_manifests})

set(sanitizers -fsanitize=address,undefined -fno-sanitize-recover=all)
foreach(test IN LISTS TESSERA_HTESTS)
  add_executable(htest_${test} ${src}/${TESSERA_HTEST_${test}_SOURCE})
  target_include_directories(htest_${test} PRIVATE
    ${src}/include ${src}/${TESSERA_HTEST_${test}_DIR})
  target_compile_options(htest_${test} PRIVATE
    -std=gnu11 -g -O1 -Wall -Wextra -Werror -fno-omit-frame-pointer ${sanitizers})
  target_link_options(htest_${test} PRIVATE ${sanitizers})
  string(REPLACE "__" "/" test_name ${test})
  add_test(NAME host/${test_name} COMMAND htest_${test})
  set_tests_properties(host/${test_name} PROPERTIES
    ENVIRONMENT "ASAN_OPTIONS=detect_leaks=1:abort_on_error=0;UBSAN_OPTIONS=print_stacktrace=1")
endforeach()

# --- The graph tool and the runner --------------------------------------------------
add_test(NAME tools/pytest
  COMMAND ${TESSERA_PYTHON} -m pytest -q -p no:cacheprovider ${src}/tests/tools
  WORKING_DIRECTORY ${src})
# Tessera's user programs (user/) built static and run on the host's Linux,
# the reference their expectations are checked against (tests/user/).
add_test(NAME user/host-linux
  COMMAND ${TESSERA_PYTHON} -m pytest -q -p no:cacheprovider ${src}/tests/user
  WORKING_DIRECTORY ${src})
set_tests_properties(user/host-linux PROPERTIES TIMEOUT 1800)
add_test(NAME tools/check-generated
  COMMAND ${TESSERA_PYTHON} ${TESSERA_TOOL} check --generated
  WORKING_DIRECTORY ${src})

# --- Every product builds, boots and passes its tests ------------------------------
file(GLOB products RELATIVE ${src}/graphs CONFIGURE_DEPENDS ${src}/graphs/*/product.toml)
foreach(product_toml IN LISTS products)
  get_filename_component(product ${product_toml} DIRECTORY)
  add_test(NAME boot/${product}
    COMMAND ${src}/tests/boot/boot-product ${product}
    WORKING_DIRECTORY ${src})
  # Builds of different products may run in parallel; of one product, not.
  set_tests_properties(boot/${product} PROPERTIES RESOURCE_LOCK build-${product})
endforeach()

# The console terminal typed at as a person would (pipelines, ^C, ^D, ^Z, SIGTTIN,
# stty, raw mode, a FIFO) through BusyBox's shell on the products that carry it.
foreach(product x86_64-test riscv64-test)
  if(EXISTS ${src}/graphs/${product}/product.toml)
    add_test(NAME tty/${product}
      COMMAND ${TESSERA_PYTHON} ${src}/tests/boot/tty-session ${product}
      WORKING_DIRECTORY ${src})
    set_tests_properties(tty/${product} PROPERTIES RESOURCE_LOCK build-${product} TIMEOUT 900)
  endif()
endforeach()

# `make size` attributes every byte of the image (reuses the boot test's build).
foreach(product x86_64-tiny riscv64-tiny)
  add_test(NAME size/${product} COMMAND ${src}/tests/size/size-sums ${product}
    WORKING_DIRECTORY ${src})
  set_tests_properties(size/${product} PROPERTIES RESOURCE_LOCK build-${product}
    DEPENDS boot/${product})
endforeach()

# Linux-style `make <mode>config` targets write a .config that builds (and boots).
# allyesconfig only builds: on x86_64 it enables platform-fdt, whose ktests
# expect a devicetree the PC has not.
foreach(mode defconfig allnoconfig allyesconfig)
  set(boot_flag)
  if(mode STREQUAL "allyesconfig")
    set(boot_flag --no-boot)
  endif()
  add_test(NAME config/${mode}/x86_64-tiny
    COMMAND ${src}/tests/config/make-config ${boot_flag} ${mode} x86_64-tiny
    WORKING_DIRECTORY ${src})
  set_tests_properties(config/${mode}/x86_64-tiny PROPERTIES TIMEOUT 600)
endforeach()

# A kernel whose KTAP ran nothing (1..0) fails against the graph's ktest plan.
add_test(NAME boot/ktap-plan COMMAND ${src}/tests/boot/ktap-plan WORKING_DIRECTORY ${src})

# --- The fatal paths: traps, panic, stack protector, on every architecture --------
# graphs/<arch>-crash carry the crashtest component; crashtest=<kind> on the
# command line makes them crash on purpose, and the report is checked. The
# kinds come from components/test/crashtest/kinds.toml, kept to those the
# product's graph can run (their interfaces, the architecture's report in
# arch/<arch>/arch.toml): crash-product --list says which.
file(GLOB crash_products RELATIVE ${src}/graphs CONFIGURE_DEPENDS ${src}/graphs/*-crash/product.toml)
file(GLOB crash_facts CONFIGURE_DEPENDS ${src}/arch/*/arch.toml)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
  ${src}/components/test/crashtest/kinds.toml ${crash_facts})
foreach(product_toml IN LISTS crash_products)
  get_filename_component(product ${product_toml} DIRECTORY)
  string(REGEX REPLACE "-crash$" "" arch ${product})
  execute_process(
    COMMAND ${TESSERA_PYTHON} ${src}/tests/boot/crash-product --list ${product}
    WORKING_DIRECTORY ${src}
    OUTPUT_VARIABLE crash_kinds OUTPUT_STRIP_TRAILING_WHITESPACE
    RESULT_VARIABLE crash_status)
  if(NOT crash_status EQUAL 0)
    message(FATAL_ERROR "tests/boot/crash-product --list ${product} failed (errors above).")
  endif()
  string(REPLACE "\n" ";" crash_kinds "${crash_kinds}")
  foreach(kind IN LISTS crash_kinds)
    add_test(NAME crash/${arch}/${kind}
      COMMAND ${src}/tests/boot/crash-product ${product} ${kind}
      WORKING_DIRECTORY ${src})
    set_tests_properties(crash/${arch}/${kind} PROPERTIES RESOURCE_LOCK build-${product})
  endforeach()
endforeach()

# --- Lock debugging: planted locking bugs, on every architecture ------------------
# graphs/<arch>-lockdep carry CONFIG_DEBUG_LOCKDEP and lockdep-test;
# lockdeptest=<kind> plants a bug and the report (both sites) is checked.
file(GLOB lockdep_products RELATIVE ${src}/graphs CONFIGURE_DEPENDS ${src}/graphs/*-lockdep/product.toml)
foreach(product_toml IN LISTS lockdep_products)
  get_filename_component(product ${product_toml} DIRECTORY)
  string(REGEX REPLACE "-lockdep$" "" arch ${product})
  foreach(kind recursion bad-unlock sleep-in-atomic inversion)
    add_test(NAME lockdep/${arch}/${kind}
      COMMAND ${src}/tests/boot/lockdep-product ${product} ${kind}
      WORKING_DIRECTORY ${src})
    set_tests_properties(lockdep/${arch}/${kind} PROPERTIES RESOURCE_LOCK build-${product})
  endforeach()
endforeach()

# --- Layering is enforced by the build --------------------------------------------
# One case per folder of tests/layering/fixtures/ (its components, defconfig, expect).
file(GLOB layering_cases RELATIVE ${src}/tests/layering/fixtures CONFIGURE_DEPENDS
  ${src}/tests/layering/fixtures/*/expect)
list(TRANSFORM layering_cases REPLACE "/expect$" "")
foreach(case IN LISTS layering_cases)
  add_test(NAME layering/${case}
    COMMAND ${src}/tests/layering/run-case ${case}
    WORKING_DIRECTORY ${src})
endforeach()

# --- The dependency pictures: rendered by librsvg, the page driven in Chromium -----
# Exit 77 (the tool is missing: tools/install-deps test installs it) is a
# skip, reported as "Not Run", never as a pass.
foreach(case svg-render graph-page)
  add_test(NAME viz/${case} COMMAND ${src}/tests/viz/${case}-test WORKING_DIRECTORY ${src})
  set_tests_properties(viz/${case} PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300)
endforeach()
# --- Reproducible images, incremental builds that notice new Kconfig fragments -----
add_test(NAME build/checks COMMAND ${src}/tests/build/build-checks WORKING_DIRECTORY ${src})
set_tests_properties(build/checks PROPERTIES TIMEOUT 600)

# --- The README's tutorial works as written ----------------------------------------
add_test(NAME docs/tutorial COMMAND ${src}/tests/docs/tutorial-test WORKING_DIRECTORY ${src})

# --- Config fuzzing: a graph the tool accepts builds, boots and passes its tests ----
# A bounded run of `tessera fuzz` (tests/fuzz/README.md; `make fuzz` runs a
# longer campaign): 50 random configurations through resolve, build, boot
# and the ktests, two at a time, objects shared through ccache. Its build
# folders stay in build/tests/fuzz-ctest (reused: later runs rebuild only
# what a draw changes).
add_test(NAME fuzz/pipeline
  COMMAND ${TESSERA_PYTHON} ${TESSERA_TOOL} fuzz --seed 1 --count 50 --jobs 2
          --work ${CMAKE_BINARY_DIR}/fuzz-ctest --out ${CMAKE_BINARY_DIR}/fuzz-ctest/report.jsonl
  WORKING_DIRECTORY ${src})
set_tests_properties(fuzz/pipeline PROPERTIES TIMEOUT 3600)
# A planted fault is minimised to a reproducer product; shards over GNU parallel.
add_test(NAME fuzz/minimise COMMAND ${src}/tests/fuzz/minimise-test WORKING_DIRECTORY ${src})
add_test(NAME fuzz/campaign COMMAND ${src}/tests/fuzz/campaign-test WORKING_DIRECTORY ${src})
set_tests_properties(fuzz/minimise fuzz/campaign PROPERTIES TIMEOUT 1200 SKIP_RETURN_CODE 77)
