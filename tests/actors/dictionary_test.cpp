#include <gtest/gtest.h>

#include "actors/actors.h"
#include "support/temp_dir.h"

namespace kestrel {
namespace {

using testing::TempDir;

struct Loaded {
  std::unique_ptr<ActorDictionary> dict;
  std::vector<std::string> messages;
};

Loaded load(const std::vector<std::string>& files) {
  Loaded l;
  Diagnostics diag([&](const Diagnostic& d) { l.messages.push_back(format_diagnostic(d)); });
  l.dict = ActorDictionary::load(files, diag);
  return l;
}

TEST(ActorDictionary, ParsesEveryEntryKind) {
  TempDir dir;
  auto path = dir.write("a.txt",
                        "%kestrel-dict actors 1\n"
                        "# comment\n"
                        "country BLR Belarus\n"
                        " alias Republic of Belarus | Byelorussia\n"
                        " adj Belarusian | Belarussian\n"
                        " demonym Belarusians\n"
                        " capital Minsk\n"
                        " former Byelorussian SSR..1991-08-25\n"
                        "person blr.lukashenko.alexander Alexander Lukashenko  # the president\n"
                        " alias Lukashenka | Oleksandr Lukashenko\n"
                        " role BLRGOV 1994-07-20.. President\n"
                        " role BLRLEG 1990-03..1994-07 Deputy\n"
                        " born 1954\n"
                        "igo IGOEUREEC European Union\n"
                        " alias! EU\n"
                        "group PSEREBHMS Hamas\n"
                        " country PSE\n"
                        " active 1987..\n"
                        "agent GOV,MIL defence minister | defense minister\n");
  auto l = load({path});
  EXPECT_TRUE(l.messages.empty()) << l.messages[0];
  ActorCounts c = l.dict->counts();
  EXPECT_EQ(c.countries, 1u);
  EXPECT_EQ(c.people, 1u);
  EXPECT_EQ(c.igos, 1u);
  EXPECT_EQ(c.groups, 1u);
  EXPECT_EQ(c.agent_phrases, 2u);
  const ActorEntry* blr = l.dict->find("BLR");
  ASSERT_NE(blr, nullptr);
  ASSERT_EQ(blr->names.size(), 4u);
  EXPECT_EQ(blr->names[3].text, "Byelorussian SSR");
  EXPECT_EQ(blr->names[3].when.to, 19910825);
  const ActorEntry* luk = l.dict->find("blr.lukashenko.alexander");
  ASSERT_NE(luk, nullptr);
  ASSERT_EQ(luk->roles.size(), 2u);
  EXPECT_TRUE(luk->roles[0].when.contains(date_to_day("2023-02-28")));
  EXPECT_FALSE(luk->roles[1].when.contains(date_to_day("2023-02-28")));
  EXPECT_EQ(luk->roles[1].when.to, 19940731);
  EXPECT_TRUE(l.dict->find("IGOEUREEC")->names[1].exact_case);
  EXPECT_EQ(l.dict->agents()[0].sectors, (std::vector<std::string>{"GOV", "MIL"}));
}

TEST(ActorDictionary, BadLinesAreReportedWithFileAndLineAndSkipped) {
  TempDir dir;
  auto path = dir.write("bad.txt",
                        "%kestrel-dict actors 1\n"
                        " alias Orphan\n"                       // 2: outside an entry
                        "country blr Belarus\n"                 // 3: bad ISO code
                        "person x.y Someone\n"                  // 4: ok
                        " role BLRGOV 2020-13..2021 Minister\n" // 5: bad date
                        " role blrgov 2020.. Minister\n"        // 6: bad code
                        " role BLRGOV 2022..2021 Minister\n"    // 7: reversed
                        " capital Minsk\n"                      // 8: not valid for person
                        "person x.y Duplicate\n"                // 9: duplicate id
                        "widget W W\n"                          // 10: unknown keyword
                        "country FRA France\n"                  // 11: ok
                        "agent GOV government | cabinet\n");    // 12: ok
  auto l = load({path});
  ASSERT_EQ(l.messages.size(), 8u);
  const char* expected[] = {"/bad.txt:2:", "/bad.txt:3:", "/bad.txt:5:", "/bad.txt:6:",
                            "/bad.txt:7:", "/bad.txt:8:", "/bad.txt:9:", "/bad.txt:10:"};
  for (std::size_t i = 0; i < 8; ++i) EXPECT_NE(l.messages[i].find(expected[i]), std::string::npos) << l.messages[i];
  ActorCounts c = l.dict->counts();
  EXPECT_EQ(c.people, 1u);
  EXPECT_EQ(c.countries, 1u);
  EXPECT_EQ(c.agent_phrases, 2u);
}

TEST(ActorDictionary, CommonWordsAreListedOneWordEach) {
  TempDir dir;
  auto path = dir.write("common.txt",
                        "%kestrel-dict actors 1\n"
                        "common turkey | bush\n"
                        "common china\n"
                        "common two words\n");  // 4: not one word
  auto l = load({path});
  ASSERT_EQ(l.messages.size(), 1u);
  EXPECT_NE(l.messages[0].find("/common.txt:4:"), std::string::npos) << l.messages[0];
  EXPECT_EQ(l.dict->common_words(), (std::vector<std::string>{"turkey", "bush", "china"}));
}

TEST(ActorDictionary, WrongHeaderRefusesTheFile) {
  TempDir dir;
  auto path = dir.write("events.txt", "%kestrel-dict events 1\ncountry FRA France\n");
  auto l = load({path});
  ASSERT_EQ(l.messages.size(), 1u);
  EXPECT_NE(l.messages[0].find("events.txt:1: error: not an actors dictionary"), std::string::npos);
  EXPECT_EQ(l.dict->counts().countries, 0u);
}

TEST(ActorCodes, Validation) {
  EXPECT_TRUE(is_valid_actor_code("BLRGOV"));
  EXPECT_TRUE(is_valid_actor_code("---REB"));
  EXPECT_TRUE(is_valid_actor_code("IGOEUREEC"));
  EXPECT_FALSE(is_valid_actor_code("BLRGO"));
  EXPECT_FALSE(is_valid_actor_code("blr"));
  EXPECT_FALSE(is_valid_actor_code("BLR---"));
}

}  // namespace
}  // namespace kestrel
