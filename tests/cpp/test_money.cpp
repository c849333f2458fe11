#include <gtest/gtest.h>
#include "provident/core/money.hpp"
TEST(Money, Smoke) { EXPECT_EQ(pvd::Money::parse("376")->to_string(), "376.00"); }
