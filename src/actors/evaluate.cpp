// Scoring the actor matcher on human-coded actors (actors.h: evaluate_actors).
#include <fstream>
#include <nlohmann/json.hpp>
#include <ostream>

#include "actors/matcher_internal.h"

namespace kestrel {
namespace {

// Codes in the PLOVER gold file that are not ISO 3166 (typos and legacy
// CAMEO spellings), read as the ISO code they mean.
std::string gold_country(std::string code) {
  code = canonical_actor_code(code);
  if (code == "JAP") return "JPN";
  if (code == "ITL") return "ITA";
  if (code == "VTN") return "VNM";
  return code.substr(0, 3);
}

std::string collapse_spaces(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return out;
}

// Whether a CAMEO-style code carries the PLOVER sector the gold gives.
bool has_plover_sector(std::string_view code, std::string_view sector) {
  for (std::size_t i = 3; i + 3 <= code.size(); i += 3)
    if (plover_sector(code.substr(i, 3)) == sector) return true;
  return false;
}

// Finds `piece` at or after `from`: as written, then ignoring case, then
// word by word in order ("French warships" in "French and Egyptian
// warships": one span per word). Appends the spans; false if not found.
bool find_piece(const std::string& text, const std::string& piece, std::size_t from,
                std::vector<std::pair<std::size_t, std::size_t>>& spans) {
  std::size_t at = text.find(piece, from);
  if (at == std::string::npos) at = text.find(piece);
  if (at == std::string::npos) at = lower(text).find(lower(piece));
  if (at != std::string::npos) {
    spans.emplace_back(at, at + piece.size());
    return true;
  }
  std::size_t pos = 0, cursor = 0;
  std::vector<std::pair<std::size_t, std::size_t>> words;
  while (pos < piece.size()) {
    std::size_t sp = piece.find(' ', pos);
    std::string word = piece.substr(pos, sp == std::string::npos ? std::string::npos : sp - pos);
    pos = sp == std::string::npos ? piece.size() : sp + 1;
    if (word.empty()) continue;
    std::size_t w = text.find(word, cursor);
    if (w == std::string::npos) return false;
    words.emplace_back(w, w + word.size());
    cursor = w + word.size();
  }
  if (words.empty()) return false;
  spans.insert(spans.end(), words.begin(), words.end());
  return true;
}

// Byte spans of the gold actor text in the record's text: "U.S. ... negotiators"
// is two pieces. Empty when a piece cannot be found.
std::vector<std::pair<std::size_t, std::size_t>> locate(const std::string& text, const std::string& actor_text) {
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  std::string collapsed = collapse_spaces(actor_text);
  std::size_t from = 0;
  std::size_t pos = 0;
  while (pos <= collapsed.size()) {
    std::size_t dots = collapsed.find("...", pos);
    std::string piece = collapse_spaces(collapsed.substr(pos, dots == std::string::npos ? std::string::npos : dots - pos));
    if (!piece.empty()) {
      if (!find_piece(text, piece, from, spans)) return {};
      from = spans.back().second;
    }
    if (dots == std::string::npos) break;
    pos = dots + 3;
  }
  return spans;
}

}  // namespace

bool evaluate_actors(const std::string& gold_path, const ActorMatcher& matcher, const ActorEvalOptions& options,
                     ActorEvalResult& result, Diagnostics& diag, std::string& error) {
  std::ifstream in(gold_path, std::ios::binary);
  if (!in) {
    error = gold_path + ": cannot open";
    return false;
  }
  result = {};
  std::string line;
  std::uint64_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(line);
    } catch (const nlohmann::json::exception& e) {
      diag.error(gold_path, line_no, std::string("not JSON: ") + e.what());
      ++result.bad_lines;
      continue;
    }
    if (!j.is_object() || !j.contains("text") || !j["text"].is_string()) {
      diag.error(gold_path, line_no, "record has no \"text\"");
      ++result.bad_lines;
      continue;
    }
    Document doc;
    doc.id = j.value("id", "line" + std::to_string(line_no));
    doc.path = gold_path;
    doc.line = line_no;
    doc.text = j["text"].get<std::string>();
    if (j.contains("date") && j["date"].is_string()) doc.date = normalize_metadata_date(j["date"].get<std::string>());
    prepare_document(doc);
    if (options.annotate) options.annotate(doc);
    auto mentions = matcher.match(doc);
    ++result.records;

    for (const char* side : {"source", "target"}) {
      if (!j.contains(side) || !j[side].is_array()) continue;
      for (const auto& actor : j[side]) {
        if (!actor.is_object() || !actor.contains("actorText") || !actor.contains("code")) continue;
        std::string actor_text = actor["actorText"].is_string() ? actor["actorText"].get<std::string>() : "";
        std::string code = actor["code"].is_string() ? actor["code"].get<std::string>() : "";
        std::string sector;
        if (actor.contains("sector") && actor["sector"].is_string()) sector = actor["sector"].get<std::string>();
        if (sector.size() >= 3) sector = sector.substr(0, 3);
        for (char& c : sector) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (sector == "***") sector.clear();
        ++result.gold_actors;
        if (!sector.empty()) ++result.with_sector;
        auto spans = locate(doc.text, actor_text);
        if (!spans.empty()) ++result.located;
        // The mention that covers most of the gold text's first piece (in
        // "U.S. ... negotiators" the first piece tells the actors apart),
        // then of the rest; ties: an actor over a place, a resolved one over
        // an unresolved one.
        const ActorMention* best = nullptr;
        std::pair<std::size_t, std::size_t> best_overlap{0, 0};
        for (const auto& sentence : mentions)
          for (const ActorMention& m : sentence) {
            std::pair<std::size_t, std::size_t> overlap{0, 0};
            for (std::size_t p = 0; p < spans.size(); ++p) {
              auto [a, b] = spans[p];
              std::size_t lo = std::max<std::size_t>(a, m.start), hi = std::min<std::size_t>(b, m.end);
              if (hi > lo) (p == 0 ? overlap.first : overlap.second) += hi - lo;
            }
            if (overlap.first + overlap.second == 0) continue;
            auto rank = [](const ActorMention& x) { return (x.place ? 0 : 2) + (x.code.empty() ? 0 : 1); };
            if (!best || overlap > best_overlap || (overlap == best_overlap && rank(m) > rank(*best))) {
              best = &m;
              best_overlap = overlap;
            }
          }
        std::string want = gold_country(code);
        bool country_ok = best && best->code.size() >= 3 && best->code.substr(0, 3) == want;
        bool sector_ok = best && !sector.empty() && has_plover_sector(best->code, sector);
        if (country_ok) ++result.country_correct;
        if (sector_ok) ++result.sector_correct;
        if (options.misses && (!country_ok || (!sector.empty() && !sector_ok))) {
          *options.misses << doc.id << '\t' << side << "\t\"" << actor_text << "\"\tgold " << code
                          << (sector.empty() ? "" : "/" + sector) << "\tgot ";
          if (best) *options.misses << '"' << best->text << "\" " << (best->code.empty() ? "-" : best->code);
          else *options.misses << (spans.empty() ? "(text not found)" : "(no mention)");
          *options.misses << (country_ok ? "" : "  [country]") << (!sector.empty() && !sector_ok ? "  [sector]" : "")
                          << '\n';
        }
      }
    }
  }
  return true;
}

}  // namespace kestrel
