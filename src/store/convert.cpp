// From the pipeline's own types (actor mentions, events, the document
// layer's annotation) to the store's plain records.
#include "actors/actors.h"
#include "doc/doc.h"
#include "events/events.h"
#include "store/store.h"

namespace kestrel {
namespace {

// Fields the actor stage adds to ActorMention as it lands (byte span,
// canonical name, how it was resolved); copied when this build has them, so
// the store compiles against either version of actors.h.
template <typename M>
void copy_newer_mention_fields(const M& m, ActorMentionRecord& r) {
  if constexpr (requires { m.start; m.end; }) {
    if (m.end > m.start) {  // else keep the span of its words
      r.start = m.start;
      r.end = m.end;
    }
  }
  if constexpr (requires { m.entity_name; }) r.entity_name = m.entity_name;
  if constexpr (requires { m.resolved_by; }) r.resolved_by = m.resolved_by;
  if constexpr (requires { m.guess; }) r.guess = m.guess;
  if constexpr (requires { m.place; }) r.place = m.place;
}

template <typename M>
std::string mention_name(const M& m) {
  if constexpr (requires { m.entity_name; }) return m.entity_name;
  return {};
}

// Byte span of words [first, last] of a sentence.
void word_span(const Sentence& s, std::uint32_t first, std::uint32_t last, std::uint32_t& start, std::uint32_t& end) {
  if (first < s.tokens.size() && last < s.tokens.size() && first <= last) {
    start = s.tokens[first].start;
    end = s.tokens[last].end;
  }
}

StoredActor stored_actor(const EventActor& a, const std::vector<ActorMention>* mentions) {
  StoredActor s;
  s.text = a.text;
  s.code = a.code;
  s.country = a.country;
  s.sector = a.sector;
  s.entity = a.entity;
  s.kind = a.kind;
  s.role = a.role;
  s.start = a.start;
  s.end = a.end;
  s.coreferent = a.coreferent;
  // The canonical name lives on the matcher's mention over the same words.
  if (mentions)
    for (const ActorMention& m : *mentions)
      if (m.first == a.first && m.last == a.last) {
        s.name = mention_name(m);
        break;
      }
  return s;
}

StoredPlace stored_place(const Place& p) {
  StoredPlace s;
  s.geonames_id = p.geonames_id;
  s.name = p.name;
  s.country = p.country;
  s.admin1 = p.admin1;
  s.feature = p.feature;
  s.kind = std::string(place_kind_name(p.kind));
  s.level = p.level;
  if (p.has_coordinates()) {
    s.lat = p.lat;
    s.lon = p.lon;
  }
  s.population = p.population;
  return s;
}

}  // namespace

DocumentRecords make_records(const Document& doc, const std::vector<std::vector<ActorMention>>& mentions,
                             const std::vector<Event>& events, const EventPatterns& patterns) {
  DocumentRecords r;
  for (std::size_t si = 0; si < mentions.size() && si < doc.sentences.size(); ++si) {
    for (const ActorMention& m : mentions[si]) {
      ActorMentionRecord a;
      a.sentence = static_cast<std::uint32_t>(si);
      a.first = m.first;
      a.last = m.last;
      a.head = m.head;
      word_span(doc.sentences[si], m.first, m.last, a.start, a.end);
      a.text = m.text;
      a.code = m.code;
      a.country = m.country;
      a.sector = m.sector;
      a.entity = m.entity;
      a.kind = m.kind;
      a.coreferent = m.coreferent;
      a.antecedent_sentence = m.antecedent_sentence;
      copy_newer_mention_fields(m, a);
      r.actors.push_back(std::move(a));
    }
  }
  r.events.reserve(events.size());
  for (const Event& e : events) {
    EventRecord x;
    x.sentence = e.sentence;
    x.cameo = e.cameo;
    x.goldstein = e.goldstein;
    x.quad_class = e.quad_class;
    x.plover_event = e.plover_event;
    x.plover_mode = e.plover_mode;
    x.plover_context = e.plover_context;
    const std::vector<ActorMention>* in_sentence = e.sentence < mentions.size() ? &mentions[e.sentence] : nullptr;
    if (e.source) x.source = stored_actor(*e.source, in_sentence);
    if (e.target) x.target = stored_actor(*e.target, in_sentence);
    x.negated = e.negated;
    x.modality = std::string(modality_name(e.modality));
    x.start = e.start;
    x.end = e.end;
    x.trigger_start = e.trigger_start;
    x.trigger_end = e.trigger_end;
    x.trigger_token = e.trigger_token;
    if (e.pattern < patterns.size()) {
      const EventPattern& p = patterns.pattern(e.pattern);
      x.pattern_code = p.discard() ? std::string("---") : p.code;
      x.pattern_text = p.text;
      x.pattern_file = p.file;
      x.pattern_line = p.line;
    }
    x.note = e.note;
    r.events.push_back(std::move(x));
  }
  return r;
}

void add_document_layer(DocumentRecords& records, const Document& doc, const DocAnnotation& ann) {
  for (EventRecord& e : records.events) {
    EventContext ctx = event_context(doc, ann, e.sentence, e.trigger_token);
    e.date = ctx.date;
    e.date_resolution = std::string(date_resolution_name(ctx.date_resolution));
    e.date_origin = std::string(date_origin_name(ctx.date_origin));
    if (ctx.location) {
      e.location = stored_place(*ctx.location);
      e.location_origin = std::string(location_origin_name(ctx.location_origin));
    }
  }
  for (const PlaceMention& m : ann.places) {
    PlaceMentionRecord p;
    p.sentence = m.sentence;
    p.first = m.first;
    p.last = m.last;
    p.start = m.start;
    p.end = m.end;
    p.text = m.text;
    p.place = stored_place(m.resolved);
    p.score = m.score;
    p.candidates = m.candidates;
    p.locative = m.locative;
    p.dateline = m.dateline;
    records.places.push_back(std::move(p));
  }
  for (const Quote& q : ann.quotes) {
    QuoteRecord r;
    r.kind = std::string(quote_kind_name(q.kind));
    r.start = q.start;
    r.end = q.end;
    r.first_sentence = q.first_sentence;
    r.last_sentence = q.last_sentence;
    r.text = q.text;
    r.verb = q.verb;
    r.speaker_text = q.speaker.text;
    r.speaker_name = q.speaker.name;
    r.speaker_code = q.speaker.code;
    r.speaker_entity = q.speaker.entity;
    r.speaker_link = std::string(speaker_link_name(q.speaker.link));
    r.speaker_sentence = q.speaker.sentence;
    r.speaker_start = q.speaker.start;
    r.speaker_end = q.speaker.end;
    records.quotes.push_back(std::move(r));
  }
  for (const Attribution& a : ann.attributions)
    records.attributions.push_back({a.sentence, a.start, a.end, a.source, a.cites, a.verb});
}

CoderInfo pipeline_coder_info(const std::string& model_path) {
  CoderInfo info;
  info.kestrel_version = KESTREL_VERSION;
  if (!model_path.empty()) info.model_checksum = model_checksum(model_path);
  std::vector<std::string> files = ActorDictionary::default_files();
  for (const std::string& f : EventPatterns::default_files()) files.push_back(f);
  std::string cameo = CameoOntology::default_file();
  if (!cameo.empty()) files.push_back(cameo);
  info.dictionary_version = files_digest(files);
  return info;
}

}  // namespace kestrel
