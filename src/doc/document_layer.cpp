// The document layer: runs the date, place, quote and source passes over a
// document, and answers the event coder's question "when and where?".
#include <cmath>
#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>

#include "doc/doc.h"
#include "doc/doc_internal.h"

namespace kestrel {
namespace {

bool has_dated_text(SegmentKind k) { return k == SegmentKind::Body || k == SegmentKind::Title; }

nlohmann::json place_json(const Place& p) {
  nlohmann::json j;
  j["name"] = p.name;
  j["geonames_id"] = p.geonames_id == 0 ? nlohmann::json(nullptr) : nlohmann::json(p.geonames_id);
  // Rounded to ~1 m: more digits would claim a precision the sources lack.
  auto round5 = [](double v) { return std::round(v * 1e5) / 1e5; };
  j["lat"] = p.has_coordinates() ? nlohmann::json(round5(p.lat)) : nlohmann::json(nullptr);
  j["lon"] = p.has_coordinates() ? nlohmann::json(round5(p.lon)) : nlohmann::json(nullptr);
  j["country"] = p.country;
  j["admin1"] = p.admin1.empty() ? nlohmann::json(nullptr) : nlohmann::json(p.admin1);
  j["feature"] = p.feature;
  j["kind"] = place_kind_name(p.kind);
  j["level"] = p.level;
  return j;
}

}  // namespace

DocAnnotation DocumentLayer::annotate(const Document& doc, const SentenceMentions& mentions, Diagnostics* diag) const {
  DocAnnotation ann;
  ann.publication = publication_date(doc);
  if (ann.publication.date.empty()) {
    std::string msg = "document " + doc.id + " has no publication date (no metadata date, --date or dated dateline): ";
    if (!undated_fallback_.empty()) {
      ann.publication = {undated_fallback_, PublicationSource::RunDate};
      msg += "dated by the run date, " + undated_fallback_;
    } else {
      msg += "relative dates stay unresolved and events without a date in their sentence get none (give --date, "
             "or --undated-run-date to date it by the run date)";
    }
    ann.warnings.push_back(msg);
    if (diag) diag->warning(doc.path, doc.line, msg);
  }
  const doc_internal::LowerWords lower(doc);
  for (std::uint32_t i = 0; i < doc.sentences.size(); ++i) {
    if (!has_dated_text(doc.sentences[i].kind) || !(lower.sentence_classes(i) & doc_internal::kDateStart)) continue;
    auto found = doc_internal::find_time_expressions(doc, i, ann.publication.date, lower[i], lower.classes(i));
    for (auto& t : found) ann.times.push_back(std::move(t));
  }
  if (gazetteer_) {
    ann.places = doc_internal::find_places(doc, *gazetteer_, mentions, lower);
    for (std::uint32_t i = 0; i < ann.places.size(); ++i)
      if (ann.places[i].dateline) {
        ann.dateline_place = i;
        break;
      }
  }
  ann.quotes = doc_internal::find_quotes(doc, mentions, lower);
  ann.attributions = doc_internal::find_attributions(doc, lower);
  return ann;
}

EventContext event_context(const Document& doc, const DocAnnotation& ann, std::uint32_t sentence,
                           std::uint32_t trigger) {
  EventContext ctx;
  const Sentence* s = sentence < doc.sentences.size() ? &doc.sentences[sentence] : nullptr;
  auto distance = [&](std::uint32_t first, std::uint32_t last) -> long {
    if (trigger >= first && trigger <= last) return 0;
    return trigger < first ? static_cast<long>(first - trigger) : static_cast<long>(trigger - last);
  };
  // In a parse, a date attached to the trigger (its obl:tmod, its "on
  // Monday") beats a nearer one attached elsewhere.
  auto attached = [&](std::uint32_t first, std::uint32_t last) {
    if (!s || trigger >= s->tokens.size()) return false;
    for (std::uint32_t k = first; k <= last && k < s->tokens.size(); ++k) {
      int h = s->tokens[k].head;
      if (h - 1 == static_cast<int>(trigger)) return true;
    }
    return false;
  };
  long best = -1;
  bool best_attached = false;
  for (std::uint32_t i = 0; i < ann.times.size(); ++i) {
    const TimeExpression& t = ann.times[i];
    if (t.sentence != sentence || !t.anchored || t.date.empty()) continue;
    bool a = attached(t.first, t.last);
    long d = distance(t.first, t.last);
    if (best < 0 || (a && !best_attached) || (a == best_attached && d < best)) {
      best = d;
      best_attached = a;
      ctx.time_expression = i;
    }
  }
  if (ctx.time_expression) {
    const TimeExpression& t = ann.times[*ctx.time_expression];
    ctx.date = t.date;
    ctx.date_resolution = t.resolution;
    ctx.date_origin = t.origin;
    ctx.date_modifier = t.modifier;
  } else if (!ann.publication.date.empty()) {
    ctx.date = ann.publication.date;
    ctx.date_resolution = DateResolution::Day;
    ctx.date_origin =
        ann.publication.source == PublicationSource::RunDate ? DateOrigin::RunDate : DateOrigin::Publication;
  }

  // A country named without "in"/"at" is usually an actor ("sanctions
  // against Belarus"), not where something happened.
  long best_place = -1;
  bool best_locative = false;
  for (std::uint32_t i = 0; i < ann.places.size(); ++i) {
    const PlaceMention& m = ann.places[i];
    if (m.sentence != sentence || m.dateline) continue;
    if (!m.locative && m.resolved.kind == PlaceKind::Country) continue;
    long d = distance(m.first, m.last);
    if (best_place < 0 || (m.locative && !best_locative) || (m.locative == best_locative && d < best_place)) {
      best_place = d;
      best_locative = m.locative;
      ctx.place_mention = i;
    }
  }
  if (!ctx.place_mention && ann.dateline_place) ctx.place_mention = *ann.dateline_place;
  if (ctx.place_mention) {
    ctx.location = ann.places[*ctx.place_mention].resolved;
    ctx.location_origin = ann.places[*ctx.place_mention].dateline ? LocationOrigin::Dateline : LocationOrigin::Sentence;
  }
  return ctx;
}

nlohmann::json event_context_json(const EventContext& ctx) {
  nlohmann::json j;
  j["date"] = ctx.date.empty() ? nlohmann::json(nullptr) : nlohmann::json(ctx.date);
  j["date_resolution"] = date_resolution_name(ctx.date_resolution);
  j["date_origin"] = date_origin_name(ctx.date_origin);
  if (ctx.date_modifier != DateModifier::None) j["date_modifier"] = date_modifier_name(ctx.date_modifier);
  if (ctx.location) {
    nlohmann::json loc = place_json(*ctx.location);
    loc["origin"] = location_origin_name(ctx.location_origin);
    j["location"] = std::move(loc);
  } else {
    j["location"] = nullptr;
  }
  return j;
}

nlohmann::json document_summary(const Document& doc, const DocAnnotation& ann, const SentenceMentions& mentions,
                                const nlohmann::json& events) {
  nlohmann::json j;
  j["doc_id"] = doc.id;
  j["date"] = ann.publication.date.empty() ? nlohmann::json(nullptr) : nlohmann::json(ann.publication.date);
  j["date_source"] = publication_source_name(ann.publication.source);
  j["title"] = doc.title.empty() ? nlohmann::json(nullptr) : nlohmann::json(doc.title);

  nlohmann::json sources;
  sources["document"] = doc.source.empty() ? nlohmann::json(nullptr) : nlohmann::json(doc.source);
  if (!doc.url.empty()) sources["url"] = doc.url;
  nlohmann::json chain = nlohmann::json::array();
  for (const Attribution& a : ann.attributions) {
    nlohmann::json x{{"source", a.source}, {"verb", a.verb}, {"sentence", a.sentence}, {"start", a.start}, {"end", a.end}};
    x["cites"] = a.cites.empty() ? nlohmann::json(nullptr) : nlohmann::json(a.cites);
    chain.push_back(std::move(x));
  }
  sources["attributions"] = std::move(chain);
  j["sources"] = std::move(sources);

  // Actors: one row per resolved code (or per surface text when unresolved),
  // in order of first mention.
  nlohmann::json actors = nlohmann::json::array();
  std::map<std::string, std::size_t> actor_row;
  for (const auto& sm : mentions)
    for (const ActorMention& m : sm) {
      if (m.kind == "agent" && m.code.empty()) continue;
      std::string key = !m.code.empty() ? m.code + "|" + m.entity : "text|" + m.text;
      auto [it, fresh] = actor_row.emplace(key, actors.size());
      if (fresh) {
        actors.push_back({{"code", m.code},
                          {"name", m.entity_name.empty() ? m.text : m.entity_name},
                          {"entity", m.entity.empty() ? nlohmann::json(nullptr) : nlohmann::json(m.entity)},
                          {"text", m.text},
                          {"kind", m.kind},
                          {"country", m.country},
                          {"mentions", 0}});
      }
      actors[it->second]["mentions"] = actors[it->second]["mentions"].get<int>() + 1;
    }
  j["actors"] = std::move(actors);

  nlohmann::json places = nlohmann::json::array();
  std::map<std::uint32_t, std::size_t> place_row;
  for (const PlaceMention& m : ann.places) {
    auto [it, fresh] = place_row.emplace(m.place, places.size());
    if (fresh) {
      nlohmann::json p = place_json(m.resolved);
      p["text"] = m.text;
      p["mentions"] = 0;
      places.push_back(std::move(p));
    }
    places[it->second]["mentions"] = places[it->second]["mentions"].get<int>() + 1;
  }
  j["places"] = std::move(places);

  nlohmann::json quotes = nlohmann::json::array();
  for (const Quote& q : ann.quotes) {
    nlohmann::json x;
    x["speaker"] = q.speaker.name.empty() ? (q.speaker.text.empty() ? nlohmann::json(nullptr) : nlohmann::json(q.speaker.text))
                                          : nlohmann::json(q.speaker.name);
    x["speaker_text"] = q.speaker.text;
    if (!q.speaker.code.empty()) x["speaker_code"] = q.speaker.code;
    x["speaker_link"] = speaker_link_name(q.speaker.link);
    x["kind"] = quote_kind_name(q.kind);
    x["verb"] = q.verb;
    x["text"] = q.text;
    x["start"] = q.start;
    x["end"] = q.end;
    x["sentences"] = {q.first_sentence, q.last_sentence};
    quotes.push_back(std::move(x));
  }
  j["quotes"] = std::move(quotes);

  nlohmann::json times = nlohmann::json::array();
  for (const TimeExpression& t : ann.times) {
    nlohmann::json x{{"text", t.text}, {"sentence", t.sentence}, {"start", t.start}, {"end", t.end},
                     {"resolution", date_resolution_name(t.resolution)}, {"origin", date_origin_name(t.origin)}};
    x["date"] = t.date.empty() ? nlohmann::json(nullptr) : nlohmann::json(t.date);
    if (t.modifier != DateModifier::None) x["modifier"] = date_modifier_name(t.modifier);
    if (!t.anchored) x["anchored"] = false;
    times.push_back(std::move(x));
  }
  j["times"] = std::move(times);
  j["events"] = events.is_null() ? nlohmann::json::array() : events;
  if (!ann.warnings.empty()) j["warnings"] = ann.warnings;
  return j;
}

}  // namespace kestrel
