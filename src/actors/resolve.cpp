// The document pass of the actor matcher (matcher_internal.h): people by the
// document date, then in text order coreference (pronouns, "the president",
// surnames) and context (the country of bare agents).
#include <algorithm>
#include <map>

#include "actors/matcher_internal.h"

namespace kestrel::actors_internal {
namespace {

// How far back a pronoun or a description looks for its actor, in sentences.
constexpr std::uint32_t kPronounWindow = 2;
constexpr std::uint32_t kDescriptionWindow = 12;

struct Seen {
  std::uint32_t sentence = 0, index = 0;  // into the output
  std::uint32_t agent = kNone;
  std::uint32_t title_group = kNone;  // Agent::group of a person's office, when known
  bool adjectival = false;
  std::string name_key;  // people, described organisations: the folded name as written
  bool person = false;
};

class Resolver {
 public:
  Resolver(const ActorMatcher::Impl& impl, const Document& doc, const MatchOptions& options, std::int32_t day,
           std::vector<std::vector<RawMention>>& raw)
      : impl_(impl), doc_(doc), options_(options), day_(day), raw_(raw) {}

  std::vector<std::vector<ActorMention>> run() {
    resolve_people();
    choose_dominant_country();
    out_.assign(raw_.size(), {});
    for (std::uint32_t s = 0; s < raw_.size(); ++s)
      for (std::size_t i = 0; i < raw_[s].size(); ++i) finish(s, i, raw_[s][i]);
    return std::move(out_);
  }

 private:
  // ---- people

  // Approximate length of a period in days; an open end counts up to the
  // end of 2025, an open start from 1945.
  static std::int64_t role_length(const DateRange& when) {
    auto days = [](std::int32_t ymd) {
      return std::int64_t(ymd / 10000) * 365 + (ymd / 100 % 100) * 31 + ymd % 100;
    };
    std::int32_t from = when.from == 0 ? 19450101 : when.from;
    std::int32_t to = when.to >= 99991231 ? 20251231 : when.to;
    return days(to) - days(from);
  }

  // The role a person holds on the document date; without a date, the
  // latest. `active` tells whether the date falls inside it.
  const ActorRole* role_at(const Entity& e, bool& active) const {
    active = false;
    if (e.roles.empty()) return nullptr;
    if (day_ == 0) {
      // No date: the office held longest (people are in the news mostly
      // for their main office: Blair as prime minister, not as a later
      // envoy); a role without an office (ELI) only when there is no other.
      // Passes: offices of a country, then any office, then anything.
      const ActorRole* best = nullptr;
      std::int64_t best_days = -1;
      for (int pass = 0; pass < 3 && !best; ++pass)
        for (const auto& r : e.roles) {
          bool office = code_sector(r.code) != "ELI";
          if (pass == 0 && (!office || code_country(r.code).empty())) continue;
          if (pass == 1 && !office) continue;
          std::int64_t days = role_length(r.when);
          if (days > best_days) {
            best = &r;
            best_days = days;
          }
        }
      active = true;
      return best;
    }
    for (const auto& r : e.roles)
      if (r.when.contains(day_)) {
        active = true;
        return &r;
      }
    // Nearest in time.
    const ActorRole* best = nullptr;
    std::int64_t best_gap = 0;
    for (const auto& r : e.roles) {
      std::int64_t gap = day_ < r.when.from ? std::int64_t(r.when.from) - day_ : std::int64_t(day_) - r.when.to;
      if (!best || gap < best_gap) {
        best = &r;
        best_gap = gap;
      }
    }
    return best;
  }

  void resolve_people() {
    std::map<std::uint32_t, std::uint32_t> seen;  // person entity -> times named
    for (auto& sentence : raw_)
      for (RawMention& r : sentence) {
        if (r.pending != Pending::People) continue;
        std::uint32_t chosen = r.people.front();
        bool by_history = false;
        if (r.people.size() > 1) {
          // A name two people share: one already named in this document,
          // else one in office on the date, else the first listed.
          auto named = std::find_if(r.people.begin(), r.people.end(), [&](std::uint32_t p) { return seen.count(p); });
          if (named != r.people.end()) {
            chosen = *named;
            by_history = true;
          } else {
            for (std::uint32_t p : r.people) {
              bool active = false;
              role_at(impl_.entities[p], active);
              if (active) {
                chosen = p;
                break;
              }
            }
          }
        }
        ++seen[chosen];
        set_person(r, chosen, by_history ? "coreference" : "dictionary");
        r.pending = Pending::None;
      }
  }

  void set_person(RawMention& r, std::uint32_t person, std::string_view resolved_by) {
    const Entity& e = impl_.entities[person];
    ActorMention& m = r.m;
    m.kind = "person";
    m.entity = e.id;
    m.entity_name = e.name;
    m.resolved_by = std::string(resolved_by);
    m.coreferent = resolved_by == "coreference";
    bool active = false;
    const ActorRole* role = role_at(e, active);
    std::string role_code = role ? role->code : std::string();
    if (r.agent != kNone) r.title_group = impl_.agents[r.agent].group;
    else if (role) r.title_group = e.role_groups[static_cast<std::size_t>(role - e.roles.data())];
    std::string country = code_country(role_code);
    std::string base = !r.modifier_code.empty() ? r.modifier_code : country.empty() ? role_code : country;
    const Agent* title = r.agent != kNone ? &impl_.agents[r.agent] : nullptr;
    // The text's own title outranks the dictionary when they disagree: the
    // article may be older or newer than its date says ("President X" in a
    // story filed before X took office), or about a former office holder.
    bool title_agrees = title && std::find(title->sectors.begin(), title->sectors.end(), code_sector(role_code)) !=
                                     title->sectors.end();
    if (r.former && !base.empty()) {
      m.code = join_code(country.empty() ? base : country, "ELI");
    } else if ((active && (!title || title_agrees)) || (!title && day_ < (role ? role->when.from : 0))) {
      m.code = role_code;
    } else if (title && !base.empty()) {
      m.code = base;
      for (const auto& s : title->sectors) m.code = join_code(m.code, s);
    } else if (!country.empty()) {
      // Out of office on this date: a former official.
      m.code = join_code(country, "ELI");
    } else {
      m.code = role_code;
    }
    if (m.code.empty()) m.code = "---";
    m.country = code_country(m.code);
    m.sector = code_sector(m.code);
  }

  // The document's countries, most present first: what bare agents ("the
  // opposition") belong to. People count double (an article about a
  // president is about his country); captions and bullets do not count.
  void choose_dominant_country() {
    struct Count {
      std::uint32_t weight = 0, first = 0;
    };
    std::map<std::string, Count> counts;
    std::uint32_t order = 0;
    for (std::size_t s = 0; s < raw_.size(); ++s) {
      if (s < doc_.sentences.size() && !is_codable(doc_.sentences[s].kind)) continue;
      for (const RawMention& r : raw_[s]) {
        ++order;
        std::string c;
        if (r.pending == Pending::None) c = code_country(r.m.code);
        else if (r.pending == Pending::Unknown && r.m.kind == "person") c = code_country(r.modifier_code);
        if (c.empty()) continue;
        auto [it, inserted] = counts.emplace(c, Count{0, order});
        it->second.weight += r.m.kind == "person" ? 2 : 1;
      }
    }
    for (const auto& [country, count] : counts) ranked_.push_back(country);
    std::stable_sort(ranked_.begin(), ranked_.end(), [&](const std::string& a, const std::string& b) {
      const Count& x = counts[a];
      const Count& y = counts[b];
      return x.weight != y.weight ? x.weight > y.weight : x.first < y.first;
    });
    if (!ranked_.empty()) dominant_ = ranked_.front();
  }

  // ---- in text order

  void push(std::uint32_t s, RawMention& r) {
    Seen seen;
    seen.sentence = s;
    seen.index = static_cast<std::uint32_t>(out_[s].size());
    seen.agent = r.agent;
    seen.title_group = r.title_group != kNone ? r.title_group : r.agent != kNone ? impl_.agents[r.agent].group : kNone;
    seen.adjectival = r.adjectival;
    // Names later mentions can repeat: people (whole name or surname) and
    // organisations known only by a description ("the oil company Yukos").
    if (r.m.kind == "person") seen.name_key = r.key.empty() ? fold(r.m.text) : r.key;
    else if (!r.key.empty() && !r.m.code.empty() && r.pending == Pending::Unknown) seen.name_key = r.key;
    seen.person = r.m.kind == "person";
    history_.push_back(std::move(seen));
    out_[s].push_back(std::move(r.m));
  }

  static std::string fold(std::string_view text) {
    std::string k;
    fold_key(text, k);
    return k;
  }

  const ActorMention& mention(const Seen& s) const { return out_[s.sentence][s.index]; }

  void copy_from(ActorMention& m, const Seen& antecedent) {
    const ActorMention& a = mention(antecedent);
    m.code = a.code;
    m.country = a.country;
    m.sector = a.sector;
    m.entity = a.entity;
    m.entity_name = a.entity_name;
    m.kind = a.kind;
    m.guess = a.guess;
    m.resolved_by = "coreference";
    m.coreferent = true;
    m.antecedent_sentence = antecedent.sentence;
  }

  bool person_like(const Seen& s) const {
    const ActorMention& m = mention(s);
    if (m.kind == "person") return true;
    return m.kind == "agent" && !m.plural && s.agent != kNone && impl_.agents[s.agent].person_title;
  }

  // The nearest earlier actor a pronoun can stand for.
  const Seen* antecedent(std::uint32_t s, std::string_view pronoun) const {
    bool personal = pronoun == "he" || pronoun == "she" || pronoun == "him" || pronoun == "his" || pronoun == "her";
    bool plural = pronoun == "they" || pronoun == "them" || pronoun == "their";
    for (auto it = history_.rbegin(); it != history_.rend(); ++it) {
      if (it->sentence + kPronounWindow < s) break;
      const ActorMention& m = mention(*it);
      if (m.place || m.kind == "unresolved") continue;
      if (personal) {
        if (person_like(*it)) return &*it;
      } else if (plural) {
        if (m.plural && (m.kind == "agent" || m.kind == "armed_group" || m.kind == "person")) return &*it;
        if (m.kind == "armed_group") return &*it;
      } else {
        if (m.plural || person_like(*it) || it->adjectival) continue;
        if (m.kind == "state" || m.kind == "igo" || m.kind == "ngo" || m.kind == "armed_group" || m.kind == "agency" ||
            m.kind == "agent")
          return &*it;
      }
    }
    return nullptr;
  }

  // "the president", "the Belarusian leader": the latest person with that
  // office (sector, and country when the description names one).
  const Seen* described_person(std::uint32_t s, const Agent& agent, std::string_view country) const {
    for (auto it = history_.rbegin(); it != history_.rend(); ++it) {
      if (it->sentence + kDescriptionWindow < s) break;
      const ActorMention& m = mention(*it);
      if (m.kind != "person" || m.code.empty()) continue;
      if (!country.empty() && m.country != country) continue;
      // Same office ("the prime minister" is not the foreign secretary);
      // when the person's office is unknown, the same sector.
      if (it->title_group != kNone) {
        if (it->title_group != agent.group) continue;
      } else if (std::find(agent.sectors.begin(), agent.sectors.end(), m.sector) == agent.sectors.end()) {
        continue;
      }
      return &*it;
    }
    return nullptr;
  }

  // "the two countries", "both sides", "the two leaders": the two actors
  // (by country; armed groups and organisations by their code) named in
  // the last sentences that the document has named most so far, ties going
  // to the one named first (the pair a story opens with). Gives one mention per actor over the same span, in the
  // order they were first named; false when there are not two.
  bool resolve_pair(std::uint32_t s, RawMention& r) {
    struct Candidate {
      std::string key;
      std::uint32_t weight = 0, first = 0, last = 0;
      std::uint32_t latest = kNone;         // its latest mention in the window (into history_)
      std::uint32_t latest_person = kNone;  // ...that is a person
    };
    std::vector<Candidate> found;
    const bool sides = r.pair == "side";
    for (std::uint32_t i = 0; i < history_.size(); ++i) {
      const Seen& seen = history_[i];
      const ActorMention& m = mention(seen);
      if (m.resolved_by == "context" || m.resolved_by == "none" || m.code.empty()) continue;
      std::string key = m.country;
      if (key.empty() || (sides && (m.kind == "armed_group" || m.kind == "igo" || m.kind == "ngo")))
        key = m.kind == "person" ? std::string() : m.code.substr(0, std::min<std::size_t>(m.code.size(), 9));
      if (key.empty() || key == "---") continue;
      if (!sides && m.country.empty()) continue;
      auto it = std::find_if(found.begin(), found.end(), [&](const Candidate& c) { return c.key == key; });
      if (it == found.end()) {
        found.push_back({key, 0, i, i, kNone, kNone});
        it = found.end() - 1;
      }
      it->weight += m.kind == "person" ? 2 : 1;
      it->last = i;
      if (seen.sentence + kDescriptionWindow >= s && !m.place) {
        it->latest = i;
        if (m.kind == "person") it->latest_person = i;
      }
    }
    std::vector<Candidate*> recent;
    for (Candidate& c : found)
      if (c.latest != kNone) recent.push_back(&c);
    if (recent.size() < 2) return false;
    std::stable_sort(recent.begin(), recent.end(), [](const Candidate* a, const Candidate* b) {
      return a->weight != b->weight ? a->weight > b->weight : a->first < b->first;
    });
    recent.resize(2);
    std::sort(recent.begin(), recent.end(), [](const Candidate* a, const Candidate* b) { return a->first < b->first; });
    std::uint32_t chosen[2] = {recent[0]->latest, recent[1]->latest};
    for (int k = 0; k < 2; ++k)
      if (r.pair == "leader" && recent[k]->latest_person != kNone) chosen[k] = recent[k]->latest_person;
    for (std::uint32_t index : chosen) {
      RawMention one = r;
      ActorMention& m = one.m;
      const Seen from = history_[index];
      const ActorMention a = mention(from);
      if (r.pair == "side" || (r.pair == "leader" && a.kind == "person")) {
        copy_from(m, from);
      } else {
        m.country = a.country;
        m.code = a.country;
        m.sector.clear();
        m.kind = "state";
        m.entity = a.country;
        auto e = impl_.entity_by_id.find(a.country);
        m.entity_name = e != impl_.entity_by_id.end() ? impl_.entities[e->second].name : a.country;
        if (r.pair != "country") {
          m.code = join_code(a.country, "GOV");
          m.sector = "GOV";
          m.kind = "agent";
          m.entity.clear();
          m.entity_name.clear();
        }
        m.resolved_by = "coreference";
        m.coreferent = true;
        m.antecedent_sentence = from.sentence;
      }
      m.plural = true;
      one.agent = kNone;
      push(s, one);
    }
    return true;
  }

  void set_agent_code(ActorMention& m, std::string_view base, const Agent& agent) {
    std::string code(base);
    for (const auto& sector : agent.sectors) code = join_code(code, sector);
    m.code = code;
    m.country = code_country(code);
    m.sector = agent.sectors.empty() ? std::string() : agent.sectors.front();
  }

  // Country for an agent that names none: the document's, else unknown.
  void by_context(ActorMention& m, const Agent& agent) {
    if (options_.context && !dominant_.empty()) {
      set_agent_code(m, dominant_, agent);
      m.resolved_by = "context";
    } else {
      set_agent_code(m, "---", agent);
      m.country.clear();
      m.resolved_by = "none";
    }
  }

  void finish(std::uint32_t s, std::size_t index, RawMention& r) {
    ActorMention& m = r.m;
    switch (r.pending) {
      case Pending::None:
      case Pending::People:
        // A description with its own country ("the Belarusian leader")
        // still points at the person who holds that office.
        if (options_.coreference && r.definite && !m.plural && m.kind == "agent" && r.agent != kNone &&
            impl_.agents[r.agent].person_title && m.entity.empty()) {
          if (const Seen* a = described_person(s, impl_.agents[r.agent], m.country)) {
            m.entity = mention(*a).entity;
            m.entity_name = mention(*a).entity_name;
            m.resolved_by = "coreference";
            m.coreferent = true;
            m.antecedent_sentence = a->sentence;
          }
        }
        push(s, r);
        return;
      case Pending::Agent: {
        const Agent& agent = impl_.agents[r.agent];
        m.kind = "agent";
        if (r.of_next_person && index + 1 < raw_[s].size()) {
          // "a spokesman for Mr Blair": the person's country.
          const RawMention& p = raw_[s][index + 1];
          std::string country = p.pending == Pending::None ? code_country(p.m.code) : code_country(p.modifier_code);
          if (!country.empty()) {
            set_agent_code(m, country, agent);
            m.resolved_by = "dictionary";
            push(s, r);
            return;
          }
        }
        if (options_.coreference && r.definite && !m.plural && agent.person_title) {
          if (const Seen* a = described_person(s, agent, {})) {
            copy_from(m, *a);
            push(s, r);
            return;
          }
        }
        if (r.former && agent.person_title && options_.context && !dominant_.empty()) {
          m.code = join_code(dominant_, "ELI");
          m.country = dominant_;
          m.sector = "ELI";
          m.resolved_by = "context";
        } else {
          by_context(m, agent);
        }
        push(s, r);
        return;
      }
      case Pending::Pronoun: {
        if (!options_.coreference) return;
        const Seen* a = antecedent(s, r.key);
        if (!a) return;
        copy_from(m, *a);
        push(s, r);
        return;
      }
      case Pending::PossessiveAgent: {
        const Agent& agent = impl_.agents[r.agent];
        m.kind = "agent";
        const Seen* a = options_.coreference ? antecedent(s, r.key) : nullptr;
        if (a) {
          const ActorMention& am = mention(*a);
          std::string base = !am.country.empty() ? am.country : am.code.substr(0, std::min<std::size_t>(am.code.size(), 9));
          if (am.kind == "armed_group") base = am.code;
          set_agent_code(m, base, agent);
          m.resolved_by = "coreference";
          m.coreferent = true;
          m.antecedent_sentence = a->sentence;
          if (am.kind != "state") {
            m.entity = am.entity;
            m.entity_name = am.entity_name;
          }
        } else {
          by_context(m, agent);
        }
        push(s, r);
        return;
      }
      case Pending::Ethnic: {
        // The country they live in: the document's first other than their own.
        std::string base = r.ethnic;
        m.resolved_by = "dictionary";
        if (options_.context)
          for (const auto& c : ranked_)
            if (c != r.ethnic) {
              base = c;
              m.resolved_by = "context";
              break;
            }
        if (r.agent != kNone) {
          set_agent_code(m, base, impl_.agents[r.agent]);
        } else {
          m.code = join_code(base, "CVL");
          m.country = code_country(m.code);
          m.sector = "CVL";
        }
        push(s, r);
        return;
      }
      case Pending::Pair: {
        if (options_.coreference && resolve_pair(s, r)) return;
        if (r.agent == kNone) return;
        by_context(m, impl_.agents[r.agent]);
        push(s, r);
        return;
      }
      case Pending::Unknown: {
        // A surname (or any later part) of a person named earlier.
        if (options_.coreference) {
          for (auto it = history_.rbegin(); it != history_.rend(); ++it) {
            if (it->name_key.empty() || it->name_key == r.key) {
              if (it->name_key == r.key && !it->name_key.empty()) {
                copy_from(m, *it);
                push(s, r);
                return;
              }
              continue;
            }
            if (!it->person) continue;  // only people go by a part of their name
            const std::string& full = it->name_key;
            if (full.size() > r.key.size() && full.compare(full.size() - r.key.size(), r.key.size(), r.key) == 0 &&
                full[full.size() - r.key.size() - 1] == ' ') {
              copy_from(m, *it);
              push(s, r);
              return;
            }
          }
        }
        if (m.kind == "person" || r.agent != kNone) {
          // A title before an unknown name, or a description after it: the
          // title's office, with the modifier's country or the document's.
          const Agent* title = r.agent != kNone ? &impl_.agents[r.agent] : nullptr;
          std::string base = r.modifier_code;
          m.resolved_by = "dictionary";
          if (base.empty() && options_.context && !dominant_.empty()) {
            base = dominant_;
            m.resolved_by = "context";
          }
          if (base.empty()) {
            base = "---";
            m.resolved_by = "none";
          }
          if (r.former && base != "---") {
            m.code = join_code(base, "ELI");
          } else if (title) {
            set_agent_code(m, base, *title);
          } else {
            m.code = base;
          }
          m.country = code_country(m.code);
          m.sector = code_sector(m.code);
          push(s, r);
          return;
        }
        if (!options_.unresolved || r.weak) return;
        m.kind = "unresolved";
        m.resolved_by = "none";
        m.code.clear();
        push(s, r);
        return;
      }
    }
  }

  const ActorMatcher::Impl& impl_;
  const Document& doc_;
  const MatchOptions& options_;
  std::int32_t day_;
  std::vector<std::vector<RawMention>>& raw_;
  std::string dominant_;
  std::vector<std::string> ranked_;
  std::vector<Seen> history_;
  std::vector<std::vector<ActorMention>> out_;
};

}  // namespace

std::vector<std::vector<ActorMention>> resolve_document(const ActorMatcher::Impl& impl, const Document& doc,
                                                        const MatchOptions& options,
                                                        std::vector<std::vector<RawMention>>& raw) {
  std::int32_t day = date_to_day(options.date.empty() ? doc.date : options.date);
  return Resolver(impl, doc, options, day, raw).run();
}

}  // namespace kestrel::actors_internal
