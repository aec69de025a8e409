// Every export format is read back and checked against what was stored.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "nlp/nlp.h"
#include "store/store.h"
#include "store/store_fixtures.h"
#include "support/temp_dir.h"

namespace kestrel {
namespace {

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == sep) {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

std::vector<std::string> lines(const std::string& s) {
  auto v = split(s, '\n');
  if (!v.empty() && v.back().empty()) v.pop_back();
  return v;
}

// RFC 4180: quoted fields may hold commas, quotes ("") and line breaks.
std::vector<std::vector<std::string>> read_csv(const std::string& s) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string cell;
  bool quoted = false, any = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (quoted) {
      if (c == '"' && i + 1 < s.size() && s[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c == '"') {
      quoted = true;
      any = true;
    } else if (c == ',') {
      row.push_back(cell);
      cell.clear();
      any = true;
    } else if (c == '\n') {
      row.push_back(cell);
      rows.push_back(row);
      row.clear();
      cell.clear();
      any = false;
    } else {
      cell += c;
      any = true;
    }
  }
  if (any) {
    row.push_back(cell);
    rows.push_back(row);
  }
  return rows;
}

class StoreExport : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = testing::open_store(dir_.file("k.db"));
    testing::add_all(*store_, corpus_);
  }
  std::string run(ExportFormat format, bool mentions = false, EventFilter filter = {}) {
    std::ostringstream out;
    ExportOptions o;
    o.format = format;
    o.mentions = mentions;
    ExportResult r;
    std::string error;
    EXPECT_TRUE(export_events(*store_, filter, o, out, r, error)) << error;
    return out.str();
  }
  testing::TempDir dir_;
  testing::Corpus corpus_;
  std::unique_ptr<EventStore> store_;
};

TEST_F(StoreExport, GdeltEventsHave61ColumnsInGdeltOrder) {
  const auto& cols = gdelt_event_columns();
  ASSERT_EQ(cols.size(), 61u);
  EXPECT_EQ(cols[0], "GLOBALEVENTID");
  EXPECT_EQ(cols[5], "Actor1Code");
  EXPECT_EQ(cols[15], "Actor2Code");
  EXPECT_EQ(cols[26], "EventCode");
  EXPECT_EQ(cols[31], "NumMentions");
  EXPECT_EQ(cols[51], "ActionGeo_Type");
  EXPECT_EQ(cols[60], "SOURCEURL");

  auto rows = lines(run(ExportFormat::Gdelt));
  ASSERT_EQ(rows.size(), 4u);
  bool found = false;
  for (const std::string& line : rows) {
    auto c = split(line, '\t');
    ASSERT_EQ(c.size(), 61u) << line;
    if (c[26] != "040") continue;
    found = true;
    EXPECT_EQ(c[1], "20230228");
    EXPECT_EQ(c[2], "202302");
    EXPECT_EQ(c[3], "2023");
    EXPECT_EQ(c[4], "2023.1616");
    EXPECT_EQ(c[5], "BLRGOV");
    EXPECT_EQ(c[6], "ALEXANDER LUKASHENKO");
    EXPECT_EQ(c[7], "BLR");
    EXPECT_EQ(c[12], "GOV");
    EXPECT_EQ(c[15], "CHNGOV");
    EXPECT_EQ(c[17], "CHN");
    EXPECT_EQ(c[25], "1");
    EXPECT_EQ(c[27], "040");
    EXPECT_EQ(c[28], "04");
    EXPECT_EQ(c[29], "1");
    EXPECT_EQ(c[30], "1");
    EXPECT_EQ(c[31], "4");  // NumMentions
    EXPECT_EQ(c[32], "2");  // NumSources
    EXPECT_EQ(c[33], "3");  // NumArticles
    EXPECT_EQ(c[34], "");   // AvgTone
    EXPECT_EQ(c[51], "4");  // world city
    EXPECT_EQ(c[52], "Beijing");
    EXPECT_EQ(c[53], "CHN");
    EXPECT_EQ(c[56], "39.9075");
    EXPECT_EQ(c[57], "116.39723");
    EXPECT_EQ(c[58], "1816670");
    EXPECT_EQ(c[59].size(), 14u);
    EXPECT_EQ(c[60], "https://www.reuters.com/a");
  }
  EXPECT_TRUE(found);
}

TEST_F(StoreExport, GdeltMentionsKeepEveryReport) {
  auto rows = lines(run(ExportFormat::GdeltMentions));
  ASSERT_EQ(rows.size(), 8u);  // 1 + 4 + 1 + 2 mentions
  std::string meeting_id;
  std::map<std::string, int> per_event;
  for (const std::string& line : rows) {
    auto c = split(line, '\t');
    ASSERT_EQ(c.size(), 16u);
    ++per_event[c[0]];
    if (c[4] == "AP") {
      meeting_id = c[0];
      EXPECT_EQ(c[1], "20230228000000");  // the event's date
      EXPECT_EQ(c[2], "20230301000000");  // the article's
      EXPECT_EQ(c[5], "https://apnews.com/b");
      EXPECT_EQ(c[6], "1");
      EXPECT_EQ(c[7], "0");   // "Lukashenko" opens the text
      EXPECT_EQ(c[9], "11");  // "met"
      EXPECT_EQ(c[11], "100");
    }
  }
  EXPECT_EQ(per_event[meeting_id], 4);
}

TEST_F(StoreExport, PloverJsonlRecordsParseWithRequiredFields) {
  auto rows = lines(run(ExportFormat::Plover));
  ASSERT_EQ(rows.size(), 4u);
  for (const std::string& line : rows) {
    auto j = nlohmann::json::parse(line);
    for (const char* field : {"id", "date", "actor", "event", "recipient", "event_text", "text", "mode", "context"})
      EXPECT_TRUE(j.contains(field)) << field;
    if (j["kestrel"]["cameo"] == "190") {
      EXPECT_EQ(j["event"], "ASSAULT");
      EXPECT_EQ(j["actor"]["code"], "RUS");
      EXPECT_EQ(j["actor"]["sector"], "MIL");
      EXPECT_EQ(j["actor"]["entity_text"], "Russian troops");
      EXPECT_EQ(j["recipient"]["code"], "UKR");
      EXPECT_EQ(j["date"], "2023-04-10");
      EXPECT_EQ(j["event_text"], "Russian troops attacked Ukraine.");
      EXPECT_EQ(j["quad_code"], 4);
    }
    if (j["kestrel"]["cameo"] == "040") {
      EXPECT_EQ(j["event_loc"]["geonameid"], 1816670);
      EXPECT_EQ(j["kestrel"]["num_mentions"], 4);
    }
  }
  EXPECT_EQ(lines(run(ExportFormat::Plover, true)).size(), 8u);
}

TEST_F(StoreExport, CsvRoundTripsCommasAndQuotes) {
  auto rows = read_csv(run(ExportFormat::Csv));
  ASSERT_EQ(rows.size(), 5u);  // header + 4 events
  for (const auto& r : rows) EXPECT_EQ(r.size(), rows[0].size());
  auto col = [&](const std::string& name) {
    for (std::size_t i = 0; i < rows[0].size(); ++i)
      if (rows[0][i] == name) return i;
    ADD_FAILURE() << name;
    return std::size_t{0};
  };
  auto m = read_csv(run(ExportFormat::Csv, true));
  ASSERT_EQ(m.size(), 9u);
  std::size_t ev = 0;
  for (std::size_t i = 0; i < m[0].size(); ++i)
    if (m[0][i] == "evidence_text") ev = i;
  bool comma = false;
  for (const auto& r : m) {
    ASSERT_EQ(r.size(), m[0].size());
    comma |= r[ev] == "Lukashenko met Xi in Beijing, officials said.";
  }
  EXPECT_TRUE(comma);
  bool meeting = false;
  for (std::size_t i = 1; i < rows.size(); ++i)
    if (rows[i][col("cameo")] == "040") {
      meeting = true;
      EXPECT_EQ(rows[i][col("num_articles")], "3");
      EXPECT_EQ(rows[i][col("place_name")], "Beijing");
    }
  EXPECT_TRUE(meeting);
}

TEST_F(StoreExport, JsonlHasTheCodeCommandsFields) {
  auto rows = lines(run(ExportFormat::Jsonl, true));
  ASSERT_EQ(rows.size(), 8u);
  auto j = nlohmann::json::parse(rows[0]);
  for (const char* field : {"doc_id", "sentence", "date", "cameo", "plover", "goldstein", "quad_class", "source",
                            "target", "negated", "modality", "evidence", "pattern", "sentence_text"})
    EXPECT_TRUE(j.contains(field)) << field;
  EXPECT_EQ(j["evidence"]["trigger"]["text"], "condemned");
}

TEST_F(StoreExport, ConlluIsTheStoredParse) {
  std::string text = run(ExportFormat::Conllu);
  Diagnostics diag([](const Diagnostic&) {});
  auto docs = read_conllu(text, "export", diag);
  EXPECT_EQ(diag.errors(), 0u);
  ASSERT_EQ(docs.size(), corpus_.docs.size());
  for (std::size_t d = 0; d < docs.size(); ++d) {
    const Document& orig = corpus_.docs[d];
    EXPECT_EQ(docs[d].id, orig.id);
    ASSERT_EQ(docs[d].sentences.size(), orig.sentences.size());
    for (std::size_t s = 0; s < orig.sentences.size(); ++s) {
      ASSERT_EQ(docs[d].sentences[s].tokens.size(), orig.sentences[s].tokens.size());
      for (std::size_t t = 0; t < orig.sentences[s].tokens.size(); ++t) {
        const Token& a = orig.sentences[s].tokens[t];
        EXPECT_EQ(docs[d].sentences[s].tokens[t].form, a.form);
        EXPECT_NE(text.find("TokenRange=" + std::to_string(a.start) + ":" + std::to_string(a.end)),
                  std::string::npos);
      }
    }
  }
  // Filtered: only documents holding a selected event.
  EventFilter f;
  f.cameo = {"190"};
  docs = read_conllu(run(ExportFormat::Conllu, false, f), "export", diag);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].id, "d");
}

}  // namespace
}  // namespace kestrel
