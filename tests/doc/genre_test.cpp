// Genre cues: sport reporting is recognised, political news is not, and a
// bad cue file is refused with its line.
#include <gtest/gtest.h>

#include "doc/doc.h"
#include "support/temp_dir.h"

namespace kestrel {
namespace {

const GenreCues& shipped() {
  static std::unique_ptr<GenreCues> cues = [] {
    std::string error;
    auto c = GenreCues::load_default(error);
    EXPECT_TRUE(c) << error;
    return c;
  }();
  return *cues;
}

GenreVerdict classify(const GenreCues& cues, const std::string& text) {
  Document doc;
  doc.text = text;
  return cues.classify(doc);
}

TEST(Genre, SportReportingIsRecognised) {
  ASSERT_GT(shipped().size(), 100u);
  const GenreVerdict rugby = classify(
      shipped(), "Scotland beat Italy 18-10 at Murrayfield in the Six Nations. The fly-half kicked two penalties "
                 "and the winger scored a try in the second half.");
  EXPECT_EQ(rugby.genre, "sport");
  EXPECT_GE(rugby.strong_cues, 2u);
  const GenreVerdict football = classify(
      shipped(), "Chelsea have rejected a bid for their striker. The manager said the club would not sell him "
                 "before the Champions League tie, and the midfielder is injured.");
  EXPECT_EQ(football.genre, "sport");
  // A prefix cue matches the words it begins.
  EXPECT_EQ(classify(shipped(), "Footballers from Brazil signed with Japanese clubs before the World Cup.").genre, "sport");
}

TEST(Genre, EntertainmentReportingIsRecognised) {
  const GenreVerdict v = classify(
      shipped(), "The singer's new album went straight to number one in the UK chart, and her band will tour "
                 "America after the Grammy awards, where the record is nominated twice.");
  EXPECT_EQ(v.genre, "entertainment");
  // Politics about television is not entertainment.
  EXPECT_FALSE(classify(shipped(), "The government will sell the state television channel and cut the licence fee, "
                                   "the culture minister told parliament on Tuesday, after months of talks with "
                                   "the unions and the opposition.")
                   .off_topic());
}

TEST(Genre, PoliticalNewsWithSportWordsIsNot) {
  // Weak cues only ("victory", "captain", "fans", "season", "team").
  EXPECT_FALSE(classify(shipped(), "The opposition claimed victory in the election. An army captain told fans of the "
                                   "president that the team of negotiators would return next season.")
                   .off_topic());
  // One strong cue in a long political text.
  EXPECT_FALSE(classify(shipped(), "The United States and China agreed on Monday to resume talks on trade, officials "
                                   "said. The talks had been suspended since March, when Washington imposed tariffs "
                                   "on steel. The president will attend the World Cup opening in Qatar before "
                                   "travelling to Beijing for a summit with his Chinese counterpart.")
                   .off_topic());
  EXPECT_FALSE(classify(shipped(), "").off_topic());
}

TEST(Genre, ABadCueFileIsRefusedWithItsLine) {
  testing::TempDir dir;
  std::string error;
  EXPECT_FALSE(GenreCues::load(dir.write("a.txt", "sport\t3\tgoal\n"), error));
  EXPECT_NE(error.find("a.txt:1: not a Kestrel genre cue file"), std::string::npos) << error;
  EXPECT_FALSE(GenreCues::load(dir.write("b.txt", "%kestrel-dict genres 1\n# c\nsport\tx\tgoal\n"), error));
  EXPECT_NE(error.find("b.txt:3: weight 'x'"), std::string::npos) << error;
  EXPECT_FALSE(GenreCues::load(dir.write("c.txt", "%kestrel-dict genres 1\nsport\t3\tGoal\n"), error));
  EXPECT_NE(error.find("c.txt:2:"), std::string::npos) << error;
  EXPECT_FALSE(GenreCues::load(dir.write("d.txt", "%kestrel-dict genres 1\nsport\t3\tgo*\n"), error));
  EXPECT_NE(error.find("at least 3 letters"), std::string::npos) << error;
  EXPECT_FALSE(GenreCues::load(dir.file("missing.txt"), error));
  EXPECT_NE(error.find("cannot read"), std::string::npos) << error;
  auto ok = GenreCues::load(dir.write("e.txt", "%kestrel-dict genres 1\nsport\t3\tcurling\nsport\t1\tstone*\n"), error);
  ASSERT_TRUE(ok) << error;
  EXPECT_EQ(ok->size(), 2u);
  EXPECT_EQ(classify(*ok, "Curling stones and curling").genre, "sport");
  EXPECT_FALSE(classify(*ok, "stones stones stones").off_topic());  // no strong cue
}

}  // namespace
}  // namespace kestrel
