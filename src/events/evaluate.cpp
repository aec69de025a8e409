// Scoring against PETRARCH validation XML and PLOVER gold JSONL.
#include "events/evaluate.h"

#include <algorithm>
#include <iomanip>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>

#include "events/text_util.h"
#include "nlp/nlp.h"

namespace kestrel {
namespace {

std::string xml_unescape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '&') {
      static constexpr std::pair<std::string_view, char> kEntities[] = {
          {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
      bool done = false;
      for (auto [name, c] : kEntities) {
        if (s.substr(i, name.size()) == name) {
          out += c;
          i += name.size() - 1;
          done = true;
          break;
        }
      }
      if (done) continue;
    }
    out += s[i];
  }
  return out;
}

std::string attribute(std::string_view tag, std::string_view name) {
  std::string key = std::string(name) + "=\"";
  std::size_t p = tag.find(key);
  while (p != std::string_view::npos && p > 0 && tag[p - 1] != ' ' && tag[p - 1] != '\t' && tag[p - 1] != '\n')
    p = tag.find(key, p + 1);
  if (p == std::string_view::npos) return {};
  p += key.size();
  std::size_t q = tag.find('"', p);
  if (q == std::string_view::npos) return {};
  return xml_unescape(tag.substr(p, q - p));
}

std::string between(std::string_view block, std::string_view open, std::string_view close) {
  std::size_t a = block.find(open);
  if (a == std::string_view::npos) return {};
  a += open.size();
  std::size_t b = block.find(close, a);
  if (b == std::string_view::npos) return {};
  return xml_unescape(block.substr(a, b - a));
}

std::string collapse_spaces(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string iso_date(std::string_view yyyymmdd) {
  if (yyyymmdd.size() != 8) return {};
  std::string d = std::string(yyyymmdd.substr(0, 4)) + "-" + std::string(yyyymmdd.substr(4, 2)) + "-" +
                  std::string(yyyymmdd.substr(6, 2));
  return date_to_day(d) ? d : std::string();
}

// The PLOVER gold writes a few countries with pre-ISO CAMEO/TABARI codes
// (Japan JAP, Vietnam VTN, Italy ITL); scored as the ISO 3166 codes they are.
std::string iso_country_code(std::string code) {
  static constexpr std::pair<std::string_view, std::string_view> kLegacy[] = {
      {"JAP", "JPN"}, {"VTN", "VNM"}, {"ITL", "ITA"}};
  for (const auto& [old_code, iso] : kLegacy)
    if (std::string_view(code).substr(0, 3) == old_code) return std::string(iso) + code.substr(3);
  return code;
}

std::string country_of(std::string_view code) {
  if (code.size() < 3) return "---";
  return std::string(code.substr(0, 3));
}

std::string country_of(const std::optional<EventActor>& a) { return a ? country_of(a->code) : std::string("---"); }

std::string describe(const Event& e) {
  std::string s = e.cameo + " " + (e.source ? e.source->code : std::string("---")) + " -> " +
                  (e.target ? e.target->code : std::string("---"));
  if (!e.plover_event.empty()) s += " (" + e.plover_event + ")";
  return s;
}

std::string describe(const GoldCoding& g) {
  auto join = [](const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : "+") + x;
    return s.empty() ? std::string("---") : s;
  };
  return g.cameo + " " + join(g.sources) + " -> " + join(g.targets);
}

void add(EventScore& a, const EventScore& b) {
  a.gold += b.gold;
  a.predicted += b.predicted;
  a.type += b.type;
  a.type_source += b.type_source;
  a.type_source_target += b.type_source_target;
  a.correct += b.correct;
}

}  // namespace

std::vector<GoldSentence> read_petr2_validation(std::string_view xml, const std::string& name, Diagnostics& diag) {
  std::vector<GoldSentence> out;
  std::size_t pos = 0;
  while (true) {
    std::size_t start = xml.find("<Sentence ", pos);
    if (start == std::string_view::npos) break;
    std::size_t next = xml.find("<Sentence ", start + 1);
    std::size_t end_all = xml.find("</Sentences>", start);
    std::size_t stop = std::min(next, end_all);
    std::string_view block = xml.substr(start, stop == std::string_view::npos ? std::string_view::npos : stop - start);
    auto line = static_cast<std::uint64_t>(std::count(xml.begin(), xml.begin() + static_cast<std::ptrdiff_t>(start), '\n') + 1);
    std::string_view tag = block.substr(0, block.find('>'));
    GoldSentence g;
    g.id = attribute(tag, "id");
    g.category = attribute(tag, "category");
    g.date = iso_date(attribute(tag, "date"));
    std::size_t cp = 0;
    while ((cp = block.find("<EventCoding", cp)) != std::string_view::npos) {
      std::string_view ctag = block.substr(cp, block.find('>', cp) - cp);
      cp += 12;
      if (attribute(ctag, "noevents") == "True") {
        g.noevents = true;
        continue;
      }
      GoldCoding c;
      c.cameo = attribute(ctag, "eventcode");
      c.sources.push_back(attribute(ctag, "sourcecode"));
      c.targets.push_back(attribute(ctag, "targetcode"));
      if (!is_cameo_code(c.cameo)) {
        diag.error(name, line, "record " + g.id + ": EventCoding without a CAMEO eventcode");
        continue;
      }
      g.codings.push_back(std::move(c));
    }
    g.text = collapse_spaces(between(block, "<Text>", "</Text>"));
    g.conllu = between(block, "<Parse>", "</Parse>");
    while (!g.conllu.empty() && (g.conllu.front() == '\n' || g.conllu.front() == '\r')) g.conllu.erase(0, 1);
    if (g.conllu.find('\t') == std::string::npos) {
      diag.warning(name, line, "record " + g.id + " has no CoNLL-U parse");
      g.conllu.clear();
    }
    out.push_back(std::move(g));
    pos = start + 1;
  }
  return out;
}

std::string plover_2016_to_2021(std::string_view event) {
  if (event == "DEMAND") return "REQUEST";
  if (event == "DISAPPROVE" || event == "INVESTIGATE") return "ACCUSE";
  if (event == "FIGHT") return "ASSAULT";
  return std::string(event);
}

std::vector<GoldSentence> read_plover_gold(std::string_view jsonl, const std::string& name, Diagnostics& diag) {
  std::vector<GoldSentence> out;
  std::uint64_t line_no = 0;
  events_internal::for_each_line(jsonl, [&](std::string_view line) {
    ++line_no;
    if (events_internal::trim(line).empty()) return true;
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("text") || !j["text"].is_string() || !j.contains("event") ||
        !j["event"].is_string()) {
      diag.error(name, line_no, "not a PLOVER record (needs text and event)");
      return true;
    }
    GoldSentence g;
    g.id = j.value("id", "line" + std::to_string(line_no));
    g.text = j["text"].get<std::string>();
    g.date = normalize_metadata_date(j.value("date", std::string()));
    GoldCoding c;
    c.cameo = plover_2016_to_2021(j["event"].get<std::string>());
    g.category = j["event"].get<std::string>();
    auto actors = [](const nlohmann::json& v, std::vector<std::string>& codes) {
      if (!v.is_array()) return;
      for (const auto& a : v)
        if (a.is_object() && a.contains("code") && a["code"].is_string())
          codes.push_back(iso_country_code(a["code"].get<std::string>()));
    };
    if (j.contains("source")) actors(j["source"], c.sources);
    if (j.contains("target")) actors(j["target"], c.targets);
    g.codings.push_back(std::move(c));
    out.push_back(std::move(g));
    return true;
  });
  return out;
}

EventEvaluation evaluate_petr2(const std::vector<GoldSentence>& gold, const EventCoder& coder,
                               const MentionFinder& finder) {
  EventEvaluation ev;
  ev.format = "petr2";
  for (const GoldSentence& g : gold) {
    ++ev.sentences;
    EventScore sc;
    sc.gold = g.codings.size();
    std::vector<Event> events;
    std::string text;
    if (!g.conllu.empty()) {
      Diagnostics quiet([](const Diagnostic&) {});
      auto docs = read_conllu(g.conllu, g.id, quiet);
      if (!docs.empty()) {
        Document& doc = docs.front();
        doc.id = g.id;
        doc.date = g.date;
        for (Sentence& s : doc.sentences) s.kind = SegmentKind::Body;
        text = doc.text;
        events = coder.code_document(doc, finder ? finder(doc) : std::vector<std::vector<ActorMention>>{});
      } else {
        ++ev.unparsed;
      }
    } else {
      ++ev.unparsed;
    }
    sc.predicted = events.size();
    // One-to-one matching at each level, the strictest first.
    auto root = [](std::string_view c) { return c.substr(0, 2); };
    auto level_match = [&](const GoldCoding& gc, const Event& e, int level) {
      if (root(gc.cameo) != root(e.cameo)) return false;
      if (level >= 1 && country_of(gc.sources.front()) != country_of(e.source)) return false;
      if (level >= 2 && country_of(gc.targets.front()) != country_of(e.target)) return false;
      return true;
    };
    std::vector<char> event_used(events.size(), 0), gold_full(g.codings.size(), 0);
    for (int level = 2; level >= 0; --level) {
      std::vector<char> used(events.size(), 0);
      std::size_t hits = 0;
      for (std::size_t i = 0; i < g.codings.size(); ++i) {
        for (std::size_t k = 0; k < events.size(); ++k) {
          if (used[k] || !level_match(g.codings[i], events[k], level)) continue;
          used[k] = 1;
          ++hits;
          if (level == 2) {
            event_used[k] = 1;
            gold_full[i] = 1;
          }
          break;
        }
      }
      (level == 2 ? sc.type_source_target : level == 1 ? sc.type_source : sc.type) = hits;
    }
    sc.correct = sc.type_source_target;
    for (std::size_t i = 0; i < g.codings.size(); ++i)
      if (!gold_full[i]) ev.misses.push_back(g.id + ": missed " + describe(g.codings[i]) + " | " + g.text);
    for (std::size_t k = 0; k < events.size(); ++k)
      if (!event_used[k]) {
        const EventPattern& p = coder.patterns().pattern(events[k].pattern);
        ev.false_positives.push_back(g.id + ": coded " + describe(events[k]) + " [" + p.text + " @" + p.file + ":" +
                                     std::to_string(p.line) + "] | " + g.text);
      }
    add(ev.total, sc);
    add(ev.by_category[g.category.empty() ? "-" : g.category], sc);
  }
  return ev;
}

EventEvaluation evaluate_plover(const std::vector<GoldSentence>& gold, const EventCoder& coder,
                                const DocumentAnnotator& annotate, const MentionFinder& finder) {
  EventEvaluation ev;
  ev.format = "plover";
  for (const GoldSentence& g : gold) {
    ++ev.sentences;
    Document doc;
    doc.id = g.id;
    doc.text = g.text;
    doc.date = g.date;
    prepare_document(doc);
    if (annotate) annotate(doc);
    // Gold sentences are single sentences: code whatever the splitter made of them.
    for (Sentence& s : doc.sentences) s.kind = SegmentKind::Body;
    std::vector<Event> events = coder.code_document(doc, finder ? finder(doc) : std::vector<std::vector<ActorMention>>{});
    const GoldCoding& gc = g.codings.front();
    // Codes the 2021 table moved away from the type a 2016 gold label gave them.
    auto type_ok = [&](const Event& e) {
      if (e.plover_event == gc.cameo) return true;
      if (gc.cameo == "SANCTION") return e.cameo.rfind("163", 0) == 0;
      if (gc.cameo == "CONCEDE") return e.cameo == "0813" || e.cameo == "0814";
      // 2016 FIGHT is all of CAMEO 19 (PLOVER manual, CAMEO table: "19 FIGHT"); the
      // 2021 table moved blockades (191) and occupying territory (192) to COERCE.
      if (g.category == "FIGHT") return e.cameo.rfind("19", 0) == 0;
      return false;
    };
    auto in = [](const std::vector<std::string>& codes, const std::string& country) {
      for (const auto& c : codes)
        if (country_of(c) == country) return true;
      return false;
    };
    auto source_ok = [&](const Event& e) { return e.source && in(gc.sources, country_of(e.source)); };
    auto target_ok = [&](const Event& e) {
      if (gc.targets.empty()) return !e.target || in(gc.sources, country_of(e.target));
      return e.target && in(gc.targets, country_of(e.target));
    };
    EventScore sc;
    sc.gold = 1;
    sc.predicted = events.size();
    bool t = false, ts = false, tst = false;
    for (const Event& e : events) {
      if (!type_ok(e)) continue;
      ++sc.correct;
      t = true;
      if (source_ok(e)) {
        ts = true;
        if (target_ok(e)) tst = true;
      }
    }
    sc.type = t;
    sc.type_source = ts;
    sc.type_source_target = tst;
    if (!tst) {
      std::string got;
      for (const Event& e : events) got += (got.empty() ? "" : "; ") + describe(e);
      ev.misses.push_back(g.id + ": missed " + describe(gc) + (t ? (ts ? " (type+source ok)" : " (type ok)") : "") +
                          " | got: " + (got.empty() ? std::string("nothing") : got) + " | " + g.text);
    }
    for (const Event& e : events) {
      if (type_ok(e)) continue;
      const EventPattern& p = coder.patterns().pattern(e.pattern);
      ev.false_positives.push_back(g.id + ": coded " + describe(e) + " for gold " + gc.cameo + " [" + p.text + " @" +
                                   p.file + ":" + std::to_string(p.line) + "] | " + g.text);
    }
    add(ev.total, sc);
    add(ev.by_category[g.category], sc);
  }
  return ev;
}

void print_evaluation(std::ostream& out, const EventEvaluation& e, bool list_errors) {
  auto pct = [](double x) {
    std::ostringstream s;
    s << std::fixed << std::setprecision(3) << x;
    return s.str();
  };
  const EventScore& t = e.total;
  const bool petr = e.format == "petr2";
  out << "events (" << e.format << "): " << e.sentences << " sentences, " << t.gold
      << (petr ? " gold codings, " : " gold events, ") << t.predicted << " coded";
  if (e.unparsed) out << ", " << e.unparsed << " without a parse";
  out << "\n";
  out << "  recall type " << pct(t.recall_type()) << "  type+source " << pct(t.recall_source())
      << "  type+source+target " << pct(t.recall_full()) << "\n";
  out << "  precision " << pct(t.precision())
      << (petr ? " (root + source country + target country)\n" : " (event type)\n");
  out << "  " << std::left << std::setw(14) << "category" << std::right << std::setw(6) << "gold" << std::setw(7)
      << "coded" << std::setw(8) << "type" << std::setw(8) << "+src" << std::setw(8) << "+tgt" << std::setw(8)
      << "prec" << "\n";
  for (const auto& [name, s] : e.by_category) {
    out << "  " << std::left << std::setw(14) << name << std::right << std::setw(6) << s.gold << std::setw(7)
        << s.predicted << std::setw(8) << pct(s.recall_type()) << std::setw(8) << pct(s.recall_source())
        << std::setw(8) << pct(s.recall_full()) << std::setw(8) << (s.predicted ? pct(s.precision()) : "-") << "\n";
  }
  if (!list_errors) return;
  out << "misses (" << e.misses.size() << "):\n";
  for (const auto& m : e.misses) out << "  " << m << "\n";
  out << "false positives (" << e.false_positives.size() << "):\n";
  for (const auto& f : e.false_positives) out << "  " << f << "\n";
}

}  // namespace kestrel
