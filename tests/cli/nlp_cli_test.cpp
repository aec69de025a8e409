// End-to-end checks of the commands that train and use the NLP model:
// `train`, `parse`, `eval parse`, and the model in `code`, `eval events` and
// `eval actors`. A tiny model is trained once with `kestrel train` on the
// hand-made treebank of the nlp tests, so none of this needs the shipped model.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "support/run_kestrel.h"
#include "nlp/tiny_treebank.h"
#include "support/temp_dir.h"

namespace kestrel {
namespace {

using testing::RunResult;
RunResult run(const std::string& args, bool with_stderr = false) { return testing::run_kestrel(args, with_stderr); }

bool shipped_model_present() {
  return std::filesystem::exists(std::string(KESTREL_SOURCE_DIR) + "/data/models/nlp.kmodel");
}

const std::string kExample = std::string(KESTREL_SOURCE_DIR) + "/examples/000_52d312ab3d952ff2.txt";

struct Word {
  int id = 0;
  std::string form, lemma, upos, xpos, feats, deprel;
  int head = -1;
};

// The word lines of CoNLL-U output, sentence by sentence.
std::vector<std::vector<Word>> words_of(const std::string& conllu) {
  std::vector<std::vector<Word>> sentences(1);
  std::istringstream in(conllu);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) {
      if (!sentences.back().empty()) sentences.emplace_back();
      continue;
    }
    if (line[0] == '#') continue;
    std::vector<std::string> cols;
    std::istringstream fields(line);
    std::string f;
    while (std::getline(fields, f, '\t')) cols.push_back(f);
    if (cols.size() != 10 || cols[0].find_first_of("-.") != std::string::npos) continue;
    Word w;
    w.id = std::stoi(cols[0]);
    w.form = cols[1];
    w.lemma = cols[2];
    w.upos = cols[3];
    w.xpos = cols[4];
    w.feats = cols[5];
    w.head = cols[6] == "_" ? -1 : std::stoi(cols[6]);
    w.deprel = cols[7];
    sentences.back().push_back(w);
  }
  if (sentences.back().empty()) sentences.pop_back();
  return sentences;
}

// Every sentence is a tree: one root, heads in range, no cycles.
void expect_trees(const std::vector<std::vector<Word>>& sentences) {
  ASSERT_FALSE(sentences.empty());
  for (const auto& s : sentences) {
    int roots = 0;
    for (const Word& w : s) {
      EXPECT_NE(w.upos, "_") << w.form;
      EXPECT_NE(w.deprel, "_") << w.form;
      ASSERT_GE(w.head, 0) << w.form;
      ASSERT_LE(w.head, static_cast<int>(s.size())) << w.form;
      if (w.head == 0) ++roots;
      int at = w.id, steps = 0;
      while (at != 0 && steps <= static_cast<int>(s.size())) {
        at = s[static_cast<std::size_t>(at - 1)].head;
        ++steps;
      }
      EXPECT_EQ(at, 0) << "cycle through " << w.form;
    }
    EXPECT_EQ(roots, 1);
  }
}

// A small model trained once, through the command line, for all the tests.
class NlpCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    treebank_ = dir_->write("tiny.conllu", testing::kTinyTreebank);
    model_ = dir_->file("tiny.kmodel");
    train_ = run("train --train " + treebank_ + " --dev " + treebank_ + " --out " + model_ +
                     " --tagger-epochs 6 --lemmatizer-epochs 4 --parser-epochs 8 --jackknife 2 --min-weight 0"
                     " --wordnet '' --parser-features 1 --seed 7",
                 true);
    // Raw text: the treebank's sentences as a few JSONL documents (more than
    // a batch of -j 2, so the order across batches is checked too).
    std::string jsonl;
    const char* sentences[] = {"The minister met the president in Minsk.",
                               "Protesters were arrested by police on Monday.",
                               "China will send troops to the border.",
                               "The talks ended without an agreement, officials said.",
                               "Rebels attacked a convoy and killed two soldiers.",
                               "Who did the government blame for the attack?",
                               "A hearing is scheduled on the issue today.",
                               "She said that the plan would fail."};
    for (int i = 0; i < 45; ++i) {
      jsonl += "{\"id\":\"d" + std::to_string(i) + "\",\"date\":\"2023-02-28\",\"text\":\"" + sentences[i % 8] + " " +
               sentences[(i * 3 + 1) % 8] + (i % 5 == 0 ? std::string("\\n\\n") + sentences[(i + 2) % 8] : "") +
               "\"}\n";
    }
    raw_ = dir_->write("docs.jsonl", jsonl);
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  void SetUp() override { ASSERT_EQ(train_.exit_code, 0) << train_.out; }

  static testing::TempDir* dir_;
  static RunResult train_;
  static std::string treebank_, model_, raw_;
};

testing::TempDir* NlpCli::dir_ = nullptr;
RunResult NlpCli::train_;
std::string NlpCli::treebank_, NlpCli::model_, NlpCli::raw_;

// ------------------------------------------------------------------ train

TEST_F(NlpCli, TrainShowsProgressAndWritesTheModel) {
  EXPECT_NE(train_.out.find("tagger epoch 1"), std::string::npos) << train_.out;
  EXPECT_NE(train_.out.find("parser epoch 1"), std::string::npos) << train_.out;
  EXPECT_NE(train_.out.find("kestrel: wrote " + model_), std::string::npos) << train_.out;
  EXPECT_TRUE(std::filesystem::exists(model_));
}

TEST_F(NlpCli, TrainIsReproducibleWithTheSameSeed) {
  const std::string again = dir_->file("again.kmodel");
  auto r = run("train --train " + treebank_ + " --dev " + treebank_ + " --out " + again +
               " --tagger-epochs 6 --lemmatizer-epochs 4 --parser-epochs 8 --jackknife 2 --min-weight 0"
               " --wordnet '' --parser-features 1 --seed 7");
  ASSERT_EQ(r.exit_code, 0);
  auto a = run("parse --model " + model_ + " " + raw_);
  auto b = run("parse --model " + again + " " + raw_);
  ASSERT_EQ(a.exit_code, 0);
  EXPECT_EQ(a.out, b.out);
}

TEST_F(NlpCli, TrainWithABeamGivesAWorkingModel) {
  const std::string beam = dir_->file("beam.kmodel");
  auto r = run("train --train " + treebank_ + " --out " + beam +
               " --tagger-epochs 4 --lemmatizer-epochs 2 --parser-epochs 4 --jackknife 0 --min-weight 0"
               " --wordnet '' --parser-features 1 --parser-beam 4");
  ASSERT_EQ(r.exit_code, 0);
  auto parsed = run("parse --model " + beam + " " + raw_);
  ASSERT_EQ(parsed.exit_code, 0);
  expect_trees(words_of(parsed.out));
  EXPECT_EQ(run("train --train " + treebank_ + " --out " + beam + " --parser-beam 0").exit_code, 2);
}

TEST_F(NlpCli, TrainAnEnsembleOfParsers) {
  const std::string ensemble = dir_->file("ensemble.kmodel");
  auto r = run("train --train " + treebank_ + " --out " + ensemble +
               " --tagger-epochs 4 --lemmatizer-epochs 2 --parser-epochs 4 --jackknife 0 --min-weight 0"
               " --wordnet '' --parser-features 1 --parsers l2r,r2l:b2 -j 2");
  ASSERT_EQ(r.exit_code, 0);
  auto parsed = run("parse -j 2 --model " + ensemble + " " + raw_);
  ASSERT_EQ(parsed.exit_code, 0);
  expect_trees(words_of(parsed.out));
  // A malformed list is a usage error, before any training.
  for (const char* bad : {"x2y", "l2r:b", "l2r,,r2l", "l2r:b4x"}) {
    r = run("train --train " + treebank_ + " --out " + ensemble + " --parsers " + bad, true);
    EXPECT_EQ(r.exit_code, 2) << bad;
    EXPECT_NE(r.out.find("--parsers"), std::string::npos) << r.out;
  }
}

TEST(NlpCliTrain, UsageAndInputErrors) {
  testing::TempDir dir;
  // No --out (and no `sentences`): usage.
  auto r = run("train --train " + dir.write("t.conllu", testing::kTinyTreebank), true);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find("--out"), std::string::npos) << r.out;
  EXPECT_EQ(run("train --train /nonexistent.conllu --out " + dir.file("m.kmodel")).exit_code, 2);
  EXPECT_EQ(run("train --train " + dir.file("t.conllu") + " --out /nonexistent/dir/m.kmodel").exit_code, 2);
  // A treebank with nothing to learn from: input error.
  r = run("train --train " + dir.write("empty.conllu", "# just a comment\n") + " --out " + dir.file("m.kmodel"),
          true);
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.out.find("kestrel: error: "), std::string::npos) << r.out;
  EXPECT_FALSE(std::filesystem::exists(dir.file("m.kmodel")));
  // The sentence model is still a subcommand.
  r = run("train sentences --help");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("--train"), std::string::npos);
  EXPECT_EQ(run("train sentences --out x").exit_code, 2);
}

// ------------------------------------------------------------------ parse

TEST_F(NlpCli, ParseRawTextGivesFullCoNLLU) {
  auto r = run("parse --model " + model_ + " " + raw_);
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out.rfind("# newdoc id = d0\n", 0), 0u) << r.out.substr(0, 200);
  EXPECT_NE(r.out.find("# text = The minister met the president in Minsk.\n"), std::string::npos);
  auto sentences = words_of(r.out);
  expect_trees(sentences);
  // Learnt from the treebank: the words it was trained on come back right.
  ASSERT_GE(sentences[0].size(), 8u);
  EXPECT_EQ(sentences[0][2].form, "met");
  EXPECT_EQ(sentences[0][2].upos, "VERB");
  EXPECT_EQ(sentences[0][2].lemma, "meet");
  EXPECT_EQ(sentences[0][2].head, 0);
  EXPECT_NE(sentences[0][2].feats.find("Tense=Past"), std::string::npos);
}

TEST_F(NlpCli, ParseOutputIsTheSameForAnyNumberOfThreads) {
  auto one = run("parse --offsets --model " + model_ + " -j 1 " + raw_ + " " + treebank_ + " " + kExample);
  ASSERT_EQ(one.exit_code, 0);
  ASSERT_GT(one.out.size(), 1000u);
  for (const char* j : {"2", "3", "7"}) {
    auto many = run("parse --offsets --model " + model_ + " -j " + j + " " + raw_ + " " + treebank_ + " " + kExample);
    ASSERT_EQ(many.exit_code, 0) << j;
    EXPECT_TRUE(many.out == one.out) << "-j " << j << " differs from -j 1";
  }
}

TEST_F(NlpCli, ParseCoNLLUKeepsTokensAndPredictsTheRestUnlessKeep) {
  // Gold tokens with deliberately wrong annotation.
  const std::string given =
      "# newdoc id = g1\n# newpar\n# sent_id = g1-1\n# text = Rebels attacked a convoy.\n"
      "1\tRebels\tX\tX\tX\tFoo=Bar\t2\tdep\t2:dep\t_\n"
      "2\tattacked\tX\tX\tX\t_\t0\troot\t0:root\t_\n"
      "3\ta\tX\tX\tX\t_\t2\tdep\t2:dep\t_\n"
      "4\tconvoy\tX\tX\tX\t_\t2\tdep\t2:dep\tSpaceAfter=No\n"
      "5\t.\tX\tX\tX\t_\t2\tdep\t2:dep\t_\n\n";
  const std::string path = dir_->write("given.conllu", given);
  auto r = run("parse --model " + model_ + " " + path);
  ASSERT_EQ(r.exit_code, 0);
  auto sentences = words_of(r.out);
  ASSERT_EQ(sentences.size(), 1u) << r.out;
  ASSERT_EQ(sentences[0].size(), 5u);
  const char* forms[] = {"Rebels", "attacked", "a", "convoy", "."};
  for (std::size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(sentences[0][i].form, forms[i]);
    EXPECT_NE(sentences[0][i].upos, "X");
    EXPECT_NE(sentences[0][i].lemma, "X");
  }
  EXPECT_EQ(sentences[0][1].upos, "VERB");
  EXPECT_EQ(sentences[0][0].deprel, "nsubj");
  EXPECT_EQ(r.out.find("Foo=Bar"), std::string::npos);
  EXPECT_EQ(r.out.find("2:dep"), std::string::npos) << "a stale enhanced graph was kept";
  expect_trees(sentences);

  // --keep: what is there stays.
  r = run("parse --keep --model " + model_ + " " + path);
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, given);
  // --keep with only tokens: everything is predicted.
  const std::string bare = dir_->write("bare.conllu",
                                       "# text = Rebels attacked a convoy.\n"
                                       "1\tRebels\t_\t_\t_\t_\t_\t_\t_\t_\n2\tattacked\t_\t_\t_\t_\t_\t_\t_\t_\n"
                                       "3\ta\t_\t_\t_\t_\t_\t_\t_\t_\n4\tconvoy\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n"
                                       "5\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n");
  r = run("parse --keep --model " + model_ + " " + bare);
  ASSERT_EQ(r.exit_code, 0);
  expect_trees(words_of(r.out));
}

TEST_F(NlpCli, TokenizeOnlyNeedsNoModel) {
  auto r = run("parse --tokenize-only --model /nonexistent.kmodel " + kExample);
  ASSERT_EQ(r.exit_code, 0);
  auto sentences = words_of(r.out);
  ASSERT_FALSE(sentences.empty());
  EXPECT_EQ(sentences[0][0].upos, "_");
  EXPECT_EQ(sentences[0][0].head, -1);
}

TEST(NlpCliModel, AMissingOrBadModelIsAClearFatalError) {
  testing::TempDir dir;
  auto r = run("parse --model " + dir.file("none.kmodel") + " " + kExample, true);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find("kestrel: error: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("none.kmodel"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("# newdoc"), std::string::npos);
  const std::string junk = dir.write("junk.kmodel", "this is not a model");
  r = run("parse --model " + junk + " " + kExample, true);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find("junk.kmodel"), std::string::npos) << r.out;
  r = run("code --model " + junk + " " + kExample, true);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find("junk.kmodel"), std::string::npos) << r.out;
  r = run("eval parse --model " + junk + " --gold " + dir.write("g.conllu", testing::kTinyTreebank), true);
  EXPECT_EQ(r.exit_code, 2);
}

TEST(NlpCliModel, TheShippedModelIsUsedByDefault) {
  auto parse = run("parse " + kExample, true);
  auto code = run("code --date 2023-02-28 " + kExample, true);
  if (!shipped_model_present()) {
    // Until the model ships: a clear message, no output, exit 2.
    EXPECT_EQ(parse.exit_code, 2);
    EXPECT_NE(parse.out.find("no NLP model: data/models/nlp.kmodel was not found"), std::string::npos) << parse.out;
    EXPECT_NE(parse.out.find("--tokenize-only"), std::string::npos) << parse.out;
    EXPECT_EQ(code.exit_code, 2);
    EXPECT_NE(code.out.find("no NLP model"), std::string::npos) << code.out;
    GTEST_SKIP() << "data/models/nlp.kmodel is not there yet: only the error path is checked";
  }
  EXPECT_EQ(parse.exit_code, 0) << parse.out.substr(0, 500);
  expect_trees(words_of(parse.out));
  EXPECT_EQ(code.exit_code, 0) << code.out.substr(0, 500);
  EXPECT_NE(code.out.find("# tagged and parsed by the NLP model"), std::string::npos);
}

// The shipped model's CoNLL-U of the bundled example, kept in
// tests/cli/golden/: any change to the model or the pipeline before it shows
// here. After a deliberate change (a new model), rewrite it with
//   KESTREL_UPDATE_GOLDEN=1 ./build/kestrel_tests --gtest_filter='NlpCliGolden.*'
// and review the diff.
TEST(NlpCliGolden, ExampleArticleParseMatchesTheGolden) {
  if (!shipped_model_present()) GTEST_SKIP() << "data/models/nlp.kmodel is not there yet";
  const std::string golden = std::string(KESTREL_SOURCE_DIR) + "/tests/cli/golden/000_52d312ab3d952ff2.conllu";
  auto r = run("parse --offsets " + kExample);
  ASSERT_EQ(r.exit_code, 0);
  if (std::getenv("KESTREL_UPDATE_GOLDEN")) {
    std::filesystem::create_directories(std::filesystem::path(golden).parent_path());
    std::ofstream(golden, std::ios::binary) << r.out;
    GTEST_SKIP() << "rewrote " << golden;
  }
  if (!std::filesystem::exists(golden))
    GTEST_SKIP() << "no golden yet: KESTREL_UPDATE_GOLDEN=1 ./build/kestrel_tests --gtest_filter='NlpCliGolden.*'";
  std::ifstream in(golden, std::ios::binary);
  const std::string expected((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (r.out == expected) return;
  std::istringstream a(expected), b(r.out);
  std::string la, lb;
  int line = 0;
  bool reported = false;
  while (!reported) {
    ++line;
    const bool more_a = static_cast<bool>(std::getline(a, la)), more_b = static_cast<bool>(std::getline(b, lb));
    if (!more_a && !more_b) break;
    if (la != lb || more_a != more_b) {
      ADD_FAILURE() << golden << ":" << line << " differs (regenerate it after a deliberate change):\n  golden: "
                    << (more_a ? la : "<end>") << "\n  now:    " << (more_b ? lb : "<end>");
      reported = true;
    }
  }
  if (!reported) ADD_FAILURE() << golden << " differs from the output (line endings)";
}

// ------------------------------------------------------------------ eval parse

TEST_F(NlpCli, EvalParseScoresEveryColumnWithGoldTokens) {
  auto r = run("eval parse --model " + model_ + " --gold " + treebank_);
  ASSERT_EQ(r.exit_code, 0) << r.out;
  for (const char* row : {"UPOS", "XPOS", "UFeats", "Lemmas", "UAS", "LAS"})
    EXPECT_NE(r.out.find(std::string("\n") + row), std::string::npos) << row << "\n" << r.out;
  EXPECT_NE(r.out.find("gold tokenization"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("(8 sentences, 69 tokens, 69 words)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("loaded in"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("tokens/s"), std::string::npos) << r.out;
  // Gold tokens: the token and word rows are perfect.
  EXPECT_NE(r.out.find("Tokens     |    100.00 |    100.00 |    100.00"), std::string::npos) << r.out;
  // Trained on this very treebank: UPOS nearly all right.
  auto at = r.out.find("\nUPOS");
  ASSERT_NE(at, std::string::npos);
  double p = 0, rec = 0, f1 = 0;
  ASSERT_EQ(std::sscanf(r.out.c_str() + at + 1, "UPOS | %lf | %lf | %lf", &p, &rec, &f1), 3) << r.out;
  EXPECT_GE(f1, 90.0) << r.out;
}

TEST_F(NlpCli, EvalParseFromRawTextAligns) {
  auto r = run("eval parse --raw --model " + model_ + " --gold " + treebank_);
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("raw text, our segmentation"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\nLAS"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("segmentation: "), std::string::npos) << r.out;
  auto at = r.out.find("\nTokens");
  ASSERT_NE(at, std::string::npos);
  double p = 0, rec = 0, f1 = 0;
  ASSERT_EQ(std::sscanf(r.out.c_str() + at + 1, "Tokens | %lf | %lf | %lf", &p, &rec, &f1), 3) << r.out;
  EXPECT_GE(f1, 95.0) << r.out;  // plain sentences: our tokenizer agrees with the gold nearly everywhere
}

TEST(NlpCliEval, EvalParseUsage) {
  EXPECT_EQ(run("eval parse").exit_code, 2);
  EXPECT_EQ(run("eval parse --gold /nonexistent.conllu").exit_code, 2);
  auto r = run("eval parse --help");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("--raw"), std::string::npos);
}

// ------------------------------------------------------------------ code, eval events, eval actors

TEST_F(NlpCli, CodeTagsAndParsesRawText) {
  auto r = run("code --model " + model_ + " --date 2023-02-28 " + kExample, true);
  ASSERT_EQ(r.exit_code, 0) << r.out.substr(0, 1000);
  EXPECT_EQ(r.out.find("no parser model yet"), std::string::npos);
  EXPECT_NE(r.out.find("# document 000_52d312ab3d952ff2"), std::string::npos);
  EXPECT_NE(r.out.find("# tagged and parsed by the NLP model"), std::string::npos) << r.out.substr(0, 1000);
  EXPECT_NE(r.out.find("[20] bullet"), std::string::npos);
}

TEST_F(NlpCli, CodeOutputIsTheSameForAnyNumberOfThreads) {
  for (const char* format : {"text", "jsonl"}) {
    auto one = run(std::string("code --format ") + format + " --model " + model_ + " -j 1 " + raw_ + " " + kExample);
    ASSERT_EQ(one.exit_code, 0);
    EXPECT_NE(one.out.find(std::string(format) == "text" ? "# document d44" : ""), std::string::npos);
    auto two = run(std::string("code --format ") + format + " --model " + model_ + " -j 2 " + raw_ + " " + kExample);
    ASSERT_EQ(two.exit_code, 0);
    EXPECT_TRUE(one.out == two.out) << format;
  }
}

TEST_F(NlpCli, CodeStoresTheSameWithThreads) {
  const std::string db1 = dir_->file("one.db"), db2 = dir_->file("two.db");
  ASSERT_EQ(run("code --model " + model_ + " --db " + db1 + " " + raw_ + " " + raw_).exit_code, 0);
  ASSERT_EQ(run("code -j 3 --model " + model_ + " --db " + db2 + " " + raw_ + " " + raw_).exit_code, 0);
  auto a = run("stats --db " + db1);
  auto b = run("stats --db " + db2);
  ASSERT_EQ(a.exit_code, 0);
  EXPECT_EQ(a.out, b.out);
  // The second copy of every document was skipped, with or without threads.
  auto again = run("code -j 2 --model " + model_ + " --db " + db2 + " " + raw_, true);
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_NE(again.out.find("0 documents stored"), std::string::npos) << again.out;
  EXPECT_NE(again.out.find("45 already stored"), std::string::npos) << again.out;
}

TEST_F(NlpCli, CodeOnParsedCoNLLUNeedsNoModel) {
  const std::string path = dir_->write("parsed.conllu",
                                       "# newdoc id = s1\n# text = Russia warned Ukraine.\n"
                                       "1\tRussia\tRussia\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
                                       "2\twarned\twarn\tVERB\tVBD\t_\t0\troot\t_\t_\n"
                                       "3\tUkraine\tUkraine\tPROPN\tNNP\t_\t2\tobj\t_\tSpaceAfter=No\n"
                                       "4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n");
  auto r = run("code --date 2022-02-01 " + path, true);
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("# parse as given"), std::string::npos) << r.out;
  // Tokens only: coded once a model parses them.
  const std::string bare = dir_->write("bare_code.conllu",
                                       "# newdoc id = s2\n# text = Russia warned Ukraine.\n"
                                       "1\tRussia\t_\t_\t_\t_\t_\t_\t_\t_\n2\twarned\t_\t_\t_\t_\t_\t_\t_\t_\n"
                                       "3\tUkraine\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n4\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n");
  r = run("code --date 2022-02-01 " + bare, true);
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("CoNLL-U without a tree: no events coded"), std::string::npos) << r.out;
  r = run("code --date 2022-02-01 --model " + model_ + " " + bare, true);
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("# tagged and parsed by the NLP model"), std::string::npos) << r.out;
}

TEST_F(NlpCli, ActorsParseFirstWhenAsked) {
  auto plain = run("actors --date 2023-02-28 " + kExample);
  auto parsed = run("actors --parse --model " + model_ + " --date 2023-02-28 " + kExample);
  ASSERT_EQ(plain.exit_code, 0);
  ASSERT_EQ(parsed.exit_code, 0);
  EXPECT_NE(parsed.out.find("\"text\":\"President Oleksandr Lukashenko\""), std::string::npos) << parsed.out;
  EXPECT_EQ(run("actors --parse --model /nonexistent.kmodel " + kExample).exit_code, 2);
}

TEST_F(NlpCli, EvalEventsAndActorsOnPloverGoldUseTheModel) {
  const std::string gold = dir_->write(
      "plover.jsonl",
      "{\"id\":\"g1\",\"date\":\"2023-02-28\",\"event\":\"ASSAULT\",\"text\":\"Rebels attacked a convoy and killed two "
      "soldiers.\",\"source\":[{\"actorText\":\"Rebels\",\"code\":\"REB\"}],\"target\":[{\"actorText\":\"soldiers\","
      "\"code\":\"MIL\"}]}\n"
      "{\"id\":\"g2\",\"date\":\"2023-02-28\",\"event\":\"CONSULT\",\"text\":\"The Russian minister met the Chinese "
      "president in Minsk.\",\"source\":[{\"actorText\":\"Russian minister\",\"code\":\"RUSGOV\"}],\"target\":[{"
      "\"actorText\":\"Chinese president\",\"code\":\"CHNGOV\"}]}\n");
  auto r = run("eval events --no-list --model " + model_ + " --gold " + gold, true);
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("(plover)"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("not there yet"), std::string::npos) << r.out;
  r = run("eval events --model /nonexistent.kmodel --gold " + gold, true);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find("/nonexistent.kmodel"), std::string::npos) << r.out;

  r = run("eval actors --parse --model " + model_ + " --gold " + gold);
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("parse: yes"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("4 gold actors"), std::string::npos) << r.out;
  r = run("eval actors --gold " + gold);
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("parse: no"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace kestrel
