// `kestrel code`: read -> prepare -> tag and parse -> match actors -> code events.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "actors/actors.h"
#include "cli/batch.h"
#include "cli/commands.h"
#include "doc/doc.h"  // document layer: dates, places, quotes, sources
#include "events/events.h"
#include "store/progress.h"  // kestrel code --db
#include "store/store.h"     // kestrel code --db

namespace kestrel::cli {
namespace {

bool has_parse(const Document& doc) {
  for (const Sentence& s : doc.sentences)
    for (const Token& t : s.tokens)
      if (t.head >= 0) return true;
  return false;
}

bool conllu_name(const std::filesystem::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext == ".conllu" || ext == ".conll";
}

// True when every input is CoNLL-U by its name (or --input-format conllu):
// then no model is needed unless a file carries no tree.
bool all_conllu(const std::vector<std::string>& paths, InputFormat format) {
  if (format == InputFormat::Conllu) return true;
  if (format != InputFormat::Auto) return false;
  namespace fs = std::filesystem;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (path == "-") return false;
    if (fs::is_directory(path, ec)) {
      for (fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec), end;
           !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (!name.empty() && name[0] == '.') {
          if (it->is_directory(ec)) it.disable_recursion_pending();
          continue;
        }
        if (it->is_regular_file(ec) && !conllu_name(it->path())) return false;
      }
      if (ec) return false;
    } else if (!conllu_name(path)) {
      return false;
    }
  }
  return true;
}

// One document on its way through the pipeline (cli/batch.h): what the
// workers compute for it, printed or stored in input order.
struct CodeJob {
  Document doc;
  std::string content_hash;  // with --db
  bool stored = false;       // already in the store: skipped
  bool annotated = false;    // tagged and parsed by our model
  std::vector<std::vector<ActorMention>> mentions;
  std::vector<Event> events;
  DocAnnotation ann;  // document layer: dates, places, quotes, sources
  GenreVerdict genre;  // sport and entertainment are not coded unless --all-genres
};

// The readable view: every sentence with its kind, paragraph and byte span,
// and under it the events coded from it, each explained (trigger, evidence,
// the pattern that fired and where it is written).
void write_text(std::ostream& out, const Document& doc, const std::vector<Event>& events, const EventPatterns* patterns,
                const std::string& pipeline, const DocAnnotation& ann) {
  out << "# document " << doc.id << "  (" << input_format_name(doc.format) << ", " << doc.text.size() << " bytes"
      << (doc.date.empty() ? std::string(", no date") : ", date " + doc.date) << ")\n";
  if (!doc.title.empty()) out << "# title: " << doc.title << '\n';
  if (!pipeline.empty()) out << "# " << pipeline << '\n';
  std::size_t next = 0;
  for (std::size_t i = 0; i < doc.sentences.size(); ++i) {
    const Sentence& s = doc.sentences[i];
    out << '[' << i << "] " << segment_kind_name(s.kind) << " p" << s.paragraph << " @" << s.start << '-' << s.end
        << ": ";
    for (std::size_t t = 0; t < s.tokens.size(); ++t) out << (t ? " " : "") << s.tokens[t].form;
    out << '\n';
    for (; next < events.size() && events[next].sentence == i; ++next)
      if (patterns) out << explain_event(doc, events[next], *patterns) << explain_event_context(doc, ann, events[next]);
  }
  out << "# " << events.size() << (events.size() == 1 ? " event\n\n" : " events\n\n");
}

}  // namespace

Action add_code_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("code", "Code events from news articles (CAMEO and PLOVER)");
  struct Options {
    InputOptions input;
    std::string format = "text";
    std::string output = "-";
    bool keep_negated = false;
    bool all_segments = false;
    bool all_genres = false;
    // --- event store (src/store): --db, --recode, --db-batch ---
    std::string db;
    bool recode = false;
    std::size_t db_batch = 256;
    bool undated_run_date = false;  // document layer
    std::string model;
    unsigned threads = 1;
  };
  auto opts = std::make_shared<Options>();
  add_input_options(*cmd, opts->input);
  cmd->add_option("--format", opts->format,
                  "Output: text (each sentence, with its events explained), jsonl (one event per line, with its "
                  "date and place) or doc (one JSON summary per document: dates, places, quotes, sources, events)")
      ->check(CLI::IsMember({"text", "jsonl", "doc"}))
      ->capture_default_str();
  cmd->add_option("-o,--output", opts->output, "Output file (- for stdout)")->capture_default_str();
  cmd->add_flag("--keep-negated", opts->keep_negated,
                "Also output negated events that have no rejection code (marked negated)");
  cmd->add_flag("--all-segments", opts->all_segments, "Also code captions, bylines and datelines");
  cmd->add_flag("--all-genres", opts->all_genres,
                "Also code articles that read as sport or entertainment reporting (data/doc/genres.txt), where "
                "country names are teams and attacks are play");
  add_model_option(*cmd, opts->model);
  cmd->add_option("-j,--threads", opts->threads, "Worker threads (the output is the same for any number)")
      ->check(CLI::Range(1u, 256u))
      ->capture_default_str();
  cmd->add_flag("--undated-run-date", opts->undated_run_date,
                "Date documents that carry no date anywhere (no metadata date, --date or dated dateline) by the run "
                "date (today, UTC; events say date_origin \"run_date\"). Without it they are coded undated, with a "
                "warning");
  // --- event store (src/store) ---
  cmd->add_option("--db", opts->db,
                  "Store documents and events in this SQLite file (docs/schema.md) instead of printing them (unless "
                  "-o is given); documents already stored are skipped, so an interrupted run can simply be re-run");
  cmd->add_flag("--recode", opts->recode, "With --db: code documents already stored again, replacing their rows");
  cmd->add_option("--db-batch", opts->db_batch, "With --db: documents per transaction")->capture_default_str();
  // --- end event store ---
  cmd->footer(
      "Pipeline: read, clean and split, tag and parse (--model, default data/models/nlp.kmodel; CoNLL-U input\n"
      "keeps its own parse and needs no model unless it has no tree), match actors (data/actors), code events\n"
      "(data/events). jsonl fields: doc_id, sentence, date, cameo, plover {event, mode, context}, goldstein,\n"
      "quad_class, source and target ({text, code, country, sector, entity, kind, role, start, end} or null),\n"
      "negated, modality, evidence {text, start, end, trigger {text, start, end}} (byte offsets into the\n"
      "document), pattern {code, text, file, line}, note, sentence_text; from the document layer (data/places): date (the event's), date_resolution, date_origin,\n"
      "date_text, publication_date, location {name, geonames_id, lat, lon, country, admin1, feature, kind,\n"
      "level, origin} or null. How events are coded: docs/events.md; dates and places: docs/doc-layer.md;\n"
      "every field: docs/formats.md.");

  return [opts] {
    ReadOptions read;
    if (!make_read_options(opts->input, read)) return kExitFatal;
    // Text, HTML and JSONL are tagged and parsed by our model; CoNLL-U keeps
    // the parse it comes with.
    std::unique_ptr<NlpModel> model;
    std::string model_path;
    if (!opts->model.empty() || !all_conllu(opts->input.paths, read.format)) {
      model = load_nlp_model(opts->model, "CoNLL-U input with its own parses is coded without one", &model_path);
      if (!model) return kExitFatal;
    }
    std::unique_ptr<std::ostream> file;
    std::ostream* out = open_output(opts->output, file);
    if (!out) return kExitFatal;
    Diagnostics diag;
    CodingOptions coding;
    coding.keep_negated = opts->keep_negated;
    coding.code_non_body = opts->all_segments;
    auto coder = EventCoder::load_default(diag, coding);
    if (!coder) {
      std::cerr << "kestrel: error: the event dictionaries (data/events) could not be loaded\n";
      return kExitFatal;
    }
    std::string error;
    auto matcher = ActorMatcher::load_default(diag, error);
    if (!matcher) {
      std::cerr << "kestrel: error: " << error << '\n';
      return kExitFatal;
    }
    std::unique_ptr<GenreCues> genres;
    if (!opts->all_genres) {
      genres = GenreCues::load_default(error);
      if (!genres) {
        std::cerr << "kestrel: error: " << error << '\n';
        return kExitFatal;
      }
    }
    std::size_t off_topic = 0;
    // --- document layer (src/doc): a missing gazetteer only costs places ---
    std::string gazetteer_error;
    const auto gazetteer = Gazetteer::load_default(gazetteer_error);
    if (!gazetteer) diag.warning("", 0, gazetteer_error + "; events get no location");
    const DocumentLayer doc_layer(gazetteer.get(), opts->undated_run_date ? run_date_utc() : std::string());
    // --- event store (src/store) ---
    std::unique_ptr<EventStore> store;
    if (!opts->db.empty()) {
      StoreOptions store_options;
      store_options.recode = opts->recode;
      store_options.batch_documents = std::max<std::size_t>(1, opts->db_batch);
      store = EventStore::open(opts->db, store_options, error);
      if (!store || !store->set_coder(pipeline_coder_info(model_path), error)) {
        std::cerr << "kestrel: error: " << error << '\n';
        return kExitFatal;
      }
    }
    const bool print = !store || opts->output != "-";
    ProgressBar progress(ProgressBar::input_bytes(opts->input.paths), ProgressBar::wanted(print && out == &std::cout));
    std::size_t stored = 0, skipped = 0;
    bool store_failed = false;
    // --- end event store ---
    bool warned_unparsed = false;
    const std::size_t setup_errors = diag.errors();
    DocumentReader reader(opts->input.paths, read, diag);
    const NlpModel* nlp = model.get();
    const EventStore* store_view = store.get();
    // Workers (cli/batch.h): what only reads shared, immutable state.
    auto work = [&, nlp, store_view](CodeJob& job) {
      Document& doc = job.doc;
      // --- event store: a document already stored is not coded again ---
      if (store_view) {
        job.content_hash = EventStore::content_hash(doc);
        if (store_view->contains(job.content_hash, doc.url)) {
          job.stored = true;
          return;
        }
      }
      // --- end event store ---
      if (doc.format != InputFormat::Conllu) prepare_document(doc);
      if (nlp && !has_parse(doc)) {
        nlp->annotate(doc);
        job.annotated = true;
      }
      job.mentions = matcher->match(doc);
      if (genres) job.genre = genres->classify(doc);
      if (!job.genre.off_topic()) job.events = coder->code_document(doc, job.mentions);
      // Dates, places, quotes, sources (DocumentLayer is thread-safe; its
      // warnings are reported in input order by emit).
      job.ann = doc_layer.annotate(doc, job.mentions);
      // A dated dateline ("MINSK, Nov 28 (Reuters) -") is the article's date
      // wherever the document's date is shown or stored. The run date is not:
      // it only stands in for event dates.
      if (doc.date.empty() && job.ann.publication.source == PublicationSource::Dateline)
        doc.date = job.ann.publication.date;
    };
    // The calling thread, in input order: diagnostics, document layer, store, output.
    auto emit = [&](CodeJob& job) {
      const Document& doc = job.doc;
      // --- event store ---
      if (store && (job.stored || store->contains(job.content_hash, doc.url))) {
        ++skipped;
        progress.add(1, 0, 0, doc.text.size());
        return true;
      }
      // --- end event store ---
      std::string pipeline = "parse as given";
      if (job.annotated) {
        pipeline = "tagged and parsed by the NLP model";
      } else if (!has_parse(doc)) {
        if (!warned_unparsed)
          diag.warning(doc.path, 0, "CoNLL-U without a tree: no events coded (give --model FILE to parse it)");
        warned_unparsed = true;
        pipeline = "not parsed: no events coded";
      }
      if (job.genre.off_topic()) {
        ++off_topic;
        char weight[16];
        std::snprintf(weight, sizeof weight, "%.1f", job.genre.weight_per_100);
        pipeline += "; reads as " + job.genre.genre + " (cue weight " + weight +
                    " per 100 words): events not coded, --all-genres codes them";
      }
      const auto& mentions = job.mentions;
      const auto& events = job.events;
      // The document layer's warnings: a document with no date anywhere.
      const DocAnnotation& ann = job.ann;
      for (const std::string& w : ann.warnings) diag.warning(doc.path, doc.line, w);
      // --- event store ---
      if (store) {
        AddResult added;
        DocumentRecords records = make_records(doc, mentions, events, coder->patterns());
        add_document_layer(records, doc, ann);
        if (!store->add(doc, records, added, error, job.content_hash)) {
          std::cerr << "kestrel: error: " << opts->db << ": " << error << '\n';
          store_failed = true;
          return false;
        }
        ++stored;
      }
      progress.add(1, doc.sentences.size(), events.size(), doc.text.size());
      if (!print) return true;
      // --- end event store ---
      if (opts->format == "jsonl") {
        for (const Event& e : events) *out << event_to_json(doc, ann, e, coder->patterns()) << '\n';
      } else if (opts->format == "doc") {
        *out << document_summary_json(doc, ann, mentions, events, coder->patterns(), genres ? &job.genre : nullptr)
             << '\n';
      } else {
        write_text(*out, doc, events, &coder->patterns(), pipeline, ann);
      }
      return true;
    };
    for_each_job<CodeJob>(reader, opts->threads, work, emit);
    if (store_failed) return kExitFatal;
    if (off_topic > 0)
      std::cerr << "kestrel: " << off_topic << (off_topic == 1 ? " article reads" : " articles read")
                << " as sport or entertainment reporting and " << (off_topic == 1 ? "was" : "were")
                << " not coded (--all-genres codes them)\n";
    out->flush();
    // --- event store ---
    progress.finish();
    if (store) {
      if (!store->commit(error)) {
        std::cerr << "kestrel: error: " << opts->db << ": " << error << '\n';
        return kExitFatal;
      }
      std::cerr << "kestrel: " << opts->db << ": " << stored << " documents stored"
                << (opts->recode ? " (re-coded where already there)" : "") << ", " << skipped
                << " already stored\n";
    }
    // --- end event store ---
    return diag.errors() > 0 || setup_errors > 0 ? kExitInputErrors : kExitOk;
  };
}

}  // namespace kestrel::cli
