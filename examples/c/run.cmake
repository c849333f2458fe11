# Runs the C example on a fresh database file (ctest example_c).
file(REMOVE ${DB} ${DB}-wal ${DB}-shm ${DB}-journal)
execute_process(COMMAND ${EXE} ${ARGS} ${DB} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the C example failed (${rc})")
endif()
