// A request's `policy` is a name, never a path (issue 13): any other text is
// REQ_BAD_VALUE listing the names, whether or not a file of that name exists,
// and nothing is opened. Profile files come only through the engine's
// options: regular files of at most 1 MiB.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <vector>

#include "provident/engine.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

json with_policy(pvd::Engine& e, const std::string& policy) {
  json r = {{"op", "hpf.deposit"}, {"as_of", "2024-09-02T10:00:00"}, {"policy", policy},
            {"args", {{"base", "2690"}, {"employer_rate", "7%"}, {"employee_rate", "7%"}}}};
  return json::parse(e.execute(r.dump()));
}

}  // namespace

TEST(HostilePolicy, ARequestNamesAProfileNeverAFile) {
  const fs::path dir = fs::temp_directory_path() / ("provident-policy-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  ASSERT_EQ(::mkfifo((dir / "fifo").c_str(), 0600), 0);  // opening it would block forever
  pvd::Engine e({.policy = "shanghai"});
  for (const std::string& p : std::vector<std::string>{"/etc/passwd", (dir / "fifo").string(), "/dev/zero", "/nonexistent/x.toml", "shangai"}) {
    const json r = with_policy(e, p);
    ASSERT_FALSE(r["ok"].get<bool>()) << p;
    EXPECT_EQ(r["error"]["code"], "REQ_BAD_VALUE") << p;
    EXPECT_EQ(r["error"]["field"], "policy") << p;
    const std::string en = r["error"]["message_en"];
    // The same answer whether the file exists or not, naming the profiles.
    EXPECT_NE(en.find("not a profile name (one of: beijing,"), std::string::npos) << en;
    EXPECT_EQ(en.find("root"), std::string::npos) << en;
  }
  EXPECT_TRUE(with_policy(e, "shanghai")["ok"].get<bool>());
  EXPECT_TRUE(with_policy(e, "national")["ok"].get<bool>());
  fs::remove_all(dir);
}

TEST(HostilePolicy, AProfileFileFromTheOptionsIsARegularFileOfAtMostOneMiB) {
  const fs::path dir = fs::temp_directory_path() / ("provident-policy-opt-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  ASSERT_EQ(::mkfifo((dir / "fifo.toml").c_str(), 0600), 0);
  auto refused = [](const std::string& path, const std::string& why) {
    try {
      pvd::Engine e({.policy = path});
      ADD_FAILURE() << "opened " << path;
    } catch (const pvd::EngineError& err) {
      EXPECT_EQ(err.kind(), "policy");
      EXPECT_NE(std::string(err.what()).find(why), std::string::npos) << err.what();
    }
  };
  refused((dir / "fifo.toml").string(), "not a regular file");
  refused("/dev/zero", "not a regular file");
  refused(dir.string(), "not a regular file");
  {
    std::ofstream big(dir / "big.toml");
    big << std::string((1u << 20) + 1, '#');
  }
  refused((dir / "big.toml").string(), "larger than 1 MiB");
  fs::remove_all(dir);
}
