# Shared by record.cmake and check.cmake: what the C ABI is made of.

# pvd_exported_symbols(<lib> <out-var>): the dynamic symbols the library
# defines (nm -D --defined-only), sorted, without versions.
function(pvd_exported_symbols lib out)
  find_program(NM NAMES nm REQUIRED)
  execute_process(COMMAND ${NM} -D --defined-only ${lib} OUTPUT_VARIABLE text RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "nm -D --defined-only ${lib} failed (${rc})")
  endif()
  string(REPLACE "\n" ";" lines "${text}")
  set(names)
  foreach(line IN LISTS lines)
    if(line MATCHES "^[0-9a-fA-F]* *[A-Za-z] +([^ @]+)")
      list(APPEND names "${CMAKE_MATCH_1}")
    endif()
  endforeach()
  list(SORT names)
  list(REMOVE_DUPLICATES names)
  set(${out} "${names}" PARENT_SCOPE)
endfunction()

# pvd_declared_functions(<header> <out-var>): the functions the header
# declares with PVD_API, sorted.
function(pvd_declared_functions header out)
  file(READ ${header} text)
  string(REGEX MATCHALL "PVD_API[^;(#]*\\(" decls "${text}")
  set(names)
  foreach(d IN LISTS decls)
    if(d MATCHES "(pvd_[A-Za-z0-9_]+)[ \t\n]*\\($")
      list(APPEND names "${CMAKE_MATCH_1}")
    endif()
  endforeach()
  list(SORT names)
  set(${out} "${names}" PARENT_SCOPE)
endfunction()

function(pvd_arch out)
  execute_process(COMMAND uname -m OUTPUT_VARIABLE arch OUTPUT_STRIP_TRAILING_WHITESPACE)
  set(${out} "${arch}" PARENT_SCOPE)
endfunction()
