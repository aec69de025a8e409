// NlpModel: loading, saving and annotating (see nlp.h, nlp_model_impl.h).
#include <algorithm>
#include <fstream>
#include <sstream>

#include "base/model_file.h"
#include "nlp/eisner.h"
#include "nlp/hashing.h"
#include "nlp/nlp_model_impl.h"
#include "nlp/repair.h"
#include "nlp/truecase.h"

namespace kestrel {
namespace {

// What one sentence carries from one stage of annotate() to the next (see
// annotate(Document&)).
struct SentenceWork {
  std::vector<std::string_view> forms;
  std::vector<std::string> cased;  // a shouted sentence's words in running-text case
  std::vector<nlp::TaggerAtoms> tagger_atoms;
  std::vector<std::uint16_t> first_classes;  // the tagger's first pass
  std::vector<nlp::ParserWord> words;
  std::vector<int> heads, labels;  // the first parser's, then the ensemble's
  // Ensembles: every parser's tree (index 0 unused: heads and labels).
  std::vector<std::vector<int>> member_heads, member_labels;
  bool agree = true, same = true;
  bool decided = false;  // no further parser can change the tree
};

// Buffers annotate() needs; one set per thread, so a shared model stays
// immutable.
struct AnnotateScratch {
  nlp::Tagger::Scratch tagger;
  nlp::Parser::Scratch parser;
  std::vector<std::uint16_t> classes;
  std::vector<SentenceWork> work;  // per sentence of a document (work[0] for one sentence)
  std::vector<float> arc_votes, label_votes;
  std::vector<int> combined;
};

// Sentences longer than this take the first parser's tree alone: Eisner's
// algorithm is cubic.
constexpr std::size_t kMaxEnsembleWords = 160;

AnnotateScratch& thread_scratch() {
  thread_local AnnotateScratch scratch;
  return scratch;
}

template <typename Part>
bool read_section(const ModelFile& file, const std::string& name, const char* section, Part& part,
                  std::string& error) {
  auto it = file.sections.find(section);
  if (it == file.sections.end()) {
    error = name + ": model has no '" + section + "' section";
    return false;
  }
  ByteReader in(it->second);
  std::string why;
  if (!part.read(in, why)) {
    error = name + ": " + section + ": " + why;
    return false;
  }
  if (in.failed() || !in.at_end()) {
    error = name + ": " + section + ": section is " + (in.failed() ? "truncated" : "longer than its contents");
    return false;
  }
  return true;
}

// Adapters so read_section() can read the small sections too.
struct MetaSection {
  std::string summary;
  bool read(ByteReader& in, std::string& error) {
    const std::uint32_t hash_version = in.u32();
    summary = in.str();
    if (in.failed()) {
      error = "truncated";
      return false;
    }
    if (hash_version != nlp::kFeatureHashVersion) {
      error = "features were hashed with version " + std::to_string(hash_version) + ", this build uses " +
              std::to_string(nlp::kFeatureHashVersion) + "; retrain the model";
      return false;
    }
    return true;
  }
};

struct SelfTestSection {
  std::vector<NlpModel::Impl::SelfTest>* tests;
  bool read(ByteReader& in, std::string& error) {
    const std::uint32_t n = in.u32();
    if (in.failed() || n > 1000) {
      error = "invalid self-test count";
      return false;
    }
    tests->clear();
    for (std::uint32_t i = 0; i < n && !in.failed(); ++i) {
      NlpModel::Impl::SelfTest test;
      const std::uint32_t words = in.u32();
      if (words > 10000) {
        error = "invalid self-test sentence";
        return false;
      }
      for (std::uint32_t w = 0; w < words && !in.failed(); ++w) {
        test.forms.push_back(in.str());
        test.expected.push_back(in.str());
      }
      tests->push_back(std::move(test));
    }
    if (in.failed()) {
      error = "truncated";
      return false;
    }
    return true;
  }
};

// Parser k's tree of work.words (parsers in order: 0 first). Parser 0's
// goes to work.heads and work.labels. After each, work.decided tells whether
// the others can still change anything.
void parse_member(const NlpModel::Impl& m, std::size_t k, SentenceWork& work, AnnotateScratch& scratch) {
  if (work.decided) return;
  const std::size_t n = work.words.size();
  const std::size_t members = m.parsers.size();
  if (k == 0) {
    m.parsers.front().parse(work.words, work.heads, work.labels, scratch.parser);
    work.agree = work.same = true;
    work.decided = members == 1 || n > kMaxEnsembleWords;
    if (!work.decided) {
      work.member_heads.resize(members);
      work.member_labels.resize(members);
    }
    return;
  }
  m.parsers[k].parse(work.words, work.member_heads[k], work.member_labels[k], scratch.parser);
  work.agree = work.agree && work.member_heads[k] == work.heads;
  // When the parsers so far gave the same tree and relations and outnumber
  // the rest, the rest cannot change any vote: skip them (the result is
  // exactly the full ensemble's).
  work.same = work.same && work.agree && work.member_labels[k] == work.labels;
  if (work.same && k + 1 > members - (k + 1)) work.decided = true;
}

// Combines the ensemble's trees into work.heads and work.labels (the first
// parser's label indices), once every parser has had its say.
void combine_members(const NlpModel::Impl& m, SentenceWork& work, AnnotateScratch& scratch) {
  if (work.decided) return;
  const std::size_t n = work.words.size();
  const std::size_t members = m.parsers.size();
  work.member_heads[0] = work.heads;
  work.member_labels[0] = work.labels;
  // Earlier parsers weigh a little more, so a tie goes to the first.
  const auto weight = [](std::size_t k) { return 1.0f + 0.01f / static_cast<float>(k + 1); };
  if (!work.agree) {
    const std::size_t side = n + 1;
    scratch.arc_votes.assign(side * side, 0.0f);
    for (std::size_t k = 0; k < members; ++k)
      for (std::size_t d = 1; d <= n; ++d)
        scratch.arc_votes[static_cast<std::size_t>(work.member_heads[k][d - 1]) * side + d] += weight(k);
    nlp::eisner(static_cast<int>(n), scratch.arc_votes, scratch.combined);
    for (std::size_t d = 1; d <= n; ++d) work.heads[d - 1] = scratch.combined[d];
  }
  const std::size_t num_labels = m.parsers.front().labels().size();
  for (std::size_t d = 0; d < n; ++d) {
    scratch.label_votes.assign(num_labels, 0.0f);
    for (std::size_t k = 0; k < members; ++k) {
      if (work.member_heads[k][d] != work.heads[d]) continue;
      const int own = work.member_labels[k][d];
      const int label = k == 0 ? own : m.label_maps[k][static_cast<std::size_t>(own)];
      if (label >= 0) scratch.label_votes[static_cast<std::size_t>(label)] += weight(k);
    }
    const auto best = std::max_element(scratch.label_votes.begin(), scratch.label_votes.end());
    // No parser chose this head (Eisner's repair): the first parser's label.
    if (*best > 0.0f) work.labels[d] = static_cast<int>(best - scratch.label_votes.begin());
  }
}

// The stages of annotate(). Every stage reads only its own sentence, so a
// document may run each over all its sentences before the next (and does:
// one model's tables then stay in the cache from sentence to sentence).

// The forms the models read and the tagger's first pass.
void start_sentence(const NlpModel::Impl& m, Sentence& sentence, const NlpAnnotateOptions& options,
                    SentenceWork& work, AnnotateScratch& scratch) {
  std::vector<Token>& tokens = sentence.tokens;
  // What the models read of each word: its form, or for a sentence in
  // capitals the form in running-text case (nlp/truecase.h).
  work.forms.clear();
  for (const Token& t : tokens) work.forms.push_back(t.form);
  work.cased.clear();
  if (nlp::shouted(work.forms)) {
    const nlp::CaseKnowledge knowledge{[&](std::string_view f) { return m.lemmatizer.proper_noun(f); },
                                       [&](std::string_view f) { return m.lemmatizer.common_word(f); }};
    work.cased = nlp::truecase(work.forms, knowledge);
    for (std::size_t i = 0; i < tokens.size(); ++i) work.forms[i] = work.cased[i];
  }
  if (options.tag) m.tagger.first_pass(work.forms, work.tagger_atoms, work.first_classes, scratch.tagger.scores);
}

// Tags (the tagger's second pass), lemmas and features; the parser's words.
void prepare_sentence(const NlpModel::Impl& m, Sentence& sentence, const NlpAnnotateOptions& options,
                      SentenceWork& work, AnnotateScratch& scratch) {
  std::vector<Token>& tokens = sentence.tokens;
  const auto form = [&](std::size_t i) { return work.forms[i]; };
  if (options.tag) {
    m.tagger.second_pass(work.tagger_atoms, work.first_classes, scratch.classes, scratch.tagger.scores);
    const nlp::TagSet& tags = m.tagger.tags();
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      tokens[i].upos = tags.upos[scratch.classes[i]];
      tokens[i].xpos = tags.xpos[scratch.classes[i]];
    }
    const auto can_be_verb = [&](std::string_view w) {
      return (m.tagger.wordnet().classes(w) & nlp::WordNetClasses::kVerb) != 0;
    };
    nlp::repair_verbs_after_relative_pronouns(sentence, can_be_verb);
    nlp::repair_simple_pasts_after_subjects(sentence, can_be_verb);
  }
  if (options.lemmatize)
    for (std::size_t i = 0; i < tokens.size(); ++i)
      tokens[i].lemma = m.lemmatizer.lemma(form(i), tokens[i].upos, tokens[i].xpos);
  if (options.features)
    for (std::size_t i = 0; i < tokens.size(); ++i)
      tokens[i].feats = m.morphology.features(form(i), tokens[i].upos, tokens[i].xpos);
  work.words.clear();
  work.decided = false;
  if (options.parse) {
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      const Token& t = tokens[i];
      nlp::ParserWord w;
      w.form = form(i);
      w.upos = t.upos;
      w.xpos = t.xpos;
      w.lemma = t.lemma;
      w.sense = m.senses.sense(t.lemma, t.upos);
      work.words.push_back(w);
    }
  }
}

// The tree (every parser has parsed) and what depends on it.
void finish_sentence(const NlpModel::Impl& m, Sentence& sentence, const NlpAnnotateOptions& options,
                     SentenceWork& work, AnnotateScratch& scratch) {
  std::vector<Token>& tokens = sentence.tokens;
  if (options.parse) {
    combine_members(m, work, scratch);
    const std::vector<std::string>& labels = m.parsers.front().labels();
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      tokens[i].head = work.heads[i];
      tokens[i].deprel = labels[static_cast<std::size_t>(work.labels[i])];
      tokens[i].deps.clear();  // an enhanced graph of another tree would be wrong
    }
    for (std::size_t v : nlp::repair_reduced_relatives_with_object(sentence))
      if (options.features) tokens[v].feats = m.morphology.features(work.forms[v], tokens[v].upos, tokens[v].xpos);
  }
  if (options.features) nlp::Morphology::apply_syntax(sentence);
}

}  // namespace

void NlpModel::Impl::link_parsers() {
  label_maps.assign(parsers.size(), {});
  for (std::size_t k = 1; k < parsers.size(); ++k) {
    for (const std::string& label : parsers[k].labels()) {
      const auto& first = parsers.front().labels();
      const auto it = std::find(first.begin(), first.end(), label);
      label_maps[k].push_back(it == first.end() ? -1 : static_cast<int>(it - first.begin()));
    }
  }
}

NlpModel::NlpModel() : impl_(std::make_unique<Impl>()) {}
NlpModel::~NlpModel() = default;

std::unique_ptr<NlpModel> NlpModelAccess::create() { return std::unique_ptr<NlpModel>(new NlpModel()); }

std::string NlpModelAccess::describe(const Token& t) {
  return t.upos + ' ' + t.xpos + ' ' + t.lemma + ' ' + (t.feats.empty() ? "_" : t.feats) + ' ' +
         std::to_string(t.head) + ' ' + t.deprel;
}

std::unique_ptr<NlpModel> NlpModel::from_bytes(std::string_view bytes, const std::string& name, std::string& error) {
  auto file = parse_model_file(bytes, name, kNlpModelKind, kNlpModelVersion, kNlpModelVersion, error);
  if (!file) return nullptr;
  auto model = NlpModelAccess::create();
  Impl& impl = *model->impl_;
  MetaSection meta;
  SelfTestSection self_test{&impl.self_tests};
  if (!read_section(*file, name, "meta", meta, error) || !read_section(*file, name, "tagger", impl.tagger, error) ||
      !read_section(*file, name, "lemmatizer", impl.lemmatizer, error) ||
      !read_section(*file, name, "morph", impl.morphology, error) ||
      !read_section(*file, name, "selftest", self_test, error))
    return nullptr;
  if (file->sections.count("senses") != 0 && !read_section(*file, name, "senses", impl.senses, error)) return nullptr;
  for (int k = 1;; ++k) {
    const std::string section = k == 1 ? "parser" : "parser." + std::to_string(k);
    if (k > 1 && file->sections.find(section) == file->sections.end()) break;
    impl.parsers.emplace_back();
    if (!read_section(*file, name, section.c_str(), impl.parsers.back(), error)) return nullptr;
  }
  for (const nlp::Parser& p : impl.parsers)
    if (p.feature_set() >= 2 && impl.senses.empty()) {
      error = name + ": a parser reads WordNet's semantic classes but the model has no 'senses' section";
      return nullptr;
    }
  impl.link_parsers();
  impl.summary = meta.summary;
  // The model must still do what it did when it was trained.
  for (const Impl::SelfTest& test : impl.self_tests) {
    Sentence sentence;
    for (const std::string& form : test.forms) {
      Token t;
      t.form = form;
      sentence.tokens.push_back(std::move(t));
    }
    model->annotate(sentence);
    for (std::size_t i = 0; i < sentence.tokens.size(); ++i) {
      const std::string got = NlpModelAccess::describe(sentence.tokens[i]);
      if (got != test.expected[i]) {
        error = name + ": self-test failed: word '" + test.forms[i] + "' came out as '" + got + "', expected '" +
                test.expected[i] + "' (model and program do not match)";
        return nullptr;
      }
    }
  }
  return model;
}

std::unique_ptr<NlpModel> NlpModel::load(const std::string& path, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = path + ": cannot open the model file";
    return nullptr;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) {
    error = path + ": cannot read the model file";
    return nullptr;
  }
  return from_bytes(buffer.str(), path, error);
}

std::unique_ptr<NlpModel> NlpModel::load_default(std::string& error) {
  const std::string path = find_data_file("models/nlp.kmodel");
  if (path.empty()) {
    error = "models/nlp.kmodel not found (set KESTREL_DATA to the data directory)";
    return nullptr;
  }
  return load(path, error);
}

bool NlpModel::save(const std::string& path, std::string& error) const {
  ModelFile file;
  file.kind = kNlpModelKind;
  file.version = kNlpModelVersion;
  file.compression_level = 19;  // halves the file; loading stays well under a second
  {
    ByteWriter out;
    out.u32(nlp::kFeatureHashVersion);
    out.str(impl_->summary);
    file.sections["meta"] = out.take();
  }
  {
    ByteWriter out;
    impl_->tagger.write(out);
    file.sections["tagger"] = out.take();
  }
  {
    ByteWriter out;
    impl_->lemmatizer.write(out);
    file.sections["lemmatizer"] = out.take();
  }
  {
    ByteWriter out;
    impl_->morphology.write(out);
    file.sections["morph"] = out.take();
  }
  if (!impl_->senses.empty()) {
    ByteWriter out;
    impl_->senses.write(out);
    file.sections["senses"] = out.take();
  }
  for (std::size_t k = 0; k < impl_->parsers.size(); ++k) {
    ByteWriter out;
    impl_->parsers[k].write(out);
    file.sections[k == 0 ? std::string("parser") : "parser." + std::to_string(k + 1)] = out.take();
  }
  {
    ByteWriter out;
    out.u32(static_cast<std::uint32_t>(impl_->self_tests.size()));
    for (const Impl::SelfTest& test : impl_->self_tests) {
      out.u32(static_cast<std::uint32_t>(test.forms.size()));
      for (std::size_t i = 0; i < test.forms.size(); ++i) {
        out.str(test.forms[i]);
        out.str(test.expected[i]);
      }
    }
    file.sections["selftest"] = out.take();
  }
  return write_model_file(path, file, error);
}

std::string NlpModel::summary() const { return impl_->summary; }

void NlpModel::annotate(Sentence& sentence, const NlpAnnotateOptions& options) const {
  if (sentence.tokens.empty()) return;
  AnnotateScratch& scratch = thread_scratch();
  const Impl& m = *impl_;
  if (scratch.work.empty()) scratch.work.resize(1);
  SentenceWork& work = scratch.work[0];
  start_sentence(m, sentence, options, work, scratch);
  prepare_sentence(m, sentence, options, work, scratch);
  if (options.parse)
    for (std::size_t k = 0; k < m.parsers.size(); ++k) parse_member(m, k, work, scratch);
  finish_sentence(m, sentence, options, work, scratch);
}

void NlpModel::annotate(Document& document, const NlpAnnotateOptions& options) const {
  // The same as annotate() sentence by sentence, stage by stage: the
  // tagger's first pass over every sentence, its second pass (and lemmas,
  // features), then each parser over every sentence, then the combined trees.
  AnnotateScratch& scratch = thread_scratch();
  const Impl& m = *impl_;
  std::vector<Sentence>& sentences = document.sentences;
  // Sized before any sentence is prepared: a work item's forms may point
  // into its own strings, which must not move.
  if (scratch.work.size() < sentences.size()) scratch.work.resize(sentences.size());
  for (std::size_t i = 0; i < sentences.size(); ++i)
    if (!sentences[i].tokens.empty()) start_sentence(m, sentences[i], options, scratch.work[i], scratch);
  for (std::size_t i = 0; i < sentences.size(); ++i)
    if (!sentences[i].tokens.empty()) prepare_sentence(m, sentences[i], options, scratch.work[i], scratch);
  if (options.parse)
    for (std::size_t k = 0; k < m.parsers.size(); ++k)
      for (std::size_t i = 0; i < sentences.size(); ++i)
        if (!sentences[i].tokens.empty()) parse_member(m, k, scratch.work[i], scratch);
  for (std::size_t i = 0; i < sentences.size(); ++i)
    if (!sentences[i].tokens.empty()) finish_sentence(m, sentences[i], options, scratch.work[i], scratch);
}

}  // namespace kestrel
