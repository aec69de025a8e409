#include <gtest/gtest.h>

#include <fstream>

#include "support/temp_dir.h"
#include "text/text.h"

namespace kestrel {
namespace {

using testing::TempDir;

struct Collected {
  std::vector<Document> docs;
  std::vector<Diagnostic> messages;
  std::size_t errors = 0;
};

Collected read_all(std::vector<std::string> paths, ReadOptions options = {}) {
  Collected c;
  Diagnostics diag([&](const Diagnostic& d) { c.messages.push_back(d); });
  DocumentReader reader(std::move(paths), options, diag);
  Document doc;
  while (reader.next(doc)) c.docs.push_back(doc);
  c.errors = diag.errors();
  return c;
}

bool has_message(const Collected& c, const std::string& needle) {
  for (const auto& m : c.messages)
    if (format_diagnostic(m).find(needle) != std::string::npos) return true;
  return false;
}

TEST(DocumentReader, ReadsPlainTextWithOffsetsIntoTheFile) {
  TempDir dir;
  auto path = dir.write("a.txt", "Hello world.\n");
  auto c = read_all({path});
  ASSERT_EQ(c.docs.size(), 1u);
  EXPECT_EQ(c.docs[0].text, "Hello world.\n");
  EXPECT_EQ(c.docs[0].id, "a");
  EXPECT_EQ(c.docs[0].format, InputFormat::Text);
  EXPECT_EQ(c.errors, 0u);
}

TEST(DocumentReader, JsonlRecordsWithMetadataAndAMalformedLine) {
  TempDir dir;
  auto path = dir.write("news.jsonl",
                        "{\"id\": \"a1\", \"text\": \"First.\", \"date\": \"2023-02-28T09:00:00Z\", \"title\": \"T\", "
                        "\"url\": \"http://x\", \"source\": \"S\"}\n"
                        "{\"id\": \"a2\", \"text\": \n"
                        "\n"
                        "{\"id\": 7, \"text\": \"Third.\"}\n"
                        "{\"id\": \"a4\"}\n");
  ReadOptions options;
  options.default_date = "2020-01-01";
  auto c = read_all({path}, options);
  ASSERT_EQ(c.docs.size(), 2u);
  EXPECT_EQ(c.docs[0].id, "a1");
  EXPECT_EQ(c.docs[0].date, "2023-02-28");
  EXPECT_EQ(c.docs[0].title, "T");
  EXPECT_EQ(c.docs[0].url, "http://x");
  EXPECT_EQ(c.docs[0].source, "S");
  EXPECT_EQ(c.docs[1].id, "7");
  EXPECT_EQ(c.docs[1].line, 4u);
  EXPECT_EQ(c.docs[1].date, "2020-01-01");  // default applies only where missing
  EXPECT_EQ(c.errors, 2u);
  EXPECT_TRUE(has_message(c, "news.jsonl:2: error: malformed JSON"));
  EXPECT_TRUE(has_message(c, "news.jsonl:5: error: record has no string field \"text\""));
}

TEST(DocumentReader, HtmlKeepsArticleTextAndDropsFurniture) {
  TempDir dir;
  auto path = dir.write("page.html", R"(<!doctype html><html><head><title>Ignored</title>
<meta property="og:title" content="EU extends sanctions">
<meta property="article:published_time" content="2023-02-27T18:00:00+01:00">
<script>var x = "not text";</script><style>p{}</style></head>
<body><nav><a href="/">Home</a> | <a>World</a></nav>
<article><h1>EU extends sanctions</h1><p>The EU on Monday extended sanctions.</p>
<figure><img src="a.jpg"><figcaption>Photo: Someone / Reuters</figcaption></figure>
<p>Minsk &amp; Moscow   reacted.</p></article>
<footer>Copyright 2023</footer><div class="cookie-banner">Accept cookies</div></body></html>)");
  auto c = read_all({path});
  ASSERT_EQ(c.docs.size(), 1u);
  const Document& d = c.docs[0];
  EXPECT_EQ(d.title, "EU extends sanctions");
  EXPECT_EQ(d.date, "2023-02-27");
  EXPECT_NE(d.text.find("The EU on Monday extended sanctions."), std::string::npos);
  EXPECT_NE(d.text.find("Minsk & Moscow reacted."), std::string::npos);
  EXPECT_EQ(d.text.find("not text"), std::string::npos);
  EXPECT_EQ(d.text.find("Home"), std::string::npos);
  EXPECT_EQ(d.text.find("Copyright"), std::string::npos);
  ASSERT_EQ(d.non_body.size(), 1u);
  EXPECT_EQ(d.text.substr(d.non_body[0].start, d.non_body[0].end - d.non_body[0].start), "Photo: Someone / Reuters");
}

TEST(DocumentReader, TruncatedHtmlStillYieldsText) {
  TempDir dir;
  auto path = dir.write("cut.html", "<html><body><p>Troops entered the town. <b>Residents fl");
  auto c = read_all({path});
  ASSERT_EQ(c.docs.size(), 1u);
  EXPECT_NE(c.docs[0].text.find("Troops entered the town. Residents fl"), std::string::npos);
}

TEST(DocumentReader, DirectoriesAreReadRecursivelyInSortedOrder) {
  TempDir dir;
  dir.write("b/two.txt", "Two.");
  dir.write("a/one.txt", "One.");
  dir.write(".hidden/x.txt", "Hidden.");
  dir.write("c/three.jsonl", "{\"id\":\"t\",\"text\":\"Three.\"}\n");
  auto c = read_all({dir.path()});
  ASSERT_EQ(c.docs.size(), 3u);
  EXPECT_EQ(c.docs[0].text, "One.");
  EXPECT_EQ(c.docs[1].text, "Two.");
  EXPECT_EQ(c.docs[2].id, "t");
}

TEST(DocumentReader, NonexistentPathIsReportedAndOthersStillRead) {
  TempDir dir;
  auto good = dir.write("ok.txt", "Fine.");
  auto c = read_all({dir.file("missing.txt"), good});
  ASSERT_EQ(c.docs.size(), 1u);
  EXPECT_EQ(c.errors, 1u);
  EXPECT_TRUE(has_message(c, "missing.txt: error: no such file or directory"));
}

TEST(DocumentReader, DirectoryWithNothingReadable) {
  TempDir dir;
  std::filesystem::create_directories(dir.file("empty"));
  auto c = read_all({dir.file("empty")});
  EXPECT_TRUE(c.docs.empty());
  EXPECT_EQ(c.errors, 1u);
  EXPECT_TRUE(has_message(c, "directory holds no readable files"));
}

TEST(DocumentReader, BinaryFileIsSkippedWithAMessage) {
  TempDir dir;
  std::string binary("\x7f" "ELF\x02\x01\x01\x00\x00\x00\x00", 12);
  auto bin = dir.write("prog.txt", binary + std::string(100, '\0'));
  auto good = dir.write("z.txt", "After.");
  auto c = read_all({bin, good});
  ASSERT_EQ(c.docs.size(), 1u);
  EXPECT_EQ(c.docs[0].text, "After.");
  EXPECT_TRUE(has_message(c, "prog.txt: error: binary file skipped"));
}

TEST(DocumentReader, EmptyFileIsAWarningNotADocument) {
  TempDir dir;
  auto path = dir.write("empty.txt", "");
  auto c = read_all({path});
  EXPECT_TRUE(c.docs.empty());
  EXPECT_EQ(c.errors, 0u);
  EXPECT_TRUE(has_message(c, "empty.txt: warning: empty file"));
}

TEST(DocumentReader, InvalidUtf8IsReplacedInPlaceWithItsOffset) {
  TempDir dir;
  auto path = dir.write("bad.txt", "Minsk \xff\xfe said \xc3\xa9t\xc3");
  auto c = read_all({path});
  ASSERT_EQ(c.docs.size(), 1u);
  EXPECT_EQ(c.docs[0].text, "Minsk ?? said \xc3\xa9t?");
  EXPECT_TRUE(has_message(c, "bad.txt: byte 6: warning: invalid UTF-8"));
  EXPECT_TRUE(has_message(c, "bad.txt: byte 7: warning"));
  EXPECT_TRUE(has_message(c, "bad.txt: byte 17: warning"));
}

TEST(DocumentReader, HugeFileWithoutNewlineIsReadInBoundedParts) {
  // 200 MB without a single newline, written in blocks so the test itself
  // stays small; the reader must hand it over in bounded parts.
  TempDir dir;
  const std::string path = dir.file("big.txt");
  const std::size_t kTotal = 200u << 20;
  {
    std::string block;
    while (block.size() < (1u << 20)) block += "sanctions ";
    block.resize(1u << 20);  // 1 MiB; a multiple of 10 bytes is not needed
    std::ofstream out(path, std::ios::binary);
    for (std::size_t written = 0; written < kTotal; written += block.size()) out << block;
  }
  std::size_t parts = 0, total = 0, largest = 0;
  Diagnostics diag([](const Diagnostic&) {});
  DocumentReader reader({path}, {}, diag);
  Document doc;
  while (reader.next(doc)) {
    ++parts;
    total += doc.text.size();
    largest = std::max(largest, doc.text.size());
  }
  EXPECT_EQ(total, kTotal);  // nothing lost, nothing duplicated
  EXPECT_GE(parts, 25u);
  EXPECT_LE(largest, 8u << 20);
  EXPECT_EQ(diag.errors(), 0u);
  EXPECT_EQ(diag.warnings(), 1u);  // "read as several documents"
}

TEST(DocumentReader, ExplicitFormatOverridesExtension) {
  TempDir dir;
  auto path = dir.write("data.txt", "{\"id\":\"x\",\"text\":\"Hi.\"}\n");
  ReadOptions options;
  options.format = InputFormat::Jsonl;
  auto c = read_all({path}, options);
  ASSERT_EQ(c.docs.size(), 1u);
  EXPECT_EQ(c.docs[0].id, "x");
  EXPECT_EQ(c.docs[0].text, "Hi.");
}

TEST(MetadataDate, NormalisesCommonForms) {
  EXPECT_EQ(normalize_metadata_date("2023-02-28"), "2023-02-28");
  EXPECT_EQ(normalize_metadata_date("2023-02-28T10:00:00Z"), "2023-02-28");
  EXPECT_EQ(normalize_metadata_date("20230228"), "2023-02-28");
  EXPECT_EQ(normalize_metadata_date("Tue, 28 Feb 2023 10:00:00 GMT"), "2023-02-28");
  EXPECT_EQ(normalize_metadata_date("February 28, 2023"), "2023-02-28");
  EXPECT_EQ(normalize_metadata_date("yesterday"), "");
  EXPECT_EQ(normalize_metadata_date("2023-13-01"), "");
}

TEST(NormalizeForMatching, MapsTypographicVariants) {
  EXPECT_EQ(normalize_for_matching("People\xE2\x80\x99s Republic"), "People's Republic");
  EXPECT_EQ(normalize_for_matching("\xE2\x80\x9CGood\xE2\x80\x9D \xE2\x80\x93 bad"), "\"Good\" - bad");
  EXPECT_EQ(normalize_for_matching("a\xC2\xA0" "b"), "a b");
  EXPECT_EQ(normalize_for_matching("\xEF\xAC\x81nance"), "finance");  // NFKC ligature
}

}  // namespace
}  // namespace kestrel
