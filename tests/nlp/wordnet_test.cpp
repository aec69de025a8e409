// WordNet's parts of speech for the tagger: index entries, detachment rules,
// exception lists, the dominant part of speech, and the model round trip.
#include "nlp/wordnet.h"

#include <gtest/gtest.h>

#include "support/temp_dir.h"

namespace kestrel {
namespace {

using nlp::WordNetClasses;
using nlp::WordNetSenses;

// A miniature WordNet: index lines are "lemma pos synsets pointers [ptr...]
// senses tagged offsets..."; a line starting with a space is the licence.
void write_wordnet(const testing::TempDir& dir) {
  dir.write("index.noun",
            "  1 licence text\n"
            "shell n 4 2 @ ~ 4 3 01 02 03 04\n"
            "attack n 3 1 @ 3 5 01 02 03\n"
            "mouse n 2 1 @ 2 1 01 02\n"
            "united_states n 1 0 1 1 01\n");
  dir.write("index.verb",
            "  1 licence text\n"
            "shell v 3 1 @ 3 0 01 02 03\n"
            "attack v 4 1 @ 4 20 01 02 03 04\n");
  dir.write("index.adj", "fast a 2 1 & 2 2 01 02\n");
  dir.write("index.adv", "fast r 2 1 \\ 2 1 01 02\n");
  dir.write("noun.exc", "mice mouse\n");
  dir.write("verb.exc", "");
  dir.write("adj.exc", "");
  dir.write("adv.exc", "");
}

constexpr std::uint8_t bits(std::uint8_t c) { return c & 0x0f; }
constexpr int dominant(std::uint8_t c) { return c >> 4; }  // 1 + index of noun, verb, adj, adv

TEST(WordNetClasses, PartsOfSpeechOfWordsAndTheirInflections) {
  testing::TempDir dir;
  write_wordnet(dir);
  WordNetClasses wn;
  std::string error;
  ASSERT_TRUE(wn.load(dir.path(), error)) << error;
  EXPECT_EQ(bits(wn.classes("shell")), WordNetClasses::kNoun | WordNetClasses::kVerb);
  EXPECT_EQ(dominant(wn.classes("shell")), 1);   // more tagged noun senses
  EXPECT_EQ(dominant(wn.classes("attack")), 2);  // more tagged verb senses
  // Inflected forms through the detachment rules: a verb only by verb rules.
  EXPECT_EQ(bits(wn.classes("shelled")), WordNetClasses::kVerb);
  EXPECT_EQ(dominant(wn.classes("shelled")), 0);  // not an entry of its own
  EXPECT_EQ(bits(wn.classes("shells")), WordNetClasses::kNoun | WordNetClasses::kVerb);
  EXPECT_EQ(bits(wn.classes("attacking")), WordNetClasses::kVerb);
  EXPECT_EQ(bits(wn.classes("faster")), WordNetClasses::kAdjective);
  // Irregular forms from the exception lists.
  EXPECT_EQ(bits(wn.classes("mice")), WordNetClasses::kNoun);
  // Unknown words, multi-word entries (the tagger sees single words), empty.
  EXPECT_EQ(wn.classes("kharkiv"), 0);
  EXPECT_EQ(wn.classes("united_states"), 0);
  EXPECT_EQ(wn.classes(""), 0);
}

TEST(WordNetClasses, RoundTripAndBadInput) {
  testing::TempDir dir;
  write_wordnet(dir);
  WordNetClasses wn;
  std::string error;
  ASSERT_TRUE(wn.load(dir.path(), error)) << error;
  ByteWriter out;
  wn.write(out);
  const std::string bytes = out.bytes();
  WordNetClasses back;
  ByteReader in(bytes);
  ASSERT_TRUE(back.read(in, error)) << error;
  for (const char* w : {"shell", "shelled", "attack", "mice", "faster", "fast", "kharkiv"})
    EXPECT_EQ(back.classes(w), wn.classes(w)) << w;
  // The same WordNet gives the same bytes.
  ByteWriter again;
  back.write(again);
  EXPECT_EQ(again.bytes(), bytes);
  // Truncated tables are refused, never read past their end.
  for (std::size_t cut : {std::size_t{0}, std::size_t{4}, bytes.size() / 2, bytes.size() - 1}) {
    WordNetClasses partial;
    ByteReader short_in(std::string_view(bytes).substr(0, cut));
    EXPECT_FALSE(partial.read(short_in, error)) << cut;
    EXPECT_NE(error.find("truncated"), std::string::npos) << error;
  }
  // A missing file or a malformed index line names the file.
  testing::TempDir empty;
  EXPECT_FALSE(WordNetClasses().load(empty.path(), error));
  EXPECT_NE(error.find("index.noun"), std::string::npos) << error;
  dir.write("index.verb", "shell v three\n");
  EXPECT_FALSE(WordNetClasses().load(dir.path(), error));
  EXPECT_NE(error.find("index.verb:1"), std::string::npos) << error;
}

// A miniature WordNet for the semantic classes: data lines are "offset
// lex_filenum ss_type w_cnt(hex) word lex_id …"; index lines list a lemma's
// synsets most frequent first.
void write_senses(const testing::TempDir& dir) {
  dir.write("data.noun",
            "  1 licence text\n"
            "00000100 20 n 02 bush 0 shrub 0 000 | a low woody plant\n"
            "00000200 18 n 02 Bush 0 George_W._Bush 0 000 | 43rd President of the United States\n"
            "00000300 15 n 01 capital 0 000 | a seat of government\n"
            "00000400 28 n 01 Monday 0 000 | the day after Sunday\n");
  dir.write("data.verb",
            "  1 licence text\n"
            "00000500 32 v 01 talk 0 000 | exchange thoughts\n");
  dir.write("index.noun",
            "  1 licence text\n"
            "bush n 2 1 @ 2 1 00000100 00000200\n"
            "capital n 1 1 @ 1 1 00000300\n"
            "monday n 1 1 @ 1 0 00000400\n"
            "george_w._bush n 1 1 @ 1 0 00000200\n");
  dir.write("index.verb",
            "  1 licence text\n"
            "talk v 1 1 @ 1 1 00000500\n");
}

TEST(WordNetSenses, ClassOfTheMostFrequentSense) {
  testing::TempDir dir;
  write_senses(dir);
  WordNetSenses senses;
  std::string error;
  ASSERT_TRUE(senses.load(dir.path(), error)) << error;
  EXPECT_EQ(senses.sense("bush", "NOUN"), 1 + 20);     // noun.plant: the common noun's first sense
  EXPECT_EQ(senses.sense("Bush", "PROPN"), 1 + 20);    // a proper noun is read lower-cased
  EXPECT_EQ(senses.sense("capital", "NOUN"), 1 + 15);  // noun.location
  EXPECT_EQ(senses.sense("Capital", "NOUN"), 1 + 15);
  EXPECT_EQ(senses.sense("Monday", "PROPN"), 1 + 28);  // noun.time
  EXPECT_EQ(senses.sense("talk", "VERB"), 1 + 32);     // verb.communication
  EXPECT_EQ(senses.sense("talk", "NOUN"), 0);          // no noun entry here
  EXPECT_EQ(senses.sense("capital", "ADJ"), 0);        // nouns and verbs only
  EXPECT_EQ(senses.sense("kharkiv", "PROPN"), 0);
  EXPECT_EQ(senses.sense("", "NOUN"), 0);
}

TEST(WordNetSenses, RoundTripAndBadInput) {
  testing::TempDir dir;
  write_senses(dir);
  WordNetSenses senses;
  std::string error;
  ASSERT_TRUE(senses.load(dir.path(), error)) << error;
  ByteWriter out;
  senses.write(out);
  const std::string bytes = out.bytes();
  WordNetSenses back;
  ByteReader in(bytes);
  ASSERT_TRUE(back.read(in, error)) << error;
  for (const char* upos : {"NOUN", "PROPN", "VERB"})
    for (const char* w : {"bush", "Bush", "capital", "Monday", "talk"})
      EXPECT_EQ(back.sense(w, upos), senses.sense(w, upos)) << w << ' ' << upos;
  ByteWriter again;
  back.write(again);
  EXPECT_EQ(again.bytes(), bytes);
  for (std::size_t cut : {std::size_t{0}, std::size_t{4}, bytes.size() / 2, bytes.size() - 1}) {
    WordNetSenses partial;
    ByteReader short_in(std::string_view(bytes).substr(0, cut));
    EXPECT_FALSE(partial.read(short_in, error)) << cut;
    EXPECT_NE(error.find("truncated"), std::string::npos) << error;
  }
  // A class number WordNet does not have is refused.
  std::string bad = bytes;
  bad[8 + 8] = static_cast<char>(99);  // the first entry's noun class
  WordNetSenses wrong;
  ByteReader bad_in(bad);
  EXPECT_FALSE(wrong.read(bad_in, error));
  EXPECT_NE(error.find("unknown semantic class"), std::string::npos) << error;
  // Missing or malformed files are named.
  testing::TempDir empty;
  EXPECT_FALSE(WordNetSenses().load(empty.path(), error));
  EXPECT_NE(error.find("data.noun"), std::string::npos) << error;
  dir.write("index.noun", "bush n 2 1 @ 2 1 00000999\n");
  EXPECT_FALSE(WordNetSenses().load(dir.path(), error));
  EXPECT_NE(error.find("index.noun:1"), std::string::npos) << error;
}

}  // namespace
}  // namespace kestrel
