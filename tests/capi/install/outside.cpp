// An outside C++ program against the installed C++ library
// (provident::provident): the same output as `provident exec`.
#include <iostream>
#include <string>

#include <provident/engine.hpp>
#include <provident/version.hpp>

int main() {
  pvd::Engine engine;
  std::string line;
  while (std::getline(std::cin, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    std::cout << engine.execute(line) << '\n';
  }
  return std::string(PROVIDENT_VERSION_STRING).empty() ? 1 : 0;
}
