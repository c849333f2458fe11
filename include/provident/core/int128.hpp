// Native 128-bit integers (GCC/Clang) for exact fast paths.
#pragma once
namespace pvd {
__extension__ typedef __int128 int128;
__extension__ typedef unsigned __int128 uint128;
}  // namespace pvd
