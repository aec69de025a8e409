// End-to-end checks of the kestrel binary: exit codes, help, and output.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "support/run_kestrel.h"
#include "support/temp_dir.h"

namespace kestrel {
namespace {

using testing::RunResult;
RunResult run(const std::string& args, bool with_stderr = false) { return testing::run_kestrel(args, with_stderr); }

const std::string kExample = std::string(KESTREL_SOURCE_DIR) + "/examples/000_52d312ab3d952ff2.txt";

TEST(Cli, HelpOnEverySubcommandExitsZero) {
  for (const char* sub : {"", "code", "parse", "version", "train", "eval"}) {
    auto r = run(std::string(sub) + " --help");
    EXPECT_EQ(r.exit_code, 0) << sub;
    EXPECT_NE(r.out.find("Usage"), std::string::npos) << sub;
  }
}

// data/actors/common-words.txt is generated; the generator must reproduce it.
TEST(Cli, DictCommonWordsReproducesTheShippedList) {
  if (!std::filesystem::exists("/usr/share/wordnet/data.noun"))
    GTEST_SKIP() << "WordNet (Debian wordnet-base) not installed: scripts/setup.sh installs it";
  testing::TempDir dir;
  const std::string out = dir.file("common-words.txt");
  auto r = run("dict common-words -o " + out, true);
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("name words are common English words"), std::string::npos) << r.out;
  auto read = [](const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  };
  const std::string shipped = read(std::string(KESTREL_SOURCE_DIR) + "/data/actors/common-words.txt");
  ASSERT_FALSE(shipped.empty());
  EXPECT_TRUE(read(out) == shipped) << "run `kestrel dict common-words` and commit data/actors/common-words.txt";
  EXPECT_EQ(run("dict common-words --wordnet " + dir.file("nowhere") + " -o " + out, true).exit_code, 2);
}

TEST(Cli, UsageErrorsExitTwo) {
  EXPECT_EQ(run("").exit_code, 2);
  EXPECT_EQ(run("frobnicate").exit_code, 2);
  EXPECT_EQ(run("parse --no-such-flag x").exit_code, 2);
  EXPECT_EQ(run("parse --tokenize-only --input-format yaml " + kExample).exit_code, 2);
  EXPECT_EQ(run("code --date yesterday " + kExample).exit_code, 2);
}

TEST(Cli, BadInputExitsOneAndGoodInputIsStillProcessed) {
  auto r = run("parse --tokenize-only /nonexistent/file.txt " + kExample, true);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("/nonexistent/file.txt: error: no such file or directory"), std::string::npos);
  EXPECT_NE(r.out.find("# text = "), std::string::npos);
}

TEST(Cli, TokenizeOnlyWritesCoNLLU) {
  auto r = run("parse --tokenize-only " + kExample);
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out.rfind("# newdoc id = 000_52d312ab3d952ff2\n", 0), 0u);
  EXPECT_NE(r.out.find("# sent_id = 000_52d312ab3d952ff2-1\n"), std::string::npos);
  EXPECT_NE(r.out.find("\tLukashenko\t"), std::string::npos);
  EXPECT_NE(r.out.find("SpaceAfter=No"), std::string::npos);
}

TEST(Cli, ReadsStdin) {
  // `code --format jsonl` writes one line per event, so the input carries a
  // parse (CoNLL-U) to be coded whether or not a parser model is installed.
  testing::TempDir dir;
  auto path = dir.write("in.conllu",
                        "# newdoc id = s1\n# text = Russia warned Ukraine.\n"
                        "1\tRussia\tRussia\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
                        "2\twarned\twarn\tVERB\tVBD\t_\t0\troot\t_\t_\n"
                        "3\tUkraine\tUkraine\tPROPN\tNNP\t_\t2\tobj\t_\tSpaceAfter=No\n"
                        "4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n");
  auto r = run("code --format jsonl --input-format conllu --date 2022-02-01 - < " + path);
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("\"doc_id\":\"s1\""), std::string::npos) << r.out;
}

TEST(Cli, VersionPrintsVersion) {
  auto r = run("version");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out.rfind("kestrel ", 0), 0u);
}

}  // namespace
}  // namespace kestrel
