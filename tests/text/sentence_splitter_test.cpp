#include "text/sentence_splitter.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "text/text.h"

namespace kestrel {
namespace {

std::string ud_dir() { return std::string(KESTREL_SOURCE_DIR) + "/../shared/data/ud"; }

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
  for (int round = 0; round < 3; ++round) {
    std::size_t tokens = 0, sentences = 0;
    auto t0 = std::chrono::steady_clock::now();
    for (auto& d : docs) {
      prepare_document(d);
      sentences += d.sentences.size();
      for (const auto& s : d.sentences) tokens += s.tokens.size();
    }
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::cout << docs.size() << " documents, " << bytes / 1e6 << " MB, " << sentences << " sentences, " << tokens
              << " words in " << seconds << " s: " << bytes / 1e6 / seconds << " MB/s, " << tokens / seconds / 1e6
              << " M words/s\n";
  }
}

}  // namespace
}  // namespace kestrel
