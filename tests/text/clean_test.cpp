#include <gtest/gtest.h>

#include "text/text.h"

namespace kestrel {
namespace {

std::vector<std::pair<SegmentKind, std::string>> marked(const std::string& text) {
  Document doc;
  doc.text = text;
  clean_document(doc);
  std::vector<std::pair<SegmentKind, std::string>> out;
  for (const auto& s : doc.non_body) out.emplace_back(s.kind, text.substr(s.start, s.end - s.start));
  return out;
}

TEST(CleanDocument, MarksPhotoCaptionLine) {
  auto m = marked("Body sentence.\n\nXi Jinping and Oleksandr LukashenkoPhoto: Liu Bin / Xinhua News / Profimedia\n\nMore body.");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].first, SegmentKind::Caption);
  EXPECT_EQ(m[0].second, "Xi Jinping and Oleksandr LukashenkoPhoto: Liu Bin / Xinhua News / Profimedia");
}

TEST(CleanDocument, MarksBulletsBylinesAndDatelines) {
  auto m = marked(
      "By Jane Smith and John Doe, Reuters\n"
      "MINSK, Nov 28 (Reuters) - Belarus said on Monday it would respond.\n"
      "  \xE2\x80\xA2 Belarusian-Chinese summit: Xi Jinping and Oleksandr Lukashenko demand peace\n"
      "WASHINGTON (AP) \xE2\x80\x94 The Senate voted.\n");
  ASSERT_EQ(m.size(), 4u);
  EXPECT_EQ(m[0], std::make_pair(SegmentKind::Byline, std::string("By Jane Smith and John Doe, Reuters")));
  EXPECT_EQ(m[1], std::make_pair(SegmentKind::Dateline, std::string("MINSK, Nov 28 (Reuters) -")));
  EXPECT_EQ(m[2].first, SegmentKind::Bullet);
  EXPECT_EQ(m[3], std::make_pair(SegmentKind::Dateline, std::string("WASHINGTON (AP) \xE2\x80\x94")));
}

TEST(CleanDocument, LeavesOrdinaryBodyAlone) {
  auto m = marked(
      "On Monday, the European Union extended sanctions against the Republic of Belarus.\n"
      "Before the visit, the president held a meeting on financing the purchase of military products\n"
      "By the end of 2023, the plan will be complete.\n"
      "NATO and the EU met - briefly - in Brussels.\n");
  EXPECT_TRUE(m.empty()) << m.size();
}

}  // namespace
}  // namespace kestrel
