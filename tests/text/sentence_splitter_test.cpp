#include "text/sentence_splitter.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

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

}  // namespace
}  // namespace kestrel
