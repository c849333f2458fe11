# The installed CMake package (find_package(provident CONFIG)) and the
# pkg-config file provident.pc. Included from the install section of the
# top-level CMakeLists.txt once every exported target is defined.
include(CMakePackageConfigHelpers)

set(PVD_CMAKE_PACKAGE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/provident)
install(EXPORT providentTargets
  NAMESPACE provident::
  FILE providentTargets.cmake
  DESTINATION ${PVD_CMAKE_PACKAGE_DIR})
configure_package_config_file(
  ${CMAKE_CURRENT_LIST_DIR}/providentConfig.cmake.in
  ${PROJECT_BINARY_DIR}/package/providentConfig.cmake
  INSTALL_DESTINATION ${PVD_CMAKE_PACKAGE_DIR})
# Within a major version the ABI is stable (protocol.md §2 rule 12).
write_basic_package_version_file(
  ${PROJECT_BINARY_DIR}/package/providentConfigVersion.cmake
  VERSION ${PROJECT_VERSION}
  COMPATIBILITY SameMajorVersion)
install(FILES
  ${PROJECT_BINARY_DIR}/package/providentConfig.cmake
  ${PROJECT_BINARY_DIR}/package/providentConfigVersion.cmake
  DESTINATION ${PVD_CMAKE_PACKAGE_DIR})

# pkg-config: relative prefix from <libdir>/pkgconfig back to the prefix.
file(RELATIVE_PATH PVD_PC_RELATIVE_PREFIX
     /prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig /prefix)
string(REGEX REPLACE "/$" "" PVD_PC_RELATIVE_PREFIX "${PVD_PC_RELATIVE_PREFIX}")
# What a static link of libprovident_c.a needs: SQLite, libpq, utf8proc and the C++
# runtime, as plain -l flags rather than Requires.private (which would make
# pkg-config fail without libsqlite3-dev and libutf8proc-dev and would pass
# libutf8proc.pc's Cflags to hosts). Boost is header-only for the engine.
set(PVD_PC_LIBS_PRIVATE "-lsqlite3 -lpq -lutf8proc -lstdc++ -lm -pthread")
configure_file(${CMAKE_CURRENT_LIST_DIR}/provident.pc.in ${PROJECT_BINARY_DIR}/package/provident.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/package/provident.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
