// What `kestrel code` writes from the document layer: each event's record
// with its date and place (--format jsonl), and one summary per document
// (--format doc).
#include <chrono>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "doc/doc.h"
#include "events/events.h"

namespace kestrel {

std::string run_date_utc() {
  using namespace std::chrono;
  const year_month_day ymd{floor<days>(system_clock::now())};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}

nlohmann::json event_json_in_context(const Document& doc, const DocAnnotation& ann, const Event& event,
                                     const EventPatterns& patterns) {
  nlohmann::json j = event_json(doc, event, patterns);
  const EventContext ctx = event_context(doc, ann, event.sentence, event.trigger_token);
  j.update(event_context_json(ctx));  // date (the event's), date_resolution, date_origin, location
  if (ctx.time_expression) {
    const TimeExpression& t = ann.times[*ctx.time_expression];
    j["date_text"] = {{"text", t.text}, {"start", t.start}, {"end", t.end}};
  }
  j["publication_date"] = ann.publication.date.empty() ? nlohmann::json(nullptr) : nlohmann::json(ann.publication.date);
  return j;
}

std::string event_to_json(const Document& doc, const DocAnnotation& ann, const Event& event,
                          const EventPatterns& patterns) {
  return event_json_in_context(doc, ann, event, patterns)
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string explain_event_context(const Document& doc, const DocAnnotation& ann, const Event& event) {
  const EventContext ctx = event_context(doc, ann, event.sentence, event.trigger_token);
  std::string out = "      when ";
  if (ctx.date.empty()) {
    out += "unknown (no date in the sentence, no publication date)";
  } else {
    out += ctx.date;
    out += " (";
    out += date_resolution_name(ctx.date_resolution);
    out += ", ";
    out += date_origin_name(ctx.date_origin);
    if (ctx.date_modifier != DateModifier::None) {
      out += ", ";
      out += date_modifier_name(ctx.date_modifier);
    }
    if (ctx.time_expression) out += ": \"" + ann.times[*ctx.time_expression].text + "\"";
    out += ")";
  }
  out += "; where ";
  if (!ctx.location) {
    out += "unknown";
  } else {
    out += ctx.location->name + ", " + ctx.location->country + " (" + std::string(place_kind_name(ctx.location->kind)) +
           (ctx.location_origin == LocationOrigin::Dateline ? ", from the dateline)" : ", in the sentence)");
  }
  out += '\n';
  return out;
}

std::string document_summary_json(const Document& doc, const DocAnnotation& ann, const SentenceMentions& mentions,
                                  const std::vector<Event>& events, const EventPatterns& patterns,
                                  const GenreVerdict* genre) {
  nlohmann::json list = nlohmann::json::array();
  for (const Event& e : events) list.push_back(event_json_in_context(doc, ann, e, patterns));
  nlohmann::json summary = document_summary(doc, ann, mentions, list);
  if (genre) {
    summary["genre"] = {{"name", genre->off_topic() ? nlohmann::json(genre->genre) : nlohmann::json(nullptr)},
                        {"weight_per_100", std::round(genre->weight_per_100 * 10) / 10},
                        {"strong_cues", genre->strong_cues}};
  }
  return summary.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace kestrel
