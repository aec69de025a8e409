// `kestrel code` with the document layer: event dates and places in
// --format jsonl, one summary per document in --format doc, and what --db
// stores. Parsed input (CoNLL-U, sentences of the bundled example article) so
// that events are coded without the parser model; the same on the raw
// article needs data/models/nlp.kmodel and is skipped without it.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "doc/doc.h"
#include "support/run_kestrel.h"
#include "support/temp_dir.h"

namespace kestrel {
namespace {

std::vector<nlohmann::json> json_lines(const std::string& out) {
  std::vector<nlohmann::json> v;
  std::istringstream lines(out);
  std::string line;
  while (std::getline(lines, line))
    if (!line.empty()) v.push_back(nlohmann::json::parse(line));
  return v;
}

// Three sentences in the words of the example article (published
// 2023-02-28), hand-parsed: a relative date ("On Monday" = 2023-02-27), a
// place in the sentence ("in Beijing"), an explicit month ("in March 2022").
constexpr const char* kConllu =
    "# newdoc id = example\n"
    "# text = On Monday, the European Union extended sanctions against the Republic of Belarus.\n"
    "1\tOn\ton\tADP\tIN\t_\t2\tcase\t_\t_\n"
    "2\tMonday\tMonday\tPROPN\tNNP\t_\t7\tobl\t_\tSpaceAfter=No\n"
    "3\t,\t,\tPUNCT\t,\t_\t7\tpunct\t_\t_\n"
    "4\tthe\tthe\tDET\tDT\t_\t6\tdet\t_\t_\n"
    "5\tEuropean\tEuropean\tPROPN\tNNP\t_\t6\tcompound\t_\t_\n"
    "6\tUnion\tUnion\tPROPN\tNNP\t_\t7\tnsubj\t_\t_\n"
    "7\textended\textend\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "8\tsanctions\tsanction\tNOUN\tNNS\t_\t7\tobj\t_\t_\n"
    "9\tagainst\tagainst\tADP\tIN\t_\t11\tcase\t_\t_\n"
    "10\tthe\tthe\tDET\tDT\t_\t11\tdet\t_\t_\n"
    "11\tRepublic\tRepublic\tPROPN\tNNP\t_\t8\tnmod\t_\t_\n"
    "12\tof\tof\tADP\tIN\t_\t13\tcase\t_\t_\n"
    "13\tBelarus\tBelarus\tPROPN\tNNP\t_\t11\tnmod\t_\tSpaceAfter=No\n"
    "14\t.\t.\tPUNCT\t.\t_\t7\tpunct\t_\t_\n"
    "\n"
    "# text = Xi Jinping met Lukashenko in Beijing.\n"
    "1\tXi\tXi\tPROPN\tNNP\t_\t3\tnsubj\t_\t_\n"
    "2\tJinping\tJinping\tPROPN\tNNP\t_\t1\tflat\t_\t_\n"
    "3\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "4\tLukashenko\tLukashenko\tPROPN\tNNP\t_\t3\tobj\t_\t_\n"
    "5\tin\tin\tADP\tIN\t_\t6\tcase\t_\t_\n"
    "6\tBeijing\tBeijing\tPROPN\tNNP\t_\t3\tobl\t_\tSpaceAfter=No\n"
    "7\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n"
    "\n"
    "# text = Lukashenko visited China in March 2022.\n"
    "1\tLukashenko\tLukashenko\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
    "2\tvisited\tvisit\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "3\tChina\tChina\tPROPN\tNNP\t_\t2\tobj\t_\t_\n"
    "4\tin\tin\tADP\tIN\t_\t5\tcase\t_\t_\n"
    "5\tMarch\tMarch\tPROPN\tNNP\t_\t2\tobl\t_\t_\n"
    "6\t2022\t2022\tNUM\tCD\t_\t5\tnummod\t_\tSpaceAfter=No\n"
    "7\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n"
    "\n";

const nlohmann::json* event_in(const std::vector<nlohmann::json>& events, int sentence) {
  for (const auto& e : events)
    if (e["sentence"] == sentence) return &e;
  return nullptr;
}

TEST(CodeWithDocLayer, JsonlEventsCarryTheirDateAndPlace) {
  testing::TempDir dir;
  auto path = dir.write("example.conllu", kConllu);
  auto r = testing::run_kestrel_split("code --format jsonl --date 2023-02-28 " + path);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto events = json_lines(r.out);
  ASSERT_EQ(events.size(), 3u) << r.out;

  // "On Monday, the European Union extended sanctions ...": the Monday
  // before publication.
  const nlohmann::json* e = event_in(events, 0);
  ASSERT_TRUE(e) << r.out;
  EXPECT_EQ((*e)["cameo"].get<std::string>().substr(0, 3), "163");
  EXPECT_EQ((*e)["date"], "2023-02-27");
  EXPECT_EQ((*e)["date_resolution"], "day");
  EXPECT_EQ((*e)["date_origin"], "relative");
  EXPECT_EQ((*e)["date_text"]["text"], "Monday");
  EXPECT_EQ((*e)["publication_date"], "2023-02-28");
  EXPECT_TRUE((*e)["location"].is_null()) << "'against the Republic of Belarus' is a target, not a place";

  // "... met Lukashenko in Beijing.": no date in the sentence, so the
  // publication date; the place from the sentence, with coordinates.
  e = event_in(events, 1);
  ASSERT_TRUE(e) << r.out;
  EXPECT_EQ((*e)["date"], "2023-02-28");
  EXPECT_EQ((*e)["date_resolution"], "day");
  EXPECT_EQ((*e)["date_origin"], "publication");
  EXPECT_FALSE(e->contains("date_text"));
  const auto& loc = (*e)["location"];
  ASSERT_TRUE(loc.is_object()) << e->dump();
  EXPECT_EQ(loc["name"], "Beijing");
  EXPECT_EQ(loc["country"], "CHN");
  EXPECT_EQ(loc["geonames_id"], 1816670);
  EXPECT_NEAR(loc["lat"].get<double>(), 39.9, 0.1);
  EXPECT_NEAR(loc["lon"].get<double>(), 116.4, 0.1);
  EXPECT_EQ(loc["kind"], "city");
  EXPECT_EQ(loc["level"], 4);
  EXPECT_EQ(loc["origin"], "sentence");

  // "... in March 2022": an explicit date at month resolution.
  e = event_in(events, 2);
  ASSERT_TRUE(e) << r.out;
  EXPECT_EQ((*e)["date"], "2022-03");
  EXPECT_EQ((*e)["date_resolution"], "month");
  EXPECT_EQ((*e)["date_origin"], "explicit");
  EXPECT_EQ((*e)["date_text"]["text"], "March 2022");
}

TEST(CodeWithDocLayer, TextSaysWhenAndWhere) {
  testing::TempDir dir;
  auto path = dir.write("example.conllu", kConllu);
  auto r = testing::run_kestrel_split("code --date 2023-02-28 " + path);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("when 2023-02-27 (day, relative: \"Monday\"); where unknown"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("when 2023-02-28 (day, publication); where Beijing, CHN (city, in the sentence)"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("when 2022-03 (month, explicit: \"March 2022\")"), std::string::npos) << r.out;
}

TEST(CodeWithDocLayer, UndatedDocumentWarnsAndStillCodes) {
  testing::TempDir dir;
  auto path = dir.write("example.conllu", kConllu);
  auto r = testing::run_kestrel_split("code --format jsonl " + path);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("has no publication date"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--undated-run-date"), std::string::npos) << r.err;
  auto events = json_lines(r.out);
  ASSERT_EQ(events.size(), 3u) << r.out;
  const nlohmann::json* e = event_in(events, 1);
  ASSERT_TRUE(e);
  EXPECT_TRUE((*e)["date"].is_null());
  EXPECT_EQ((*e)["date_origin"], "none");
  EXPECT_TRUE((*e)["publication_date"].is_null());
  EXPECT_EQ((*e)["location"]["name"], "Beijing");  // places do not need a date
  // "On Monday" cannot be resolved without a publication date; "March 2022" can.
  EXPECT_TRUE((*event_in(events, 0))["date"].is_null());
  EXPECT_EQ((*event_in(events, 2))["date"], "2022-03");
}

TEST(CodeWithDocLayer, RunDateOnlyWhenAsked) {
  testing::TempDir dir;
  auto path = dir.write("example.conllu", kConllu);
  auto r = testing::run_kestrel_split("code --format jsonl --undated-run-date " + path);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("dated by the run date"), std::string::npos) << r.err;
  auto events = json_lines(r.out);
  ASSERT_EQ(events.size(), 3u) << r.out;
  const std::string today = run_date_utc();
  const nlohmann::json* e = event_in(events, 1);
  ASSERT_TRUE(e);
  EXPECT_EQ((*e)["date"], today);
  EXPECT_EQ((*e)["date_origin"], "run_date");
  EXPECT_EQ((*e)["publication_date"], today);
  // A date the text gives still wins.
  EXPECT_EQ((*event_in(events, 2))["date"], "2022-03");
  EXPECT_EQ((*event_in(events, 2))["date_origin"], "explicit");

  // A date given with --date wins over the flag, silently.
  r = testing::run_kestrel_split("code --format jsonl --undated-run-date --date 2023-02-28 " + path);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err.find("publication date"), std::string::npos) << r.err;
  EXPECT_EQ((*event_in(json_lines(r.out), 1))["date_origin"], "publication");
}

TEST(CodeWithDocLayer, FormatDocIsOneSummaryPerDocument) {
  testing::TempDir dir;
  std::string second = "# newdoc id = other\n"
                       "# text = Protesters gathered in Minsk.\n"
                       "1\tProtesters\tprotester\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n"
                       "2\tgathered\tgather\tVERB\tVBD\t_\t0\troot\t_\t_\n"
                       "3\tin\tin\tADP\tIN\t_\t4\tcase\t_\t_\n"
                       "4\tMinsk\tMinsk\tPROPN\tNNP\t_\t2\tobl\t_\tSpaceAfter=No\n"
                       "5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n";
  auto path = dir.write("example.conllu", std::string(kConllu) + second);
  auto r = testing::run_kestrel_split("code --format doc --date 2023-02-28 " + path);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto docs = json_lines(r.out);
  ASSERT_EQ(docs.size(), 2u) << r.out;
  const auto& d = docs[0];
  EXPECT_EQ(d["doc_id"], "example");
  EXPECT_EQ(d["date"], "2023-02-28");
  EXPECT_EQ(d["date_source"], "metadata");
  EXPECT_TRUE(d.contains("title"));
  EXPECT_TRUE(d["sources"]["attributions"].is_array());
  ASSERT_EQ(d["events"].size(), 3u);
  EXPECT_EQ(d["events"][0]["date"], "2023-02-27");
  EXPECT_EQ(d["events"][1]["location"]["name"], "Beijing");
  bool beijing = false;
  for (const auto& p : d["places"])
    if (p["name"] == "Beijing") {
      beijing = true;
      EXPECT_EQ(p["country"], "CHN");
      EXPECT_EQ(p["geonames_id"], 1816670);
      EXPECT_TRUE(p["lat"].is_number());
      EXPECT_EQ(p["mentions"], 1);
    }
  EXPECT_TRUE(beijing) << d["places"].dump();
  bool lukashenko = false;
  for (const auto& a : d["actors"])
    if (a["code"] == "BLRGOV" && a["entity"] == "blr.lukashenko.alexander") {
      lukashenko = true;
      EXPECT_EQ(a["mentions"], 2);
    }
  EXPECT_TRUE(lukashenko) << d["actors"].dump();
  ASSERT_EQ(d["times"].size(), 2u) << d["times"].dump();
  EXPECT_EQ(d["times"][0]["text"], "Monday");
  EXPECT_TRUE(d["quotes"].is_array());
  EXPECT_EQ(docs[1]["doc_id"], "other");
  EXPECT_EQ(docs[1]["places"][0]["name"], "Minsk");
  EXPECT_EQ(docs[1]["places"][0]["country"], "BLR");
}

std::vector<std::vector<std::string>> sql_rows(const std::string& db, const std::string& sql) {
  std::vector<std::vector<std::string>> rows;
  sqlite3* h = nullptr;
  if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << "cannot open " << db;
    sqlite3_close(h);
    return rows;
  }
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(h, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << sqlite3_errmsg(h) << ": " << sql;
  } else {
    while (sqlite3_step(st) == SQLITE_ROW) {
      std::vector<std::string> row;
      for (int c = 0; c < sqlite3_column_count(st); ++c) {
        const unsigned char* t = sqlite3_column_text(st, c);
        row.push_back(t ? reinterpret_cast<const char*>(t) : "NULL");
      }
      rows.push_back(std::move(row));
    }
  }
  sqlite3_finalize(st);
  sqlite3_close(h);
  return rows;
}

TEST(CodeWithDocLayer, DbStoresEventDatesPlacesAndQuotes) {
  testing::TempDir dir;
  auto path = dir.write("example.conllu", kConllu);
  const std::string db = dir.file("k.db");
  auto r = testing::run_kestrel_split("code --db " + db + " --date 2023-02-28 " + path);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto rows = sql_rows(db,
                       "SELECT m.sentence, m.date, m.date_resolution, m.date_origin, m.location_origin, "
                       "coalesce(p.name, '') FROM event_mentions m LEFT JOIN places p ON p.id = m.place_id "
                       "ORDER BY m.sentence");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"0", "2023-02-27", "day", "relative", "", ""}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"1", "2023-02-28", "day", "publication", "sentence", "Beijing"}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"2", "2022-03", "month", "explicit", "", ""}));
  auto places = sql_rows(db, "SELECT p.name, p.country FROM place_mentions m JOIN places p ON p.id = m.place_id "
                             "WHERE p.name = 'Beijing'");
  ASSERT_EQ(places.size(), 1u);
  EXPECT_EQ(places[0][1], "CHN");
}

// Raw text with a dated dateline and no other date: the dateline dates the
// document row, and its "(Reuters)" is stored as an attribution.
TEST(CodeWithDocLayer, DbTakesTheDocumentDateFromTheDateline) {
  const std::string root = KESTREL_SOURCE_DIR;
  if (!std::filesystem::exists(root + "/data/models/nlp.kmodel"))
    GTEST_SKIP() << "data/models/nlp.kmodel not shipped: raw text cannot be parsed";
  testing::TempDir dir;
  auto path = dir.write("minsk.txt",
                        "MINSK, Nov 28, 2022 (Reuters) - Belarusian police detained dozens of protesters on Sunday, "
                        "a rights group said.\n");
  const std::string db = dir.file("k.db");
  auto r = testing::run_kestrel_split("code --db " + db + " " + path);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err.find("has no publication date"), std::string::npos) << r.err;
  auto docs = sql_rows(db, "SELECT date, day > 0 FROM documents");
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0], (std::vector<std::string>{"2022-11-28", "1"}));
  auto sources = sql_rows(db, "SELECT source FROM attributions");
  ASSERT_FALSE(sources.empty());
  EXPECT_EQ(sources[0][0], "Reuters");
}

// Sport reporting is not coded ("France accused Italy" of cheating at rugby)
// unless --all-genres; the text output and stderr say why.
TEST(CodeWithDocLayer, SportReportingIsNotCodedUnlessAsked) {
  const std::string root = KESTREL_SOURCE_DIR;
  if (!std::filesystem::exists(root + "/data/models/nlp.kmodel"))
    GTEST_SKIP() << "data/models/nlp.kmodel not shipped: raw text cannot be parsed";
  testing::TempDir dir;
  auto path = dir.write("rugby.txt",
                        "France accused Italy of cheating in the Six Nations match at the Stade de France on Saturday. "
                        "The winger scored two tries and the fly-half kicked three penalties before the referee sent "
                        "off a prop.\n");
  auto r = testing::run_kestrel_split("code --date 2005-02-12 " + path);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("reads as sport"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("# 0 events"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("1 article reads as sport or entertainment reporting and was not coded (--all-genres codes them)"),
            std::string::npos)
      << r.err;
  r = testing::run_kestrel_split("code --all-genres --format jsonl --date 2005-02-12 " + path);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto events = json_lines(r.out);
  ASSERT_FALSE(events.empty()) << r.out;
  EXPECT_EQ(events[0]["source"]["code"], "FRA");
  EXPECT_EQ(r.err.find("sport"), std::string::npos) << r.err;
  // --format doc says what the article read as.
  r = testing::run_kestrel_split("code --format doc --date 2005-02-12 " + path);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto docs = json_lines(r.out);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0]["genre"]["name"], "sport");
  EXPECT_GE(docs[0]["genre"]["strong_cues"], 3);
  EXPECT_TRUE(docs[0]["events"].empty());
}

// The bundled article itself, raw text: needs the parser model.
TEST(CodeWithDocLayer, ExampleArticleRawText) {
  const std::string root = KESTREL_SOURCE_DIR;
  if (!std::filesystem::exists(root + "/data/models/nlp.kmodel"))
    GTEST_SKIP() << "data/models/nlp.kmodel not shipped yet: raw text codes no events (the same fields are "
                    "tested on CoNLL-U above and at the API level in example_article_test.cpp)";
  testing::TempDir dir;
  auto r = testing::run_kestrel_split("code --format jsonl --date 2023-02-28 " + root +
                                      "/examples/000_52d312ab3d952ff2.txt");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto events = json_lines(r.out);
  ASSERT_FALSE(events.empty()) << r.err;
  bool monday = false;
  for (const auto& e : events) {
    EXPECT_TRUE(e.contains("date_resolution"));
    EXPECT_TRUE(e.contains("date_origin"));
    EXPECT_TRUE(e.contains("location"));
    EXPECT_EQ(e["publication_date"], "2023-02-28");
    if (e["sentence_text"].get<std::string>().find("On Monday") != std::string::npos) {
      monday = true;
      EXPECT_EQ(e["date"], "2023-02-27");
      EXPECT_EQ(e["date_origin"], "relative");
    }
  }
  EXPECT_TRUE(monday) << "no event coded from 'On Monday, the European Union extended sanctions ...'";
}

}  // namespace
}  // namespace kestrel
