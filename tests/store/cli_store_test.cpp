// `kestrel query`, `stats` and `export` on a store written through the library.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "support/run_kestrel.h"
#include "store/store.h"
#include "store/store_fixtures.h"
#include "support/temp_dir.h"

namespace kestrel {
namespace {

using testing::RunResult;
RunResult kestrel(const std::string& args, bool with_stderr = false) { return testing::run_kestrel(args, with_stderr); }

std::size_t count_lines(const std::string& s) {
  std::size_t n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

class StoreCli : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.file("k.db");
    auto store = testing::open_store(db_);
    testing::add_all(*store, corpus_);
  }
  testing::TempDir dir_;
  testing::Corpus corpus_;
  std::string db_;
};

TEST_F(StoreCli, QueryTableCsvAndJson) {
  auto r = kestrel("query --db " + db_ + " --dyad BLR-CHN --month 2023-02");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(count_lines(r.out), 3u) << r.out;  // header + 2 events
  EXPECT_NE(r.out.find("EVENT"), std::string::npos);
  EXPECT_NE(r.out.find("BLRGOV"), std::string::npos);
  EXPECT_NE(r.out.find("Beijing"), std::string::npos);

  r = kestrel("query --db " + db_ + " --plover assault --format json");
  EXPECT_EQ(r.exit_code, 0);
  ASSERT_EQ(count_lines(r.out), 1u);
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["cameo"], "190");
  EXPECT_EQ(j["first_mention"]["evidence"]["text"], "Russian troops attacked Ukraine.");

  r = kestrel("query --db " + db_ + " --entity 'xi jinping' --mentions --format csv");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(count_lines(r.out), 5u);  // header + 4 mentions

  r = kestrel("query --db " + db_ + " --limit 1", true);
  EXPECT_NE(r.out.find("showing 1 of 4 events"), std::string::npos) << r.out;
}

TEST_F(StoreCli, StatsByDyadAndMonth) {
  auto r = kestrel("stats --db " + db_ + " --dyad BLR-CHN --by month --format csv");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "month,events,mentions,articles,goldstein_sum,goldstein_mean\n2023-02,2,5,4,-1.0,-0.50\n");
  r = kestrel("stats --db " + db_);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("documents 5"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("top dyads"), std::string::npos);
}

TEST_F(StoreCli, ExportEveryFormat) {
  auto r = kestrel("export --db " + db_ + " --format gdelt");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(count_lines(r.out), 4u);
  for (const char* f : {"gdelt-mentions", "plover", "csv", "jsonl", "conllu"}) {
    r = kestrel("export --db " + db_ + " --format " + f);
    EXPECT_EQ(r.exit_code, 0) << f;
    EXPECT_FALSE(r.out.empty()) << f;
  }
  std::string out = dir_.file("e.tsv");
  r = kestrel("export --db " + db_ + " --format gdelt --cameo 19 -o " + out, true);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("wrote 1 records"), std::string::npos) << r.out;
}

TEST_F(StoreCli, BadStoresAndOptionsAreReported) {
  auto r = kestrel("query --db " + dir_.file("missing.db"), true);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find("no such file"), std::string::npos) << r.out;
  r = kestrel("query --db " + db_ + " --dyad BLR", true);
  EXPECT_EQ(r.exit_code, 2);
  r = kestrel("query --db " + db_ + " --from yesterday", true);
  EXPECT_EQ(r.exit_code, 2);
  r = kestrel("export --db " + db_ + " --format xml", true);
  EXPECT_EQ(r.exit_code, 2);
  std::string junk = dir_.write("junk.db", std::string(5000, 'j'));
  r = kestrel("stats --db " + junk, true);
  EXPECT_EQ(r.exit_code, 2);
}

}  // namespace
}  // namespace kestrel
