#include "base/diagnostics.h"

#include <gtest/gtest.h>

namespace kestrel {
namespace {

TEST(Diagnostics, FormatsFileLineAndOffset) {
  EXPECT_EQ(format_diagnostic({Severity::Error, "a.jsonl", 12, 0, false, "malformed"}),
            "a.jsonl:12: error: malformed");
  EXPECT_EQ(format_diagnostic({Severity::Warning, "b.txt", 0, 77, true, "bad byte"}),
            "b.txt: byte 77: warning: bad byte");
  EXPECT_EQ(format_diagnostic({Severity::Error, "", 0, 0, false, "oops"}), "error: oops");
}

TEST(Diagnostics, CountsErrorsAndWarningsSeparately) {
  std::vector<std::string> printed;
  Diagnostics diag([&](const Diagnostic& d) { printed.push_back(format_diagnostic(d)); });
  diag.warning("f", 1, "w");
  diag.error("f", 2, "e");
  diag.error_at("f", 9, "e2");
  EXPECT_EQ(diag.errors(), 2u);
  EXPECT_EQ(diag.warnings(), 1u);
  ASSERT_EQ(printed.size(), 3u);
  EXPECT_EQ(printed[2], "f: byte 9: error: e2");
}

}  // namespace
}  // namespace kestrel
