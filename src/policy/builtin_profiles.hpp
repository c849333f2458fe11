#pragma once
#include <vector>
#include "provident/policy/loader.hpp"
