# Runs the Java example on a fresh database file (ctest example_java, example_java_stateless).
if(MISSING)
  message(FATAL_ERROR "examples/java cannot run: ${MISSING} not found. Run scripts/setup (as root): it "
                      "installs openjdk-17-jdk-headless, libjna-java and libjackson2-databind-java; then "
                      "configure and build again.")
endif()
if(NOT EXISTS ${CLASSES}/provident/FlexStory.class)
  message(FATAL_ERROR "examples/java is not compiled: build the target example_java_classes")
endif()
file(REMOVE ${DB} ${DB}-wal ${DB}-shm ${DB}-journal)
execute_process(COMMAND ${JAVA} -Djna.library.path=${LIBDIR} -cp ${CLASSPATH} provident.FlexStory ${ARGS} ${DB}
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the Java example failed (${rc})")
endif()
