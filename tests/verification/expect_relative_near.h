// A GoogleTest expectation shared by the verification tests.
#ifndef bendsim_tests_expect_relative_near_h
#define bendsim_tests_expect_relative_near_h

#include <cmath>
#include <gtest/gtest.h>
#include <string>

/** |actual - expected| <= tolerance |expected|, reported with @p what. */
inline void
expect_relative_near(const double       actual,
                     const double       expected,
                     const double       tolerance,
                     const std::string &what)
{
  EXPECT_LE(std::abs(actual - expected), tolerance * std::abs(expected))
    << what << ": " << actual << " vs " << expected;
}

#endif
