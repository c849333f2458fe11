# Records the C ABI baseline into capi/abi/ (target capi_abi_record):
#   symbols.txt            the exported symbols (any architecture)
#   layout-<arch>.txt      struct layouts and constants (capi_layout)
#   libprovident_c-<arch>.abi   abidw's ABI description (types included)
# Inputs: LIB, LAYOUT, HEADER, HEADERS_DIR, ABIDW (may be empty), OUT_DIR.
cmake_minimum_required(VERSION 3.25)
include(${CMAKE_CURRENT_LIST_DIR}/common.cmake)
pvd_arch(arch)

pvd_exported_symbols(${LIB} exported)
pvd_declared_functions(${HEADER} declared)
if(NOT exported STREQUAL declared)
  message(FATAL_ERROR "The library exports\n  ${exported}\nbut the header declares\n  ${declared}\nFix that first.")
endif()
list(JOIN exported "\n" text)
file(WRITE ${OUT_DIR}/symbols.txt "${text}\n")

execute_process(COMMAND ${LAYOUT} OUTPUT_FILE ${OUT_DIR}/layout-${arch}.txt RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "capi_layout failed")
endif()

if(ABIDW)
  # Only what the exported pvd_* functions reach, with stable type ids, no
  # paths, no DT_NEEDED list (it follows the build, not the ABI).
  set(abi ${OUT_DIR}/libprovident_c-${arch}.abi)
  execute_process(COMMAND ${ABIDW} --headers-dir ${HEADERS_DIR} --exported-interfaces-only --drop-private-types
                          --no-corpus-path --no-comp-dir-path --no-show-locs --no-elf-needed --no-parameter-names
                          --type-id-style hash --out-file ${abi} ${LIB}
                  RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "abidw failed (${rc})")
  endif()
  file(READ ${abi} text)
  string(REGEX REPLACE "path='[^']*/(capi/[^']*)'" "path='\\1'" text "${text}")
  file(WRITE ${abi} "${text}")
else()
  message(WARNING "abidw not found (Debian: abigail-tools): libprovident_c-${arch}.abi not recorded")
endif()
message(STATUS "Recorded the C ABI baseline in ${OUT_DIR}")
