// Events as JSON lines and as readable explanations.
#include <nlohmann/json.hpp>
#include <sstream>

#include "events/events.h"

namespace kestrel {
namespace {

nlohmann::json actor_json(const std::optional<EventActor>& a) {
  if (!a) return nullptr;
  return {{"text", a->text},     {"code", a->code}, {"country", a->country.empty() ? nlohmann::json() : nlohmann::json(a->country)},
          {"sector", a->sector.empty() ? nlohmann::json() : nlohmann::json(a->sector)},
          {"entity", a->entity.empty() ? nlohmann::json() : nlohmann::json(a->entity)},
          {"kind", a->kind},     {"role", a->role}, {"start", a->start}, {"end", a->end}, {"coreferent", a->coreferent},
          {"resolved_by", a->resolved_by.empty() ? nlohmann::json() : nlohmann::json(a->resolved_by)}};
}

std::string slice(const Document& doc, std::uint32_t start, std::uint32_t end) {
  if (start > end || end > doc.text.size()) return {};
  return doc.text.substr(start, end - start);
}

std::string actor_text(const std::optional<EventActor>& a) {
  if (!a) return "(none)";
  std::string s = a->code + " \"" + a->text + "\"";
  if (!a->role.empty()) s += " [" + a->role + (a->coreferent ? ", coreferent" : "") + "]";
  return s;
}

}  // namespace

nlohmann::json event_json(const Document& doc, const Event& e, const EventPatterns& patterns) {
  nlohmann::json j;
  j["doc_id"] = doc.id;
  j["sentence"] = e.sentence;
  j["date"] = doc.date.empty() ? nlohmann::json() : nlohmann::json(doc.date);
  j["cameo"] = e.cameo;
  j["plover"] = {{"event", e.plover_event.empty() ? nlohmann::json() : nlohmann::json(e.plover_event)},
                 {"mode", e.plover_mode.empty() ? nlohmann::json() : nlohmann::json(e.plover_mode)},
                 {"context", e.plover_context.empty() ? nlohmann::json() : nlohmann::json(e.plover_context)}};
  j["goldstein"] = e.goldstein;
  j["quad_class"] = e.quad_class;
  j["source"] = actor_json(e.source);
  j["target"] = actor_json(e.target);
  j["negated"] = e.negated;
  j["modality"] = std::string(modality_name(e.modality));
  j["evidence"] = {{"text", slice(doc, e.start, e.end)},
                   {"start", e.start},
                   {"end", e.end},
                   {"trigger", {{"text", slice(doc, e.trigger_start, e.trigger_end)},
                                {"start", e.trigger_start},
                                {"end", e.trigger_end}}}};
  if (e.pattern < patterns.size()) {
    const EventPattern& p = patterns.pattern(e.pattern);
    j["pattern"] = {{"code", p.discard() ? std::string("---") : p.code}, {"text", p.text}, {"file", p.file}, {"line", p.line}};
  }
  if (!e.note.empty()) j["note"] = e.note;
  if (e.sentence < doc.sentences.size()) {
    const Sentence& s = doc.sentences[e.sentence];
    j["sentence_text"] = slice(doc, s.start, s.end);
  }
  return j;
}

std::string event_to_json(const Document& doc, const Event& e, const EventPatterns& patterns) {
  return event_json(doc, e, patterns).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string explain_event(const Document& doc, const Event& e, const EventPatterns& patterns) {
  std::ostringstream out;
  out << "  [" << e.sentence << "] " << e.cameo;
  if (!e.plover_event.empty()) {
    out << " " << e.plover_event;
    if (!e.plover_mode.empty()) out << "/" << e.plover_mode;
  }
  out << "  " << actor_text(e.source) << " -> " << actor_text(e.target);
  out << "  (goldstein " << e.goldstein << ", quad " << e.quad_class;
  if (e.modality != Modality::Asserted) out << ", " << modality_name(e.modality);
  if (e.negated) out << ", negated";
  out << ")\n";
  out << "      trigger \"" << slice(doc, e.trigger_start, e.trigger_end) << "\" @" << e.trigger_start << "-"
      << e.trigger_end << "; evidence @" << e.start << "-" << e.end << ": " << slice(doc, e.start, e.end) << "\n";
  if (e.pattern < patterns.size()) {
    const EventPattern& p = patterns.pattern(e.pattern);
    out << "      pattern " << (p.discard() ? std::string("---") : p.code) << " " << p.text << "  (" << p.file << ":"
        << p.line << ")";
    if (!e.note.empty()) out << "; " << e.note;
    out << "\n";
  }
  return out.str();
}

}  // namespace kestrel
