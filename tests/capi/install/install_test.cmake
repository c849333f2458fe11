# The install test (ctest capi_install): `cmake --install` into a temporary
# prefix, then outside projects that see only that prefix:
#   c/    find_package(provident CONFIG), C only: provident::capi and provident::capi_static
#   cxx/  find_package(provident CONFIG): provident::provident
#   pkg-config: cc $(pkg-config --cflags --libs provident) outside.c, pkg-config seeing
#               nothing but the installed provident.pc (pkgconfig_check.cmake)
# Each program answers requests.jsonl; the answers must equal the installed
# CLI's (`provident exec`) byte for byte.
# Inputs: BUILD_DIR, SOURCE_DIR (this folder), WORK_DIR, GENERATOR, C_COMPILER, CXX_COMPILER, and
# SANITIZE_FLAGS (empty, or the -fsanitize= flag of a sanitizer build, which an outside program
# linking the sanitized libraries needs as well).
cmake_minimum_required(VERSION 3.25)

function(run)
  cmake_parse_arguments(R "" "INPUT;OUTPUT;WORKING_DIRECTORY;STATUS" "COMMAND;ENV" ${ARGN})
  if(NOT DEFINED R_STATUS)
    set(R_STATUS 0)
  endif()
  set(cmd ${R_COMMAND})
  if(R_ENV)
    set(cmd ${CMAKE_COMMAND} -E env ${R_ENV} ${R_COMMAND})
  endif()
  set(extra)
  if(R_INPUT)
    list(APPEND extra INPUT_FILE ${R_INPUT})
  endif()
  execute_process(COMMAND ${cmd} ${extra} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL R_STATUS)
    list(JOIN R_COMMAND " " text)
    message(FATAL_ERROR "failed (${rc}, not ${R_STATUS}): ${text}\n${out}\n${err}")
  endif()
  if(R_OUTPUT)
    set(${R_OUTPUT} "${out}" PARENT_SCOPE)
  endif()
endfunction()

file(REMOVE_RECURSE ${WORK_DIR})
set(PREFIX ${WORK_DIR}/prefix)
run(COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${PREFIX})

# The installed layout.
include(GNUInstallDirs)
foreach(f include/provident.h include/provident/engine.hpp include/provident/version.hpp)
  if(NOT EXISTS ${PREFIX}/${f})
    message(FATAL_ERROR "not installed: ${f}")
  endif()
endforeach()
file(GLOB libdir_candidates ${PREFIX}/lib*/libprovident_c.so.*)
list(GET libdir_candidates 0 some_lib)
get_filename_component(LIBDIR ${some_lib} DIRECTORY)
foreach(f libprovident_c.so libprovident_c.so.0 libprovident_c.a libprovident.a pkgconfig/provident.pc
          cmake/provident/providentConfig.cmake cmake/provident/providentConfigVersion.cmake cmake/provident/providentTargets.cmake)
  if(NOT EXISTS ${LIBDIR}/${f})
    message(FATAL_ERROR "not installed: ${LIBDIR}/${f}")
  endif()
endforeach()
find_program(OBJDUMP objdump REQUIRED)
run(COMMAND ${OBJDUMP} -p ${LIBDIR}/libprovident_c.so OUTPUT dynamic)
if(NOT dynamic MATCHES "SONAME +libprovident_c\\.so\\.0")
  message(FATAL_ERROR "libprovident_c.so has no SONAME libprovident_c.so.0:\n${dynamic}")
endif()

# The reference: the installed CLI. Some of the requests are errors, so it exits 1 (protocol.md §4).
run(COMMAND ${PREFIX}/bin/provident exec INPUT ${SOURCE_DIR}/requests.jsonl OUTPUT expected STATUS 1)
if(expected STREQUAL "")
  message(FATAL_ERROR "the installed CLI printed nothing")
endif()

function(check_program name exe)
  run(COMMAND ${exe} INPUT ${SOURCE_DIR}/requests.jsonl OUTPUT got)
  if(NOT got STREQUAL expected)
    file(WRITE ${WORK_DIR}/${name}.out "${got}")
    file(WRITE ${WORK_DIR}/cli.out "${expected}")
    message(FATAL_ERROR "${name} answers differently from the CLI: see ${WORK_DIR}/${name}.out and cli.out")
  endif()
  message(STATUS "${name}: same answers as the CLI")
endfunction()

# find_package, C only.
set(outside_flags)
if(SANITIZE_FLAGS)
  list(APPEND outside_flags "-DCMAKE_C_FLAGS=${SANITIZE_FLAGS}" "-DCMAKE_CXX_FLAGS=${SANITIZE_FLAGS}"
       "-DCMAKE_EXE_LINKER_FLAGS=${SANITIZE_FLAGS}")
endif()
run(COMMAND ${CMAKE_COMMAND} -S ${SOURCE_DIR}/c -B ${WORK_DIR}/c -G ${GENERATOR} -DCMAKE_BUILD_TYPE=Release
            -DCMAKE_C_COMPILER=${C_COMPILER} -DCMAKE_PREFIX_PATH=${PREFIX} -DCMAKE_FIND_PACKAGE_NO_SYSTEM_PACKAGE_REGISTRY=ON
            ${outside_flags})
run(COMMAND ${CMAKE_COMMAND} --build ${WORK_DIR}/c)
check_program(find_package_c_shared ${WORK_DIR}/c/outside_shared)
check_program(find_package_c_static ${WORK_DIR}/c/outside_static)
run(COMMAND ${OBJDUMP} -p ${WORK_DIR}/c/outside_static OUTPUT static_deps)
if(static_deps MATCHES "libprovident_c")
  message(FATAL_ERROR "outside_static depends on the shared libprovident_c")
endif()

# find_package, C++.
run(COMMAND ${CMAKE_COMMAND} -S ${SOURCE_DIR}/cxx -B ${WORK_DIR}/cxx -G ${GENERATOR} -DCMAKE_BUILD_TYPE=Release
            -DCMAKE_CXX_COMPILER=${CXX_COMPILER} -DCMAKE_PREFIX_PATH=${PREFIX} ${outside_flags})
run(COMMAND ${CMAKE_COMMAND} --build ${WORK_DIR}/cxx)
check_program(find_package_cxx ${WORK_DIR}/cxx/outside_cxx)

# pkg-config, seeing only the installed provident.pc (pkgconfig_check.cmake).
include(${SOURCE_DIR}/pkgconfig_check.cmake)
pvd_check_pkgconfig(${LIBDIR}/pkgconfig pc_flags)
separate_arguments(pc_flags UNIX_COMMAND "${pc_flags}")
run(COMMAND ${C_COMPILER} -std=c99 -Wall -Werror ${SANITIZE_FLAGS} ${SOURCE_DIR}/outside.c -o ${WORK_DIR}/outside_pkgconfig
            ${pc_flags} -Wl,-rpath,${LIBDIR})
check_program(pkg_config ${WORK_DIR}/outside_pkgconfig)
file(REMOVE_RECURSE ${WORK_DIR})
