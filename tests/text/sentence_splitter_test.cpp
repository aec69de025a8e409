#include "text/sentence_splitter.h"

#include <gtest/gtest.h>

#include <chrono>
#include <ctime>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "../support/temp_dir.h"
#include "text/text.h"

namespace kestrel {
namespace {

std::string ud_dir() { return std::string(KESTREL_SOURCE_DIR) + "/../shared/data/ud"; }

// The sentences of `text` after prepare_document(), as "[kind pN] text" lines
// joined by " | " (kind and paragraph shown only when `layout`).
std::string sentences(std::string_view text, bool layout = false) {
  Document doc;
  doc.text = std::string(text);
  prepare_document(doc);
  std::string out;
  for (const auto& s : doc.sentences) {
    if (!out.empty()) out += " | ";
    if (layout) {
      out += '[';
      out += segment_kind_name(s.kind);
      out += " p";
      out += std::to_string(s.paragraph);
      out += "] ";
    }
    out += doc.text.substr(s.start, s.end - s.start);
  }
  return out;
}

// Same, with the rule-based fallback instead of the model.
std::string rule_sentences(std::string_view text) {
  std::vector<text_internal::SurfaceToken> toks;
  text_internal::tokenize(text, 0, static_cast<std::uint32_t>(text.size()), toks);
  text_internal::TokenStream stream;
  stream.text = text;
  stream.tokens = &toks;
  text_internal::compute_shapes(stream);
  std::vector<std::uint8_t> boundary;
  text_internal::split_sentences(stream, 0, toks.size(), nullptr, boundary);
  std::string out;
  std::size_t start = 0;
  for (std::size_t i = 0; i < toks.size(); ++i) {
    if (!boundary[i]) continue;
    if (!out.empty()) out += " | ";
    out += text.substr(toks[start].start, toks[i].end - toks[start].start);
    start = i + 1;
  }
  return out;
}

TEST(SentenceSplitter, ModelIsShipped) {
  EXPECT_NE(text_internal::default_sentence_model(), nullptr)
      << "data/" << text_internal::kSentenceModelPath << " missing: retrain with SentenceSplitter.DISABLED_TrainModel";
}

TEST(SentenceSplitter, Abbreviations) {
  EXPECT_EQ(sentences("The U.S. State Department said so. Lt. Gen. John Smith of the U.S. Army arrived at 5 p.m. "
                      "local time. He left on Jan. 5. Mr. Smith et al. disagreed."),
            "The U.S. State Department said so. | Lt. Gen. John Smith of the U.S. Army arrived at 5 p.m. local time. "
            "| He left on Jan. 5. | Mr. Smith et al. disagreed.");
  EXPECT_EQ(sentences("The author J. R. R. Tolkien was born in 1892. Dr. Li agreed."),
            "The author J. R. R. Tolkien was born in 1892. | Dr. Li agreed.");
  // An initial opening a sentence.
  EXPECT_EQ(sentences("Sales rose in May. J. Smith agreed. Officials were due to discuss the plans. "
                      "B. Satyanarayana said he expected VW to co-sign a memorandum."),
            "Sales rose in May. | J. Smith agreed. | Officials were due to discuss the plans. | "
            "B. Satyanarayana said he expected VW to co-sign a memorandum.");
}

TEST(SentenceSplitter, AbbreviationBeforeASentenceOpener) {
  EXPECT_EQ(sentences("Shares fell in the U.S. The dollar rose. It was a hit for Warner Bros. However, critics "
                      "disagreed. He worked for Acme Inc. His boss left."),
            "Shares fell in the U.S. | The dollar rose. | It was a hit for Warner Bros. | However, critics "
            "disagreed. | He worked for Acme Inc. | His boss left.");
  EXPECT_EQ(sentences("They read papers, e.g. The Times, and left."), "They read papers, e.g. The Times, and left.");
}

TEST(SentenceSplitter, TitlesEndingInExclamationOrQuestionMarks) {
  EXPECT_EQ(sentences("The woman behind the musical Mamma Mia! has joined the list. She cancelled promotion of "
                      "the film Shall We Dance? and her album."),
            "The woman behind the musical Mamma Mia! has joined the list. | She cancelled promotion of the film "
            "Shall We Dance? and her album.");
  // A shouted word or a single name is not a title.
  EXPECT_EQ(sentences("Did you ask them WHY? nobody knows."), "Did you ask them WHY? | nobody knows.");
}

TEST(SentenceSplitter, SentenceFinalAbbreviationLosesItsPeriod) {
  // EWT writes "etc." inside a sentence and "etc" + "." at its end.
  Document doc;
  doc.text = "They sell apples, pears, etc. and plums. They sell apples, pears, etc. We buy them.";
  prepare_document(doc);
  ASSERT_EQ(doc.sentences.size(), 3u);
  EXPECT_EQ(doc.sentences[0].tokens[6].form, "etc.");
  const auto& second = doc.sentences[1].tokens;
  ASSERT_GE(second.size(), 2u);
  EXPECT_EQ(second[second.size() - 2].form, "etc");
  EXPECT_EQ(second.back().form, ".");
  EXPECT_EQ(second.back().start, second[second.size() - 2].end);
}

TEST(SentenceSplitter, QuotesAndBracketsAfterFinalPunctuation) {
  EXPECT_EQ(sentences("It was \"concerned.\" Then it left. Talks went well (officials said so.) They ate."),
            "It was \"concerned.\" | Then it left. | Talks went well (officials said so.) | They ate.");
  EXPECT_EQ(sentences("He writes: \u201CChina has decided to take Belarus out of Russia\u2019s pocket.\u201D "
                      "The analyst agrees."),
            "He writes: \u201CChina has decided to take Belarus out of Russia\u2019s pocket.\u201D | The analyst agrees.");
  EXPECT_EQ(sentences("What? No! He said so... Then he left."), "What? | No! | He said so... | Then he left.");
}

TEST(SentenceSplitter, CitationMarksStayWithTheirSentence) {
  EXPECT_EQ(sentences("He entered the school of Dr. William Glennie, in Dulwich. [17] Placed under the care of a "
                      "Dr. Bailey, he did well. [3][4] In 1801, [6] he was sent to Harrow. He stayed."),
            "He entered the school of Dr. William Glennie, in Dulwich. [17] | Placed under the care of a Dr. Bailey, "
            "he did well. [3][4] | In 1801, [6] he was sent to Harrow. | He stayed.");
  EXPECT_EQ(sentences("She called it \"pure.\" [27] The rest is lost. [a]"),
            "She called it \"pure.\" [27] | The rest is lost. [a]");
  EXPECT_EQ(rule_sentences("He won in 1805. [19] Then he left."), "He won in 1805. [19] | Then he left.");
  // Not citations: a bracketed word, or a mark on the next line.
  EXPECT_EQ(sentences("He won. [Applause] Then he left.").substr(0, 20), "He won. | [Applause]");
  EXPECT_EQ(sentences("He won.\n[19] Then he left."), "He won. | [19] Then he left.");
}

TEST(SentenceSplitter, BareWordsRarelyEndSentences) {
  // Inside a paragraph, a word (or a bracketed insertion) followed by a
  // capital is almost always a name or title, not a sentence end.
  for (const char* text : {"In August 2004 Chinese authorities shut down 700 websites.",
                           "Shares in ABN Amro fell 2% in Amsterdam.",
                           "Speaking on BBC Radio 4, Mr Varley declined to comment.",
                           "Boro's 2-1 UEFA Cup win over Graz AK was his last game."})
    EXPECT_EQ(sentences(text), text);
}

TEST(SentenceSplitter, CaptionLabelsAtParagraphStart) {
  EXPECT_EQ(sentences("Towns hold meetings.\n\nFigure 1.5 Residents of Boxborough gather in the town hall.\n\n"
                      "Table 2 shows the results.\n\nFig. 3 The map of the world."),
            "Towns hold meetings. | Figure 1.5 | Residents of Boxborough gather in the town hall. | "
            "Table 2 shows the results. | Fig. 3 | The map of the world.");
  EXPECT_EQ(rule_sentences("Table 12 The results by region"), "Table 12 | The results by region");
}

TEST(SentenceSplitter, DatelinesBulletsCaptionsBylines) {
  EXPECT_EQ(sentences("MINSK, Nov 28 (Reuters) - Belarus's president met Xi Jinping on Monday. Talks went well.", true),
            "[dateline p0] MINSK, Nov 28 (Reuters) - | [body p0] Belarus's president met Xi Jinping on Monday. | "
            "[body p0] Talks went well.");
  EXPECT_EQ(sentences("Leaders met.\n\n\u2022 China to build plant in Minsk\n\u2022 EU extends sanctions\n"
                      "Photo: Liu Bin / Xinhua News\nBy Jane Smith, Reuters",
                      true),
            "[body p0] Leaders met. | [bullet p1] \u2022 China to build plant in Minsk | "
            "[bullet p1] \u2022 EU extends sanctions | [caption p1] Photo: Liu Bin / Xinhua News | "
            "[byline p1] By Jane Smith, Reuters");
}

TEST(SentenceSplitter, NoSentenceCrossesANonBodySpan) {
  Document doc;
  doc.text = "First part of a sentence Photo: credit and the rest of it.";
  doc.non_body.push_back({25, 39, SegmentKind::Caption});  // "Photo: credit "
  segment_document(doc);
  ASSERT_EQ(doc.sentences.size(), 3u);
  EXPECT_EQ(doc.sentences[0].kind, SegmentKind::Body);
  EXPECT_EQ(doc.sentences[1].kind, SegmentKind::Caption);
  EXPECT_EQ(doc.text.substr(doc.sentences[1].start, doc.sentences[1].end - doc.sentences[1].start), "Photo: credit");
  EXPECT_EQ(doc.sentences[2].kind, SegmentKind::Body);
  for (const auto& s : doc.sentences)
    for (const auto& span : doc.non_body) EXPECT_TRUE(s.end <= span.start || s.start >= span.start) << s.start;
}

TEST(SentenceSplitter, HeadlinesAndLines) {
  // A blank line always ends a sentence and a paragraph.
  EXPECT_EQ(sentences("Belarus and China sign deals\n\nLeaders met on Monday. They talked.", true),
            "[body p0] Belarus and China sign deals | [body p1] Leaders met on Monday. | [body p1] They talked.");
  // Without blank lines every line is a paragraph, unless a sentence runs on.
  EXPECT_EQ(sentences("Belarus and China sign deals\nLeaders met on Monday in Beijing, officials said\n"
                      "The talks lasted\nthree hours.\n1. First item\n2. Second item",
                      true),
            "[body p0] Belarus and China sign deals | [body p1] Leaders met on Monday in Beijing, officials said | "
            "[body p2] The talks lasted\nthree hours. | [body p3] 1. First item | [body p4] 2. Second item");
}

TEST(SentenceSplitter, HardWrappedText) {
  const std::string text =
      "Shell is to pay $1m to the ex-finance chief who stepped down from her post in April\n"
      "2004 after the firm over-stated its reserves. Judy Boynton left the firm on 31 December,\n"
      "having spent the intervening time as a special advisor to chief executive Jeroen van\n"
      "der Veer. In January 2004, Shell told shocked investors that its reserves were smaller\n"
      "than thought.\n"
      "The severance package means she keeps long-term share options, the firm said on Monday.\n";
  EXPECT_EQ(sentences(text),
            "Shell is to pay $1m to the ex-finance chief who stepped down from her post in April\n2004 after the "
            "firm over-stated its reserves. | Judy Boynton left the firm on 31 December,\nhaving spent the "
            "intervening time as a special advisor to chief executive Jeroen van\nder Veer. | In January 2004, Shell "
            "told shocked investors that its reserves were smaller\nthan thought. | The severance package means she "
            "keeps long-term share options, the firm said on Monday.");
}

TEST(SentenceSplitter, RulesWithoutModel) {
  EXPECT_EQ(rule_sentences("Mr. Smith arrived. \"We won.\" Then he left... And the U.S. Army? It stayed."),
            "Mr. Smith arrived. | \"We won.\" | Then he left... | And the U.S. Army? | It stayed.");
  EXPECT_EQ(rule_sentences("It costs $5.5m. Prices rose 3.5% in 2004. Acme Inc. The firm said so."),
            "It costs $5.5m. | Prices rose 3.5% in 2004. | Acme Inc. | The firm said so.");
  EXPECT_EQ(rule_sentences("Headline\nBody text here."), "Headline | Body text here.");
}

TEST(SentenceSplitter, MultiwordTokensInSentences) {
  Document doc;
  doc.text = "I don't know. She's gonna win!";
  prepare_document(doc);
  ASSERT_EQ(doc.sentences.size(), 2u);
  const Sentence& a = doc.sentences[0];
  ASSERT_EQ(a.multiword.size(), 1u);
  EXPECT_EQ(a.multiword[0].form, "don't");
  EXPECT_EQ(a.multiword[0].first, 1u);
  EXPECT_EQ(a.multiword[0].last, 2u);
  EXPECT_EQ(a.tokens[1].form, "do");
  EXPECT_EQ(a.tokens[2].form, "n't");
  EXPECT_FALSE(a.tokens[1].space_after);
  EXPECT_TRUE(a.tokens[2].space_after);
  const Sentence& b = doc.sentences[1];
  ASSERT_EQ(b.multiword.size(), 2u);
  EXPECT_EQ(b.tokens.size(), 6u);  // She 's gon na win !
  EXPECT_EQ(b.tokens[2].form, "gon");
  EXPECT_EQ(b.tokens.back().form, "!");
  EXPECT_FALSE(b.tokens.back().space_after);
}

TEST(SentenceSplitter, EmptyAndWhitespaceDocuments) {
  Document doc;
  segment_document(doc);
  EXPECT_TRUE(doc.sentences.empty());
  doc.text = " \n\n\u00A0\t ";
  segment_document(doc);
  EXPECT_TRUE(doc.sentences.empty());
  doc.text = "x";
  segment_document(doc);
  ASSERT_EQ(doc.sentences.size(), 1u);
  EXPECT_EQ(doc.sentences[0].tokens[0].form, "x");
}

TEST(SentenceSplitter, ConlluDocumentsAreLeftAlone) {
  Document doc;
  doc.format = InputFormat::Conllu;
  doc.text = "One. Two.";
  doc.sentences.emplace_back();
  segment_document(doc);
  EXPECT_EQ(doc.sentences.size(), 1u);
}

TEST(SentenceSplitter, BadModelFilesAreRefused) {
  testing::TempDir dir;
  std::string error;
  EXPECT_EQ(text_internal::SentenceModel::load(dir.file("missing.kmodel"), error), nullptr);
  EXPECT_FALSE(error.empty());
  error.clear();
  EXPECT_EQ(text_internal::SentenceModel::load(dir.write("junk.kmodel", "not a model"), error), nullptr);
  EXPECT_NE(error.find("junk.kmodel"), std::string::npos) << error;
}

TEST(SentenceSplitter, TrainsOnTinyCorpus) {
  // Two paragraphs of gold sentences; the model must learn to split the
  // first and keep "Dr." inside its sentence.
  std::string conllu;
  auto sentence = [&](const std::vector<std::string>& forms, bool newpar) {
    std::string text;
    for (std::size_t k = 0; k < forms.size(); ++k) {
      bool glued = k + 1 < forms.size() && forms[k + 1] == ".";
      text += forms[k];
      if (!glued && k + 1 < forms.size()) text += ' ';
    }
    if (newpar) conllu += "# newpar\n";
    conllu += "# text = " + text + "\n";
    for (std::size_t k = 0; k < forms.size(); ++k) {
      bool glued = k + 1 < forms.size() && forms[k + 1] == ".";
      conllu += std::to_string(k + 1) + "\t" + forms[k] + "\t_\t_\t_\t_\t_\t_\t_\t" + (glued ? "SpaceAfter=No" : "_") + "\n";
    }
    conllu += "\n";
  };
  for (int k = 0; k < 30; ++k) {
    sentence({"Dr.", "Smith", "came", "home", "."}, true);
    sentence({"He", "slept", "."}, false);
    sentence({"They", "met", "Mr.", "Jones", "there", "."}, false);
  }
  testing::TempDir dir;
  const std::string train = dir.write("train.conllu", conllu);
  const std::string model_path = dir.file("sentences.kmodel");
  std::string error;
  ASSERT_TRUE(text_internal::train_sentence_model(train, model_path, error)) << error;
  auto model = text_internal::SentenceModel::load(model_path, error);
  ASSERT_NE(model, nullptr) << error;

  const std::string text = "Dr. Smith came home. He slept. They met Mr. Jones there.";
  std::vector<text_internal::SurfaceToken> toks;
  text_internal::tokenize(text, 0, static_cast<std::uint32_t>(text.size()), toks);
  text_internal::TokenStream stream;
  stream.text = text;
  stream.tokens = &toks;
  text_internal::compute_shapes(stream);
  std::vector<std::uint8_t> boundary;
  text_internal::split_sentences(stream, 0, toks.size(), model.get(), boundary);
  std::string ends;
  for (std::size_t i = 0; i < toks.size(); ++i)
    if (boundary[i]) ends += std::to_string(i) + ",";
  EXPECT_EQ(ends, "4,7,13,");

  EXPECT_FALSE(text_internal::train_sentence_model(dir.file("none.conllu"), model_path, error));
}

TEST(SentenceSplitter, RawTextFromConllu) {
  std::vector<std::uint32_t> ends;
  std::string text = text_internal::conllu_raw_text(
      "# newdoc id = a\n# text = A b.\n1\tA\t_\t_\t_\t_\t_\t_\t_\t_\n2\tb\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n"
      "3\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n# text = C.\n1\tC\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n2\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n"
      "# newpar\n1\tD\t_\t_\t_\t_\t_\t_\t_\t_\n\n",
      &ends);
  EXPECT_EQ(text, "A b. C.\n\nD\n");
  EXPECT_EQ(ends, (std::vector<std::uint32_t>{4, 7, 10}));
}

// Developer tool, not a test: retrains data/models/sentences.kmodel from
// UD English-EWT train (run with --gtest_also_run_disabled_tests).
TEST(SentenceSplitter, DISABLED_TrainModel) {
  const std::string train = ud_dir() + "/en_ewt-ud-train.conllu";
  if (!std::filesystem::exists(train)) GTEST_SKIP() << "EWT train not found at " << train;
  const char* out = std::getenv("KESTREL_SENTENCE_MODEL_OUT");
  std::string path = out ? out : std::string(KESTREL_SOURCE_DIR) + "/data/models/sentences.kmodel";
  std::string error;
  ASSERT_TRUE(text_internal::train_sentence_model(train, path, error)) << error;
}

// Developer tool, not a test: throughput of prepare_document() on the BBC
// corpus (the "text" fields of ../shared/corpus/bbc-news-2004-2005.jsonl).
TEST(SentenceSplitter, DISABLED_Throughput) {
  const std::string path = std::string(KESTREL_SOURCE_DIR) + "/../shared/corpus/bbc-news-2004-2005.jsonl";
  std::ifstream in(path);
  if (!in) GTEST_SKIP() << "BBC corpus not found at " << path;
  std::vector<Document> docs;
  std::size_t bytes = 0;
  for (std::string line; std::getline(in, line);) {
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.contains("text")) continue;
    Document& d = docs.emplace_back();
    d.text = j["text"].get<std::string>();
    bytes += d.text.size();
  }
  (void)text_internal::default_sentence_model();  // load outside the timing
  // CPU time of this thread, so that other processes on the machine do not count.
  auto cpu_seconds = [] {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
  };
  for (int round = 0; round < 3; ++round) {
    std::size_t tokens = 0, sentences = 0;
    auto t0 = std::chrono::steady_clock::now();
    const double c0 = cpu_seconds();
    for (auto& d : docs) {
      prepare_document(d);
      sentences += d.sentences.size();
      for (const auto& s : d.sentences) tokens += s.tokens.size();
    }
    const double cpu = cpu_seconds() - c0;
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::cout << docs.size() << " documents, " << bytes / 1e6 << " MB, " << sentences << " sentences, " << tokens
              << " words; CPU " << cpu << " s: " << bytes / 1e6 / cpu << " MB/s, " << tokens / cpu / 1e6
              << " M words/s (wall " << wall << " s)\n";
  }
}

}  // namespace
}  // namespace kestrel
