// train_nlp_model(): trains every part of an NlpModel (see nlp.h).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>
#include <fstream>
#include <ostream>
#include <sstream>

#include "nlp/hashing.h"
#include "nlp/nlp_model_impl.h"

namespace kestrel {
namespace {

using Clock = std::chrono::steady_clock;

std::string seconds_since(Clock::time_point start) {
  const double s = std::chrono::duration<double>(Clock::now() - start).count();
  std::ostringstream out;
  out.precision(1);
  out << std::fixed << s << " s";
  return out.str();
}

bool read_treebank(const std::string& path, std::ostream& log, std::vector<Document>& docs, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = path + ": cannot open";
    return false;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  Diagnostics diag([&log](const Diagnostic& d) { log << format_diagnostic(d) << '\n'; });
  docs = read_conllu(buffer.str(), path, diag);
  return true;
}

std::vector<const Sentence*> pointers(const std::vector<Document>& docs) {
  std::vector<const Sentence*> out;
  for (const Document& d : docs)
    for (const Sentence& s : d.sentences)
      if (!s.tokens.empty()) out.push_back(&s);
  return out;
}

std::vector<const Sentence*> pointers(const std::vector<Sentence>& sentences) {
  std::vector<const Sentence*> out;
  for (const Sentence& s : sentences) out.push_back(&s);
  return out;
}

void tag_with(const nlp::Tagger& tagger, Sentence& s) {
  std::vector<std::string_view> forms;
  for (const Token& t : s.tokens) forms.push_back(t.form);
  std::vector<std::uint16_t> classes;
  nlp::Tagger::Scratch scratch;
  tagger.tag(forms, classes, scratch);
  for (std::size_t i = 0; i < s.tokens.size(); ++i) {
    s.tokens[i].upos = tagger.tags().upos[classes[i]];
    s.tokens[i].xpos = tagger.tags().xpos[classes[i]];
  }
}

struct ParserMember {
  std::string name;
  bool right_to_left = false;
  bool late_root = false;
  int beam = 1;
};

// "l2r,l2r,r2l:late:b4": one parser per item, read left to right or right
// to left, optionally with a late root (arc_eager.h) and a beam (default
// `beam`).
bool parse_members(const std::string& spec, int beam, std::vector<ParserMember>& out, std::string& error) {
  std::stringstream items(spec.empty() ? std::string("l2r") : spec);
  for (std::string item; std::getline(items, item, ',');) {
    ParserMember m;
    m.name = item;
    m.beam = std::max(1, beam);
    std::stringstream parts(item);
    std::string direction;
    std::getline(parts, direction, ':');
    for (std::string b; std::getline(parts, b, ':');) {
      if (b == "late") {
        m.late_root = true;
        continue;
      }
      if (b.size() < 2 || b[0] != 'b' || b.find_first_not_of("0123456789", 1) != std::string::npos ||
          b.size() > 4 || std::stoi(b.substr(1)) < 1) {
        error = "parser '" + item + "': expected a beam b<width> (l2r:b4) or 'late' (r2l:late)";
        return false;
      }
      m.beam = std::stoi(b.substr(1));
    }
    if (direction != "l2r" && direction != "r2l") {
      error = "parser '" + item + "': expected l2r or r2l (left to right, right to left)";
      return false;
    }
    m.right_to_left = direction == "r2l";
    out.push_back(m);
  }
  if (out.empty() || out.size() > 8) {
    error = "between one and eight parsers, please (got '" + spec + "')";
    return false;
  }
  return true;
}

}  // namespace

bool train_nlp_model(const NlpTrainOptions& options, std::ostream& log, std::string& error) {
  const auto start = Clock::now();
  std::vector<Document> train_docs, dev_docs;
  if (!read_treebank(options.train_path, log, train_docs, error)) return false;
  if (!options.dev_path.empty() && !read_treebank(options.dev_path, log, dev_docs, error)) return false;
  const std::vector<const Sentence*> train = pointers(train_docs);
  const std::vector<const Sentence*> dev = pointers(dev_docs);
  if (train.empty()) {
    error = options.train_path + ": no sentences";
    return false;
  }
  std::size_t words = 0;
  for (const Sentence* s : train) words += s->tokens.size();
  log << "training on " << train.size() << " sentences (" << words << " words)";
  if (!dev.empty()) log << ", choosing epochs on " << dev.size() << " dev sentences";
  log << '\n';

  auto model = NlpModelAccess::create();
  NlpModel::Impl& impl = NlpModelAccess::impl(*model);

  // 1. Tagger.
  nlp::WordNetClasses wordnet;
  if (!options.wordnet_dir.empty()) {
    if (!wordnet.load(options.wordnet_dir, error)) return false;
    log << "WordNet: " << wordnet.size() << " words and irregular forms from " << options.wordnet_dir << '\n';
  }
  nlp::TaggerTrainOptions tagger_options;
  tagger_options.epochs = options.tagger_epochs;
  tagger_options.seed = options.seed;
  tagger_options.wordnet = &wordnet;
  int tagger_epochs = options.tagger_epochs;
  if (!nlp::train_tagger(train, dev, tagger_options, log, impl.tagger, error, &tagger_epochs)) return false;
  log << "tagger done (" << seconds_since(start) << ")\n";

  // 2. Jackknifed tags for the parser's training data: each fold tagged by
  //    a tagger that never saw it.
  std::vector<Sentence> parser_train;
  parser_train.reserve(train.size());
  for (const Sentence* s : train) parser_train.push_back(*s);
  if (options.jackknife_folds > 1) {
    const auto folds = static_cast<std::size_t>(options.jackknife_folds);
    for (std::size_t f = 0; f < folds; ++f) {
      std::vector<const Sentence*> rest;
      for (std::size_t i = 0; i < train.size(); ++i)
        if (i % folds != f) rest.push_back(train[i]);
      nlp::TaggerTrainOptions fold_options = tagger_options;
      fold_options.epochs = tagger_epochs;
      fold_options.verbose = false;
      nlp::Tagger fold_tagger;
      if (!nlp::train_tagger(rest, {}, fold_options, log, fold_tagger, error)) return false;
      for (std::size_t i = f; i < parser_train.size(); i += folds) tag_with(fold_tagger, parser_train[i]);
      log << "jackknife fold " << f + 1 << "/" << folds << " tagged (" << seconds_since(start) << ")\n";
    }
  }
  std::vector<Sentence> parser_dev;
  for (const Sentence* s : dev) {
    parser_dev.push_back(*s);
    tag_with(impl.tagger, parser_dev.back());
  }

  // 3. Lemmas and features.
  nlp::LemmatizerTrainOptions lemma_options;
  lemma_options.epochs = options.lemmatizer_epochs;
  lemma_options.seed = options.seed;
  lemma_options.wordnet_dir = options.wordnet_dir;
  if (!nlp::train_lemmatizer(train, lemma_options, log, impl.lemmatizer, error)) return false;
  impl.morphology = nlp::Morphology::train(train, options.seed);
  for (std::vector<Sentence>* set : {&parser_train, &parser_dev})
    for (Sentence& s : *set)
      for (Token& t : s.tokens) t.lemma = impl.lemmatizer.lemma(t.form, t.upos, t.xpos);
  log << "lemmatizer and features done (" << seconds_since(start) << ")\n";

  // 4. Parsers: one, or an ensemble trained side by side.
  if (options.parser_features >= 2) {
    if (options.wordnet_dir.empty()) {
      error = "parser feature set 2 reads WordNet's semantic classes: give --wordnet DIR (or --parser-features 1)";
      return false;
    }
    if (!impl.senses.load(options.wordnet_dir, error)) return false;
    log << "WordNet: semantic classes of " << impl.senses.size() << " nouns and verbs\n";
  }
  std::vector<ParserMember> members;
  if (!parse_members(options.parsers, options.parser_beam, members, error)) return false;
  impl.parsers.assign(members.size(), nlp::Parser());
  std::vector<std::ostringstream> member_logs(members.size());
  std::vector<std::string> member_errors(members.size());
  std::vector<char> member_ok(members.size(), 0);
  const auto train_member = [&](std::size_t k) {
    nlp::ParserTrainOptions parser_options;
    parser_options.epochs = options.parser_epochs;
    parser_options.seed = options.seed + k;
    parser_options.min_weight = options.min_weight;
    parser_options.beam = members[k].beam;
    parser_options.right_to_left = members[k].right_to_left;
    parser_options.late_root = members[k].late_root;
    parser_options.feature_set = options.parser_features;
    parser_options.senses = impl.senses.empty() ? nullptr : &impl.senses;
    std::ostream& member_log = members.size() == 1 ? log : member_logs[k];
    member_ok[k] = nlp::train_parser(pointers(parser_train), pointers(parser_dev), parser_options, member_log,
                                     impl.parsers[k], member_errors[k]);
  };
  {
    const std::size_t threads = std::max<std::size_t>(1, std::min<std::size_t>(options.threads, members.size()));
    std::atomic<std::size_t> next{0};
    std::mutex log_mutex;
    std::vector<std::thread> pool;
    for (std::size_t t = 0; t < threads; ++t)
      pool.emplace_back([&] {
        for (std::size_t k; (k = next++) < members.size();) {
          train_member(k);
          if (members.size() > 1) {
            std::lock_guard<std::mutex> lock(log_mutex);
            log << "parser " << k + 1 << "/" << members.size() << " (" << members[k].name << ", seed "
                << options.seed + k << "):\n"
                << member_logs[k].str() << "parser " << k + 1 << " done (" << seconds_since(start) << ")\n";
            log.flush();
          }
        }
      });
    for (std::thread& t : pool) t.join();
  }
  for (std::size_t k = 0; k < members.size(); ++k)
    if (!member_ok[k]) {
      error = member_errors[k];
      return false;
    }
  impl.link_parsers();
  log << "parser done (" << seconds_since(start) << ")\n";

  // 5. Summary and self-test sentences, then save.
  {
    std::ostringstream summary;
    summary << "UD English-EWT style tagger/lemmatizer/parser: " << impl.tagger.tags().size() << " tag classes, "
            << impl.parsers.front().labels().size() << " relations, parser " << options.parsers
            << (options.parser_beam > 1 ? " beam " + std::to_string(options.parser_beam) : std::string()) << "; trained on " << train.size() << " sentences ("
            << options.train_path.substr(options.train_path.find_last_of('/') + 1) << "), seed " << options.seed;
    impl.summary = summary.str();
  }
  const std::vector<const Sentence*>& samples = dev.empty() ? train : dev;
  for (std::size_t i = 0; i < samples.size() && impl.self_tests.size() < 3; ++i) {
    Sentence s;
    NlpModel::Impl::SelfTest test;
    for (const Token& t : samples[i]->tokens) {
      Token copy;
      copy.form = t.form;
      s.tokens.push_back(copy);
      test.forms.push_back(t.form);
    }
    model->annotate(s);
    for (const Token& t : s.tokens) test.expected.push_back(NlpModelAccess::describe(t));
    impl.self_tests.push_back(std::move(test));
  }
  if (!model->save(options.output_path, error)) return false;
  // Reading it back runs the self-test: a model that cannot be loaded is
  // reported now, not at first use.
  std::string check_error;
  if (!NlpModel::load(options.output_path, check_error)) {
    error = "the written model does not load: " + check_error;
    return false;
  }
  log << "wrote " << options.output_path << " (" << seconds_since(start) << " in all)\n";
  return true;
}

}  // namespace kestrel
