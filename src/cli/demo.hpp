#pragma once
#include <string>
namespace pvd::cli {
/// `provident demo`: a readable bilingual story through the seeds' flows.
int run_demo(const std::string& db_path, const std::string& lang);
}  // namespace pvd::cli
