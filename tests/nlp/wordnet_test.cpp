// WordNet's parts of speech for the tagger: index entries, detachment rules,
// exception lists, the dominant part of speech, and the model round trip.
#include "nlp/wordnet.h"

#include <gtest/gtest.h>

#include "support/temp_dir.h"

namespace kestrel {
namespace {

using nlp::WordNetClasses;

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

}  // namespace
}  // namespace kestrel
