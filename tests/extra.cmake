# Extra test suites, included by tests/CMakeLists.txt. One line per suite.
add_subdirectory(capi)
