# provident.pc works with only the runtime libraries (issue 19): pkg-config
# sees nothing but the folder of provident.pc (PKG_CONFIG_LIBDIR replaces the
# system's search path, as on a host without libsqlite3-dev/libutf8proc-dev),
# and no dependency's Cflags (libutf8proc's -DUTF8PROC_EXPORTS) reach hosts.
#
#   include(pkgconfig_check.cmake); pvd_check_pkgconfig(<pc-dir> <out-var>)
#     sets <out-var> to `pkg-config --cflags --libs provident`.
#   cmake -DPC_DIR=<dir> -P pkgconfig_check.cmake     (ctest capi_pkgconfig)
cmake_minimum_required(VERSION 3.25)

function(pvd_pkgconfig pc_dir out)
  find_program(PKG_CONFIG pkg-config REQUIRED)
  execute_process(COMMAND ${CMAKE_COMMAND} -E env PKG_CONFIG_LIBDIR=${pc_dir} PKG_CONFIG_PATH=
                          ${PKG_CONFIG} ${ARGN} provident
                  RESULT_VARIABLE rc OUTPUT_VARIABLE text ERROR_VARIABLE err OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT rc EQUAL 0)
    list(JOIN ARGN " " args)
    message(FATAL_ERROR "pkg-config ${args} provident fails with only ${pc_dir} on its path (${rc}):\n${err}")
  endif()
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

function(pvd_check_pkgconfig pc_dir out)
  pvd_pkgconfig(${pc_dir} flags --cflags --libs)
  pvd_pkgconfig(${pc_dir} static --static --cflags --libs)
  pvd_pkgconfig(${pc_dir} requires --print-requires --print-requires-private)
  message(STATUS "pkg-config --cflags --libs provident: ${flags}")
  message(STATUS "pkg-config --static --cflags --libs provident: ${static}")
  if(NOT requires STREQUAL "")
    message(FATAL_ERROR "provident.pc requires other .pc files (${requires}): hosts would need their -dev packages")
  endif()
  foreach(text IN ITEMS "${flags}" "${static}")
    if(text MATCHES "UTF8PROC_EXPORTS")
      message(FATAL_ERROR "provident.pc passes libutf8proc's -DUTF8PROC_EXPORTS to hosts: ${text}")
    endif()
  endforeach()
  if(NOT flags MATCHES "-lprovident_c")
    message(FATAL_ERROR "pkg-config --libs provident gives no -lprovident_c: ${flags}")
  endif()
  foreach(lib -lsqlite3 -lutf8proc -lstdc++)
    string(FIND "${static}" "${lib}" at)
    if(at EQUAL -1)
      message(FATAL_ERROR "pkg-config --static --libs provident lacks ${lib}: ${static}")
    endif()
  endforeach()
  set(${out} "${flags}" PARENT_SCOPE)
endfunction()

if(CMAKE_SCRIPT_MODE_FILE STREQUAL CMAKE_CURRENT_LIST_FILE AND DEFINED PC_DIR)
  pvd_check_pkgconfig(${PC_DIR} flags)
endif()
