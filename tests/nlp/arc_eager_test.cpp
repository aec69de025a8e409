// The arc-eager system, its dynamic oracle, projectivisation and Eisner's
// algorithm.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "nlp/arc_eager.h"
#include "nlp/eisner.h"
#include "nlp/nlp.h"
#include "tiny_treebank.h"

namespace kestrel::nlp {
namespace {

std::vector<Document> read_tiny() {
  Diagnostics diag([](const Diagnostic&) {});
  return read_conllu(testing::kTinyTreebank, "tiny.conllu", diag);
}

// Gold heads and labels per node (index 0 unused); labels are numbered in
// order of first appearance, "root" first.
struct Tree {
  std::vector<int> heads, labels;
};

Tree tree_of(const Sentence& s, std::vector<std::string>& names) {
  if (names.empty()) names.push_back("root");
  Tree t;
  t.heads.push_back(kNone);
  t.labels.push_back(kNone);
  for (const Token& tok : s.tokens) {
    t.heads.push_back(tok.head);
    auto it = std::find(names.begin(), names.end(), tok.deprel);
    if (it == names.end()) it = names.insert(names.end(), tok.deprel);
    t.labels.push_back(static_cast<int>(it - names.begin()));
  }
  return t;
}

// Follows zero-cost actions (preferring arcs, then REDUCE, then SHIFT) from
// the initial state and returns the tree built; fails if at some point no
// valid action is free.
bool replay(const ArcEager& system, const Tree& gold, Tree& built) {
  ParseState state;
  state.reset(static_cast<int>(gold.heads.size()) - 1);
  std::vector<std::uint32_t> preference;
  for (std::uint32_t l = 0; l < system.num_labels(); ++l) preference.push_back(system.action(Move::Left, l));
  for (std::uint32_t l = 0; l < system.num_labels(); ++l) preference.push_back(system.action(Move::Right, l));
  preference.push_back(system.action(Move::Reduce, 0));
  preference.push_back(system.action(Move::Shift, 0));
  while (!state.terminal()) {
    bool moved = false;
    for (std::uint32_t a : preference) {
      if (is_valid(system, state, a) && action_cost(system, state, a, gold.heads, gold.labels) == 0) {
        apply(system, state, a);
        moved = true;
        break;
      }
    }
    if (!moved) return false;
  }
  finish(system, state, [](int) { return 1; });
  built.heads = state.head;
  built.labels = state.label;
  return true;
}

TEST(ArcEager, OracleReplaysTinyTreebankExactly) {
  const auto docs = read_tiny();
  ASSERT_EQ(docs.size(), 1u);
  ASSERT_EQ(docs[0].sentences.size(), 8u);
  std::vector<std::string> names;
  std::vector<Tree> trees;
  for (const Sentence& s : docs[0].sentences) trees.push_back(tree_of(s, names));
  const ArcEager system(static_cast<std::uint32_t>(names.size()), 0);
  int projective = 0;
  for (std::size_t i = 0; i < trees.size(); ++i) {
    if (!is_projective(trees[i].heads)) continue;
    ++projective;
    Tree built;
    ASSERT_TRUE(replay(system, trees[i], built)) << "sentence " << i + 1;
    EXPECT_EQ(built.heads, trees[i].heads) << "sentence " << i + 1;
    EXPECT_EQ(built.labels, trees[i].labels) << "sentence " << i + 1;
  }
  EXPECT_EQ(projective, 7);
}

TEST(ArcEager, ProjectivizeLiftsTheCrossingArc) {
  const auto docs = read_tiny();
  std::vector<std::string> names;
  Tree t = tree_of(docs[0].sentences[6], names);  // "A hearing is scheduled on the issue today ."
  EXPECT_FALSE(is_projective(t.heads));
  EXPECT_EQ(projectivize(t.heads), 1);
  EXPECT_TRUE(is_projective(t.heads));
  EXPECT_EQ(t.heads[7], 4);  // "issue" moves from "hearing" to "scheduled"
  // And the oracle can then build the lifted tree.
  const ArcEager system(static_cast<std::uint32_t>(names.size()), 0);
  Tree built;
  ASSERT_TRUE(replay(system, t, built));
  EXPECT_EQ(built.heads, t.heads);
}

TEST(ArcEager, ValidityRules) {
  const ArcEager system(3, 0);  // labels: 0 = root, 1, 2
  ParseState s;
  s.reset(2);
  // Only the root label from the root; never the root label elsewhere.
  EXPECT_TRUE(is_valid(system, s, system.action(Move::Right, 0)));
  EXPECT_FALSE(is_valid(system, s, system.action(Move::Right, 1)));
  EXPECT_FALSE(is_valid(system, s, system.action(Move::Left, 1)));  // the root is never a dependent
  EXPECT_FALSE(is_valid(system, s, system.action(Move::Reduce, 0)));
  apply(system, s, system.action(Move::Right, 0));  // root -> 1
  EXPECT_FALSE(is_valid(system, s, system.action(Move::Reduce, 0)));  // the root's dependent stays
  EXPECT_FALSE(is_valid(system, s, system.action(Move::Left, 1)));    // it has a head already
  EXPECT_TRUE(is_valid(system, s, system.action(Move::Right, 1)));
  EXPECT_FALSE(is_valid(system, s, system.action(Move::Right, 0)));
  apply(system, s, system.action(Move::Shift, 0));
  EXPECT_TRUE(s.terminal());
  finish(system, s, [](int) { return 2; });
  EXPECT_EQ(s.head[1], 0);
  EXPECT_EQ(s.head[2], 1);
  EXPECT_EQ(s.label[2], 2);
}

TEST(ArcEager, OracleReplaysEveryProjectiveEwtTrainTree) {
  const std::string path = std::string(KESTREL_SOURCE_DIR) + "/../shared/data/ud/en_ewt-ud-train.conllu";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "UD English-EWT not found at " << path;
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  Diagnostics diag([](const Diagnostic&) {});
  const auto docs = read_conllu(bytes.str(), path, diag);
  std::vector<std::string> names;
  std::vector<Tree> trees;
  for (const Document& d : docs)
    for (const Sentence& s : d.sentences) trees.push_back(tree_of(s, names));
  ASSERT_GT(trees.size(), 12000u);
  const ArcEager system(static_cast<std::uint32_t>(names.size()), 0);
  std::size_t replayed = 0, lifted = 0;
  for (Tree& t : trees) {
    if (!is_projective(t.heads)) {
      projectivize(t.heads);
      ++lifted;
    }
    Tree built;
    ASSERT_TRUE(replay(system, t, built));
    ASSERT_EQ(built.heads, t.heads);
    ASSERT_EQ(built.labels, t.labels);
    ++replayed;
  }
  EXPECT_EQ(replayed, trees.size());
  EXPECT_LT(lifted, trees.size() / 20);
}

// The tree of the reversed sentence, as a right-to-left parser sees it:
// word i is node n + 1 - i.
Tree reversed(const Tree& t) {
  const int n = static_cast<int>(t.heads.size()) - 1;
  Tree r;
  r.heads.assign(t.heads.size(), kNone);
  r.labels.assign(t.labels.size(), kNone);
  for (int i = 1; i <= n; ++i) {
    const int h = t.heads[static_cast<std::size_t>(i)];
    r.heads[static_cast<std::size_t>(n + 1 - i)] = h > 0 ? n + 1 - h : h;
    r.labels[static_cast<std::size_t>(n + 1 - i)] = t.labels[static_cast<std::size_t>(i)];
  }
  return r;
}

TEST(ArcEager, OracleReplaysEveryReversedEwtTrainTree) {
  const std::string path = std::string(KESTREL_SOURCE_DIR) + "/../shared/data/ud/en_ewt-ud-train.conllu";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "UD English-EWT not found at " << path;
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  Diagnostics diag([](const Diagnostic&) {});
  const auto docs = read_conllu(bytes.str(), path, diag);
  std::vector<std::string> names;
  std::vector<Tree> trees;
  for (const Document& d : docs)
    for (const Sentence& s : d.sentences) trees.push_back(reversed(tree_of(s, names)));
  ASSERT_GT(trees.size(), 12000u);
  // Right-to-left parsers use a late root, but the oracle must work both ways.
  for (const bool late_root : {false, true}) {
    const ArcEager system(static_cast<std::uint32_t>(names.size()), 0, late_root);
    std::size_t replayed = 0;
    for (const Tree& gold : trees) {
      Tree t = gold;
      projectivize(t.heads);
      Tree built;
      ASSERT_TRUE(replay(system, t, built)) << "tree " << replayed << " late root " << late_root;
      ASSERT_EQ(built.heads, t.heads) << "tree " << replayed << " late root " << late_root;
      ASSERT_EQ(built.labels, t.labels) << "tree " << replayed << " late root " << late_root;
      ++replayed;
    }
    EXPECT_EQ(replayed, trees.size());
  }
}

TEST(ArcEager, OracleReplaysEwtTrainTreesWithALateRoot) {
  const std::string path = std::string(KESTREL_SOURCE_DIR) + "/../shared/data/ud/en_ewt-ud-train.conllu";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "UD English-EWT not found at " << path;
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  Diagnostics diag([](const Diagnostic&) {});
  const auto docs = read_conllu(bytes.str(), path, diag);
  std::vector<std::string> names;
  std::vector<Tree> trees;
  for (const Document& d : docs)
    for (const Sentence& s : d.sentences) trees.push_back(tree_of(s, names));
  const ArcEager system(static_cast<std::uint32_t>(names.size()), 0, true);
  for (std::size_t i = 0; i < trees.size(); ++i) {
    Tree t = trees[i];
    projectivize(t.heads);
    Tree built;
    ASSERT_TRUE(replay(system, t, built)) << "tree " << i;
    ASSERT_EQ(built.heads, t.heads) << "tree " << i;
    ASSERT_EQ(built.labels, t.labels) << "tree " << i;
  }
}

TEST(ArcEager, LateRootHasNoArcFromTheRoot) {
  const ArcEager system(3, 0, true);  // labels: 0 = root, 1, 2
  const std::vector<int> gold = {kNone, 2, 0, 2};  // word 2 is the root's dependent
  ParseState s;
  s.reset(3);
  EXPECT_FALSE(is_valid(system, s, system.action(Move::Right, 0)));
  EXPECT_FALSE(is_valid(system, s, system.action(Move::Right, 1)));
  apply(system, s, system.action(Move::Shift, 0));
  // Giving the root word a head loses its arc from the root (and here 2 -> 1).
  EXPECT_EQ(move_cost(system, s, Move::Right, gold), 2);
  EXPECT_EQ(move_cost(system, s, Move::Left, gold), 0);
  apply(system, s, system.action(Move::Left, 1));  // 2 -> 1
  // Shifting the root word loses nothing: finish() attaches it.
  EXPECT_EQ(move_cost(system, s, Move::Shift, gold), 0);
  apply(system, s, system.action(Move::Shift, 0));
  EXPECT_EQ(move_cost(system, s, Move::Left, gold), 2);  // 3 -> 2: the root arc and 2 -> 3
  EXPECT_EQ(move_cost(system, s, Move::Right, gold), 0);
  apply(system, s, system.action(Move::Right, 1));  // 2 -> 3
  EXPECT_TRUE(s.terminal());
  finish(system, s, [](int) { return 2; });
  EXPECT_EQ(s.head[2], 0);
  EXPECT_EQ(s.label[2], 0);
  EXPECT_EQ(s.head[1], 2);
  EXPECT_EQ(s.head[3], 2);
}

TEST(ArcEager, FinishMakesTheLastWordWithoutAHeadTheRoot) {
  // Read from its end, "Stop ." is ". Stop": a parser that shifted both
  // leaves the final punctuation under the verb on the stack.
  const ArcEager system(3, 0);
  ParseState s;
  s.reset(2);
  apply(system, s, system.action(Move::Shift, 0));
  apply(system, s, system.action(Move::Shift, 0));
  ASSERT_TRUE(s.terminal());
  finish(system, s, [](int) { return 2; });
  EXPECT_EQ(s.head[2], 0);
  EXPECT_EQ(s.label[2], 0);
  EXPECT_EQ(s.head[1], 2);
  EXPECT_EQ(s.label[1], 2);
}

TEST(Eisner, FindsTheBestProjectiveTreeWithOneRootDependent) {
  // Three words; votes favour 2 as the root with 1 and 3 as its dependents.
  const int n = 3;
  std::vector<float> score((n + 1) * (n + 1), 0.0f);
  auto arc = [&](int h, int d) -> float& { return score[static_cast<std::size_t>(h * (n + 1) + d)]; };
  arc(0, 2) = 3;
  arc(2, 1) = 2;
  arc(2, 3) = 2;
  arc(0, 1) = 2.5;  // a second root dependent would score more, but is not allowed
  arc(1, 3) = 1;
  std::vector<int> heads;
  eisner(n, score, heads);
  EXPECT_EQ(heads, (std::vector<int>{-1, 2, 0, 2}));
}

TEST(Eisner, ReproducesAnyProjectiveTreeItIsGiven) {
  const auto docs = read_tiny();
  for (const Sentence& s : docs[0].sentences) {
    std::vector<int> gold{-1};
    for (const Token& t : s.tokens) gold.push_back(t.head);
    projectivize(gold);
    const int n = static_cast<int>(s.tokens.size());
    std::vector<float> score(static_cast<std::size_t>((n + 1) * (n + 1)), 0.0f);
    for (int d = 1; d <= n; ++d) score[static_cast<std::size_t>(gold[static_cast<std::size_t>(d)] * (n + 1) + d)] = 1.0f;
    std::vector<int> heads;
    eisner(n, score, heads);
    EXPECT_EQ(heads, gold);
  }
}

}  // namespace
}  // namespace kestrel::nlp
