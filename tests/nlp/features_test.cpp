// Feature extraction of the tagger, parser and lemmatizer, and the small
// helpers under them.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "nlp/hashing.h"
#include "nlp/lemmatizer.h"
#include "nlp/morph.h"
#include "nlp/parser.h"
#include "nlp/tagger.h"

namespace kestrel::nlp {
namespace {

TEST(NlpHelpers, LowerAndShape) {
  EXPECT_EQ(lower_ascii("Al-Zaman"), "al-zaman");
  EXPECT_EQ(word_shape("Al-Zaman"), "Xx-Xxx");
  EXPECT_EQ(word_shape("1995"), "dd");
  EXPECT_EQ(word_shape("U.S."), "X.X.");
  EXPECT_EQ(word_shape("Zürich"), "Xuxx");  // one "u" per non-ASCII character, runs cut at two
  EXPECT_EQ(word_shape(""), "");
}

TEST(NlpHelpers, HashesAreStableAndSeeded) {
  // Part of the model format: these values must not change silently
  // (kFeatureHashVersion guards them).
  EXPECT_EQ(hash_string("minister", 1), hash_string("minister", 1));
  EXPECT_NE(hash_string("minister", 1), hash_string("minister", 2));
  EXPECT_NE(hash_string("ab", 1), hash_string("ba", 1));
  EXPECT_NE(hash_string("", 1), hash_string(std::string_view("\0", 1), 1));
  EXPECT_NE(feature(1, 2, 3, 4), feature(1, 2, 4, 3));
  EXPECT_NE(feature(1, 2, 3), feature(1, 3, 3));
  EXPECT_EQ(mix64(0x1234), mix64(0x1234));
}

TEST(TaggerFeatures, DependOnContextAndPass) {
  Tagger tagger;
  const std::vector<std::string_view> forms{"Police", "arrested", "protesters", "."};
  std::vector<TaggerAtoms> atoms;
  tagger.atoms(forms, atoms);
  ASSERT_EQ(atoms.size(), 4u);
  EXPECT_TRUE(atoms[0].flags & kFlagFirst);
  EXPECT_TRUE(atoms[0].flags & kFlagInitUpper);
  EXPECT_FALSE(atoms[1].flags & kFlagKnown);  // an empty tag dictionary
  EXPECT_EQ(atoms[1].ambiguity, kUnknownAmbiguity);

  const std::uint16_t left[4] = {1, 2, 3, 4};
  std::uint64_t first[kMaxTaggerFeatures], again[kMaxTaggerFeatures], second[kMaxTaggerFeatures];
  const std::size_t n1 = tagger.features(atoms, 1, left, nullptr, first);
  const std::size_t n1b = tagger.features(atoms, 1, left, nullptr, again);
  const std::size_t n2 = tagger.features(atoms, 1, left, left, second);
  EXPECT_EQ(n1, n1b);
  EXPECT_TRUE(std::equal(first, first + n1, again));
  EXPECT_GT(n2, n1);  // the second pass adds the tags on the right
  EXPECT_LE(n2, kMaxTaggerFeatures);
  // Keys are distinct within a word (no template collides with another).
  EXPECT_EQ(std::set<std::uint64_t>(second, second + n2).size(), n2);
  // A different previous tag changes some features and not others.
  const std::uint16_t other[4] = {9, 2, 3, 4};
  std::uint64_t changed[kMaxTaggerFeatures];
  tagger.features(atoms, 1, other, nullptr, changed);
  std::size_t same = 0;
  for (std::size_t i = 0; i < n1; ++i) same += first[i] == changed[i];
  EXPECT_GT(same, n1 / 2);
  EXPECT_LT(same, n1);
  // Words at the edges get padding, not out-of-range reads.
  EXPECT_GT(tagger.features(atoms, 0, left, left, changed), 0u);
  EXPECT_GT(tagger.features(atoms, 3, left, left, changed), 0u);
}

TEST(ParserFeatures, ReadTheConfiguration) {
  Parser parser;
  std::vector<ParserWord> words(4);
  const char* forms[] = {"Police", "arrested", "protesters", "."};
  const char* tags[] = {"NNS", "VBD", "NNS", "."};
  const char* upos[] = {"NOUN", "VERB", "NOUN", "PUNCT"};
  for (std::size_t i = 0; i < 4; ++i) {
    words[i].form = forms[i];
    words[i].xpos = tags[i];
    words[i].upos = upos[i];
  }
  std::vector<ParserAtoms> atoms;
  parser.atoms(words, atoms);
  ASSERT_EQ(atoms.size(), 5u);  // the root and four words
  const ArcEager system(2, 0);
  ParseState state;
  state.reset(4);
  std::uint64_t initial[kMaxParserFeatures], later[kMaxParserFeatures];
  const std::size_t n = parser.features(atoms, state, initial);
  EXPECT_GT(n, 70u);
  EXPECT_LE(n, kMaxParserFeatures);
  EXPECT_EQ(std::set<std::uint64_t>(initial, initial + n).size(), n);
  apply(system, state, system.action(Move::Shift, 0));
  const std::size_t m = parser.features(atoms, state, later);
  EXPECT_EQ(m, n);
  std::size_t same = 0;
  for (std::size_t i = 0; i < n; ++i) same += initial[i] == later[i];
  EXPECT_LT(same, n / 2);
  // Same configuration, same features.
  std::uint64_t repeat[kMaxParserFeatures];
  parser.features(atoms, state, repeat);
  EXPECT_TRUE(std::equal(later, later + m, repeat));
}

TEST(LemmaRules, ShortestEditKeepingCase) {
  LemmaRule r = lemma_rule("arrested", "arrest");
  EXPECT_EQ(r, (LemmaRule{0, 2, ""}));
  r = lemma_rule("Studies", "study");
  EXPECT_EQ(r, (LemmaRule{1, 3, "y"}));
  r = lemma_rule("went", "go");
  EXPECT_EQ(r, (LemmaRule{0, 4, "go"}));
  std::string out;
  EXPECT_TRUE(apply_lemma_rule(LemmaRule{1, 3, "y"}, "Ladies", out));
  EXPECT_EQ(out, "lady");
  EXPECT_FALSE(apply_lemma_rule(LemmaRule{0, 5, ""}, "cat", out));
  EXPECT_EQ(wordnet_pos("VBD"), 'v');
  EXPECT_EQ(wordnet_pos("NNS"), 'n');
  EXPECT_EQ(wordnet_pos("NNP"), 0);
}

TEST(LemmaFeatures, SuffixesAndTags) {
  Lemmatizer lemmatizer;
  std::uint64_t a[kMaxLemmaFeatures], b[kMaxLemmaFeatures];
  const std::size_t na = lemmatizer.features("walked", "VERB", "VBD", a);
  const std::size_t nb = lemmatizer.features("parked", "VERB", "VBD", b);
  ASSERT_EQ(na, nb);
  std::size_t shared = 0;
  for (std::size_t i = 0; i < na; ++i) shared += a[i] == b[i];
  EXPECT_GT(shared, na / 2);  // same tag, same "-ked" suffixes
  EXPECT_LT(shared, na);      // but not the longer ones
  // Without a trained model the lemma is the form.
  EXPECT_EQ(lemmatizer.lemma("Walked", "VERB", "VBD"), "Walked");
}

TEST(Morphology, FeatureStringsAndVerbRules) {
  EXPECT_EQ(join_features(split_features("Tense=Past|Mood=Ind|Number=Sing")), "Mood=Ind|Number=Sing|Tense=Past");
  EXPECT_EQ(join_features(split_features("NumType=Card|Number=Sing")), "Number=Sing|NumType=Card");
  EXPECT_TRUE(split_features("").empty());

  Sentence s;
  auto add = [&](const char* form, const char* lemma, const char* upos, const char* xpos, const char* feats, int head,
                 const char* rel) {
    Token t;
    t.form = form;
    t.lemma = lemma;
    t.upos = upos;
    t.xpos = xpos;
    t.feats = feats;
    t.head = head;
    t.deprel = rel;
    s.tokens.push_back(t);
  };
  add("We", "we", "PRON", "PRP", "Case=Nom|Number=Plur|Person=1|PronType=Prs", 3, "nsubj:pass");
  add("were", "be", "AUX", "VBD", "Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin", 3, "aux:pass");
  add("told", "tell", "VERB", "VBN", "Tense=Past|VerbForm=Part", 0, "root");
  add("go", "go", "VERB", "VB", "VerbForm=Inf", 3, "parataxis");
  Morphology::apply_syntax(s);
  // "were" agrees with the subject of its head.
  EXPECT_EQ(s.tokens[1].feats, "Mood=Ind|Number=Plur|Person=1|Tense=Past|VerbForm=Fin");
  EXPECT_EQ(s.tokens[2].feats, "Tense=Past|VerbForm=Part|Voice=Pass");
  EXPECT_EQ(s.tokens[3].feats, "Mood=Imp|VerbForm=Fin");  // a bare clause: imperative
}

}  // namespace
}  // namespace kestrel::nlp
