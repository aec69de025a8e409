// Date expressions in sentences, resolved against the publication date.
//
// Rules work on word forms, so they need only the tokenizer. Conventions of
// news writing they rely on:
//   * a bare weekday ("on Monday") is the most recent such day on or before
//     publication, unless the sentence speaks of the future ("will"), when it
//     is the next one;
//   * a day and month without a year ("on 28 November") is the nearest such
//     date that is not more than a week after publication (again reversed for
//     the future);
//   * "five years after the 2014 annexation" counts from the year it names;
//     "five years after the war" has nothing to count from and is kept
//     unanchored.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <optional>
#include <unordered_set>

#include "doc/doc.h"
#include "doc/doc_internal.h"

namespace kestrel {
namespace {

using namespace std::chrono;
using doc_internal::is_capitalized;

struct Ymd {
  int y = 0;
  int m = 0;  // 0 = unknown
  int d = 0;  // 0 = unknown
};

std::optional<sys_days> to_days(const Ymd& v) {
  year_month_day ymd{year{v.y}, month{static_cast<unsigned>(v.m)}, day{static_cast<unsigned>(v.d)}};
  if (!ymd.ok()) return std::nullopt;
  return sys_days{ymd};
}

Ymd from_days(sys_days d) {
  year_month_day ymd{d};
  return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
          static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

std::optional<Ymd> parse_iso(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  Ymd v{std::stoi(std::string(s.substr(0, 4))), std::stoi(std::string(s.substr(5, 2))),
        std::stoi(std::string(s.substr(8, 2)))};
  if (!to_days(v)) return std::nullopt;
  return v;
}

std::string format(const Ymd& v, DateResolution r) {
  char buf[40];  // room for any int, so the compiler sees no truncation
  switch (r) {
    case DateResolution::Year: std::snprintf(buf, sizeof buf, "%04d", v.y); break;
    case DateResolution::Month: std::snprintf(buf, sizeof buf, "%04d-%02d", v.y, v.m); break;
    case DateResolution::Week:
    case DateResolution::Day: std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", v.y, v.m, v.d); break;
    case DateResolution::None: return {};
  }
  return buf;
}

int month_of(std::string_view w) {
  static constexpr std::string_view names[] = {"january", "february", "march",     "april",   "may",      "june",
                                               "july",    "august",   "september", "october", "november", "december"};
  if (!w.empty() && w.back() == '.') w.remove_suffix(1);
  for (int i = 0; i < 12; ++i) {
    if (w == names[i]) return i + 1;
    if (w.size() == 3 && names[i].substr(0, 3) == w && i != 4) return i + 1;
  }
  if (w == "sept") return 9;
  return 0;
}

// 0 = Sunday ... 6 = Saturday (weekday::c_encoding).
int weekday_of(std::string_view w) {
  static constexpr std::string_view names[] = {"sunday",   "monday", "tuesday", "wednesday",
                                               "thursday", "friday", "saturday"};
  for (int i = 0; i < 7; ++i)
    if (w == names[i]) return i;
  return -1;
}

bool all_digits(std::string_view w) {
  return !w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int day_of(std::string_view w) {
  for (std::string_view suffix : {"st", "nd", "rd", "th"})
    if (w.size() > 2 && w.ends_with(suffix)) {
      w.remove_suffix(2);
      break;
    }
  if (!all_digits(w) || w.size() > 2) return 0;
  int d = std::stoi(std::string(w));
  return d >= 1 && d <= 31 ? d : 0;
}

int year_of(std::string_view w) {
  if (w.size() != 4 || !all_digits(w)) return 0;
  int y = std::stoi(std::string(w));
  return y >= 1800 && y <= 2199 ? y : 0;
}

int number_of(std::string_view w) {
  static constexpr std::string_view words[] = {"zero",  "one",  "two",   "three",  "four",   "five",
                                               "six",   "seven", "eight", "nine",  "ten",    "eleven",
                                               "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
                                               "seventeen", "eighteen", "nineteen", "twenty"};
  for (int i = 1; i <= 20; ++i)
    if (w == words[i]) return i;
  if (w == "a" || w == "an") return 1;
  if (w == "thirty") return 30;
  if (w == "forty") return 40;
  if (w == "fifty") return 50;
  if (all_digits(w) && w.size() <= 3) return std::stoi(std::string(w));
  return 0;
}

enum class Unit { None, Day, Week, Month, Year };
Unit unit_of(std::string_view w) {
  if (w == "day" || w == "days") return Unit::Day;
  if (w == "week" || w == "weeks") return Unit::Week;
  if (w == "month" || w == "months") return Unit::Month;
  if (w == "year" || w == "years") return Unit::Year;
  return Unit::None;
}

// Words an expression can start with; everything else is skipped without
// trying the patterns (most words of a text).
bool may_start(std::string_view w, std::string_view next) {
  static const std::unordered_set<std::string_view> words = {
      "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
      "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
      "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec.", "monday",
      "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday", "today", "tomorrow",
      "tonight", "last", "this", "next", "past", "previous", "a", "an", "one", "two", "three", "four", "five",
      "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
      "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty"};
  if (w.empty()) return false;
  if (w[0] >= '0' && w[0] <= '9') return true;
  if (w.starts_with("mid-")) return true;
  if (!words.count(w)) return false;
  // "a", "an" and number words open only "a year ago", "two days later".
  if (w == "a" || w == "an" || (number_of(w) > 0 && w != "last" && w != "this" && w != "next"))
    return unit_of(next) != Unit::None;
  return true;
}

bool is_time_preposition(std::string_view w) {
  for (std::string_view p : {"in", "on", "since", "until", "till", "by", "during", "before", "after", "from", "to",
                             "through", "of", "early", "late", "mid", "last", "next", "this", "for", "around",
                             "between", "and", "or", "as", "at", "that", "throughout"})
    if (w == p) return true;
  return false;
}

Ymd add_months(Ymd v, int months) {
  int total = v.y * 12 + (v.m - 1) + months;
  v.y = total / 12;
  v.m = total % 12 + 1;
  return v;
}

class Matcher {
 public:
  // `classes` (doc_internal::LowerWords::classes) may be empty: every word
  // is then tried.
  Matcher(const Document& doc, std::uint32_t sentence, std::string_view publication, doc_internal::Words lower,
          std::span<const std::uint32_t> classes)
      : doc_(doc), s_(doc.sentences[sentence]), sentence_(sentence), w_(lower), classes_(classes) {
    if (auto p = parse_iso(publication)) {
      pub_ = *p;
      has_pub_ = true;
    }
  }

  std::vector<TimeExpression> run() {
    std::vector<TimeExpression> out;
    const bool classed = classes_.size() == w_.size();
    for (std::size_t i = 0; i < w_.size();) {
      if ((classed && !(classes_[i] & doc_internal::kDateStart)) ||
          !may_start(w_[i], i + 1 < w_.size() ? std::string_view(w_[i + 1]) : std::string_view())) {
        ++i;
        continue;
      }
      if (auto e = match_at(i)) {
        i = e->last + 1;
        out.push_back(std::move(*e));
      } else {
        ++i;
      }
    }
    return out;
  }

 private:
  std::string_view w(std::size_t i) const { return i < w_.size() ? w_[i] : std::string_view(""); }
  // The sentence speaks of the future: found on first use (most sentences
  // have no date that needs it).
  bool future() const {
    if (future_ < 0) future_ = doc_internal::future_tense(w_) ? 1 : 0;
    return future_ == 1;
  }
  const std::string& form(std::size_t i) const {
    static const std::string empty;
    return i < s_.tokens.size() ? s_.tokens[i].form : empty;
  }

  TimeExpression make(std::size_t first, std::size_t last, const Ymd& v, DateResolution r, DateOrigin o,
                      DateModifier m = DateModifier::None) const {
    TimeExpression e;
    e.sentence = sentence_;
    e.first = static_cast<std::uint32_t>(first);
    e.last = static_cast<std::uint32_t>(last);
    e.start = s_.tokens[first].start;
    e.end = s_.tokens[last].end;
    e.text = doc_internal::span_text(doc_, s_, e.first, e.last);
    e.resolution = r;
    e.origin = o;
    e.modifier = m;
    if (v.y != 0) e.date = format(v, r);
    return e;
  }

  // Modifier words just before position `i` ("the end of", "early", "by"):
  // widens the span to include them and returns the modifier.
  DateModifier modifier_before(std::size_t& first) const {
    std::size_t i = first;
    DateModifier m = DateModifier::None;
    if (i >= 2 && w(i - 1) == "of" &&
        (w(i - 2) == "end" || w(i - 2) == "beginning" || w(i - 2) == "start" || w(i - 2) == "middle")) {
      m = w(i - 2) == "end" ? DateModifier::End : w(i - 2) == "middle" ? DateModifier::Mid : DateModifier::Start;
      i -= 2;
      if (i >= 1 && w(i - 1) == "the") --i;
      if (i >= 1 && (w(i - 1) == "by" || w(i - 1) == "at" || w(i - 1) == "until")) --i;
    } else if (i >= 1 && (w(i - 1) == "early" || w(i - 1) == "late" || w(i - 1) == "mid")) {
      m = w(i - 1) == "early" ? DateModifier::Start : w(i - 1) == "late" ? DateModifier::End : DateModifier::Mid;
      --i;
    } else if (i >= 1 && (w(i - 1) == "since" || w(i - 1) == "after")) {
      m = DateModifier::After;
    } else if (i >= 1 && (w(i - 1) == "before" || w(i - 1) == "until" || w(i - 1) == "by")) {
      m = DateModifier::Before;
    }
    first = i;
    return m;
  }

  // A day and month with no year: the year that puts it nearest before
  // publication (or after it, for the future).
  Ymd infer_year(int m, int d) const {
    Ymd v{pub_.y, m, d};
    if (d == 0) {
      if (!future() && m > pub_.m) v.y -= 1;
      if (future() && m < pub_.m) v.y += 1;
      return v;
    }
    auto days = to_days(v);
    auto pub = to_days(pub_);
    if (!days || !pub) return v;
    if (!future() && *days > *pub + std::chrono::days{7}) v.y -= 1;
    if (future() && *days < *pub - std::chrono::days{7}) v.y += 1;
    return v;
  }

  std::optional<TimeExpression> match_at(std::size_t i) const {
    std::string_view a = w(i);
    // 2023-02-27
    if (auto iso = parse_iso(a)) return make(i, i, *iso, DateResolution::Day, DateOrigin::Explicit);

    // [the] 28[th] [of] November [,] [2022]
    if (int d = day_of(a); d > 0) {
      std::size_t k = i + 1;
      if (w(k) == "of") ++k;
      if (int m = month_of(w(k)); m > 0 && is_capitalized(form(k))) {
        std::size_t last = k;
        if (w(k + 1) == "." && form(k).size() == 3) last = ++k;
        int y = year_of(w(k + 1));
        if (!y && w(k + 1) == "," && year_of(w(k + 2))) { y = year_of(w(k + 2)); k += 1; }
        if (y) last = k + 1;
        std::size_t first = i > 0 && w(i - 1) == "the" ? i - 1 : i;
        Ymd v = y ? Ymd{y, m, d} : (has_pub_ ? infer_year(m, d) : Ymd{0, m, d});
        if (v.y && !to_days(v)) return std::nullopt;
        return make(first, last, v, DateResolution::Day, DateOrigin::Explicit);
      }
    }

    if (int m = month_of(a); m > 0 && is_capitalized(form(i))) {
      std::size_t k = i;
      if (w(k + 1) == "." && form(i).size() == 3) ++k;
      // November 28[th] [,] [2022]
      if (int d = day_of(w(k + 1)); d > 0 && !year_of(w(k + 1))) {
        std::size_t last = k + 1;
        int y = 0;
        if (w(last + 1) == "," && year_of(w(last + 2))) { y = year_of(w(last + 2)); last += 2; }
        else if (year_of(w(last + 1))) { y = year_of(w(last + 1)); last += 1; }
        Ymd v = y ? Ymd{y, m, d} : (has_pub_ ? infer_year(m, d) : Ymd{0, m, d});
        if (v.y && !to_days(v)) return std::nullopt;
        std::size_t first = i;
        DateModifier mod = modifier_before(first);
        if (mod != DateModifier::Before && mod != DateModifier::After) mod = DateModifier::None;
        return make(i, last, v, DateResolution::Day, DateOrigin::Explicit, mod);
      }
      // [early] March [,] 2022
      std::size_t first = i;
      DateModifier mod = modifier_before(first);
      int y = year_of(w(k + 1));
      std::size_t last = k;
      if (y) last = k + 1;
      else if (w(k + 1) == "," && year_of(w(k + 2))) { y = year_of(w(k + 2)); last = k + 2; }
      if (y) return make(first, last, Ymd{y, m, 1}, DateResolution::Month, DateOrigin::Explicit, mod);
      // A bare month needs a preposition: "in March", not "March on Washington"
      // nor the verb "may".
      bool context = mod != DateModifier::None || (i > 0 && is_time_preposition(w(i - 1)) && w(i - 1) != "to");
      if (m == 5 && !(i > 0 && (w(i - 1) == "in" || w(i - 1) == "since" || w(i - 1) == "until" ||
                                w(i - 1) == "early" || w(i - 1) == "late" || w(i - 1) == "mid" ||
                                w(i - 1) == "last" || w(i - 1) == "next" || w(i - 1) == "of")))
        context = false;
      if (!context) return std::nullopt;
      if (i > 0 && (w(i - 1) == "last" || w(i - 1) == "next")) {
        first = i - 1;
        Ymd v{pub_.y, m, 1};
        if (w(i - 1) == "last" && m >= pub_.m) v.y -= 1;
        if (w(i - 1) == "next" && m <= pub_.m) v.y += 1;
        return make(first, last, has_pub_ ? v : Ymd{}, DateResolution::Month, DateOrigin::Relative, mod);
      }
      return make(first, last, has_pub_ ? infer_year(m, 0) : Ymd{}, DateResolution::Month, DateOrigin::Explicit, mod);
    }

    // mid-March
    if (a.starts_with("mid-")) {
      if (int m = month_of(std::string_view(a).substr(4)); m > 0) {
        int y = year_of(w(i + 1));
        Ymd v = y ? Ymd{y, m, 1} : (has_pub_ ? infer_year(m, 0) : Ymd{});
        return make(i, y ? i + 1 : i, v, DateResolution::Month, DateOrigin::Explicit, DateModifier::Mid);
      }
      if (int y = year_of(std::string_view(a).substr(4)); y > 0)
        return make(i, i, Ymd{y, 1, 1}, DateResolution::Year, DateOrigin::Explicit, DateModifier::Mid);
    }

    // in 2022; by the end of 2023
    if (int y = year_of(a); y > 0 && i > 0) {
      std::size_t first = i;
      DateModifier mod = modifier_before(first);
      std::string_view prev = w(i - 1);
      bool context = mod != DateModifier::None || prev == "in" || prev == "during" || prev == "through" ||
                     prev == "throughout" || prev == "of" || prev == "from" || prev == "to";
      // "a force of 2000 troops", "from 2000 to 3000 people": counts, not years.
      std::string_view next = w(i + 1);
      bool counted = !next.empty() && std::isalpha(static_cast<unsigned char>(next[0])) &&
                     !is_capitalized(form(i + 1)) && next != "and" && next != "when" && next != "after" &&
                     next != "before" && next != "as" && next != "but" && next != "until" && next != "to";
      if ((prev == "of" || prev == "from" || prev == "to") && counted) context = false;
      if (!context) return std::nullopt;
      return make(first, i, Ymd{y, 1, 1}, DateResolution::Year, DateOrigin::Explicit, mod);
    }

    // [last|next|this|on] Monday
    if (int wd = weekday_of(a); wd >= 0 && is_capitalized(form(i))) {
      std::size_t first = i;
      int dir = future() ? 1 : -1;
      bool strict = false;
      if (i > 0 && (w(i - 1) == "last" || w(i - 1) == "past" || w(i - 1) == "previous")) { dir = -1; strict = true; first = i - 1; }
      else if (i > 0 && (w(i - 1) == "next" || w(i - 1) == "coming")) { dir = 1; strict = true; first = i - 1; }
      else if (i > 0 && w(i - 1) == "this") first = i - 1;
      if (!has_pub_) return make(first, i, Ymd{}, DateResolution::Day, DateOrigin::Relative);
      auto pub = *to_days(pub_);
      int pub_wd = static_cast<int>(weekday{pub}.c_encoding());
      int delta = dir < 0 ? (pub_wd - wd + 7) % 7 : (wd - pub_wd + 7) % 7;
      if (strict && delta == 0) delta = 7;
      sys_days d = dir < 0 ? pub - std::chrono::days{delta} : pub + std::chrono::days{delta};
      return make(first, i, from_days(d), DateResolution::Day, DateOrigin::Relative);
    }

    // yesterday, today, tomorrow, tonight, last night, this morning
    {
      int offset = 99;
      std::size_t first = i, last = i;
      if (a == "yesterday") offset = -1;
      else if (a == "today" || a == "tonight") offset = 0;
      else if (a == "tomorrow") offset = 1;
      else if (a == "last" && (w(i + 1) == "night" || w(i + 1) == "evening")) { offset = -1; last = i + 1; }
      else if (a == "this" && (w(i + 1) == "morning" || w(i + 1) == "afternoon" || w(i + 1) == "evening")) { offset = 0; last = i + 1; }
      if (offset != 99) {
        if (offset == -1 && a == "yesterday" && i >= 3 && w(i - 1) == "before" && w(i - 2) == "day" && w(i - 3) == "the") {
          offset = -2;
          first = i - 3;
        }
        if (offset == 1 && a == "tomorrow" && i >= 3 && w(i - 1) == "after" && w(i - 2) == "day" && w(i - 3) == "the") {
          offset = 2;
          first = i - 3;
        }
        if (!has_pub_) return make(first, last, Ymd{}, DateResolution::Day, DateOrigin::Relative);
        return make(first, last, from_days(*to_days(pub_) + std::chrono::days{offset}), DateResolution::Day,
                    DateOrigin::Relative);
      }
    }

    // last week, next month, this year, earlier this month, last weekend
    if (a == "last" || a == "next" || a == "this" || a == "past" || a == "previous") {
      std::string_view u = w(i + 1);
      int dir = (a == "next") ? 1 : (a == "this") ? 0 : -1;
      // "the past week", "the previous month" are narrative-relative only
      // when not preceded by "the"; "in the past year" is a duration.
      if ((a == "past" || a == "previous") && i > 0 && w(i - 1) == "the") return std::nullopt;
      std::size_t first = i;
      if (a == "this" && i > 0 && (w(i - 1) == "earlier" || w(i - 1) == "later")) first = i - 1;
      if (!has_pub_ && (u == "week" || u == "weekend" || u == "month" || u == "year"))
        return make(first, i + 1, Ymd{}, DateResolution::None, DateOrigin::Relative);
      if (u == "week" || u == "weekend") {
        auto pub = *to_days(pub_);
        int pub_wd = static_cast<int>(weekday{pub}.c_encoding());
        sys_days monday = pub - std::chrono::days{(pub_wd + 6) % 7};
        sys_days target = monday + std::chrono::days{7 * dir};
        if (u == "weekend") target += std::chrono::days{5};
        return make(first, i + 1, from_days(target), u == "week" ? DateResolution::Week : DateResolution::Day,
                    DateOrigin::Relative, u == "weekend" ? DateModifier::Approximate : DateModifier::None);
      }
      if (u == "month") return make(first, i + 1, add_months(Ymd{pub_.y, pub_.m, 1}, dir), DateResolution::Month, DateOrigin::Relative);
      if (u == "year") return make(first, i + 1, Ymd{pub_.y + dir, 1, 1}, DateResolution::Year, DateOrigin::Relative);
    }

    // two days ago; almost five years after the 2014 annexation
    if (int n = number_of(a); n > 0) {
      Unit unit = unit_of(w(i + 1));
      if (unit == Unit::None) return std::nullopt;
      if (n > 1 && (w(i + 1) == "day" || w(i + 1) == "week" || w(i + 1) == "month" || w(i + 1) == "year")) return std::nullopt;
      std::size_t first = i;
      DateModifier mod = DateModifier::None;
      if (i > 0) {
        std::string_view p = w(i - 1);
        if (p == "almost" || p == "nearly" || p == "about" || p == "some" || p == "around" || p == "roughly" ||
            p == "approximately" || p == "over" || p == "more") {
          mod = DateModifier::Approximate;
          first = i - 1;
          if (p == "more" && i > 1) first = i - 1;
        }
        if (p == "than" && i > 1 && w(i - 2) == "more") { mod = DateModifier::Approximate; first = i - 2; }
      }
      std::string_view rel = w(i + 2);
      int sign = 0;
      if (rel == "ago") sign = -1;
      else if (rel == "after" || rel == "later") sign = 1;
      else if (rel == "before" || rel == "earlier") sign = -1;
      if (sign == 0) return std::nullopt;
      DateResolution r = unit == Unit::Day ? DateResolution::Day : unit == Unit::Week ? DateResolution::Week
                       : unit == Unit::Month ? DateResolution::Month : DateResolution::Year;
      if (rel == "ago") {
        if (!has_pub_) return make(first, i + 2, Ymd{}, r, DateOrigin::Relative, mod);
        Ymd v = pub_;
        if (unit == Unit::Day) v = from_days(*to_days(pub_) - std::chrono::days{n});
        else if (unit == Unit::Week) {
          // A week is written as its Monday.
          sys_days d = *to_days(pub_) - std::chrono::days{7 * n};
          v = from_days(d - std::chrono::days{(weekday{d}.c_encoding() + 6) % 7});
        }
        else if (unit == Unit::Month) v = add_months(Ymd{pub_.y, pub_.m, 1}, -n);
        else v = Ymd{pub_.y - n, 1, 1};
        return make(first, i + 2, v, r, DateOrigin::Relative, mod);
      }
      // Counting from an event: anchored only when a year follows closely.
      if (rel == "after" || rel == "before") {
        for (std::size_t k = i + 3; k < w_.size() && k <= i + 8; ++k) {
          if (w(k) == "." || w(k) == ";") break;
          if (int y = year_of(w(k)); y > 0) {
            int total_months = (unit == Unit::Year ? 12 * n : unit == Unit::Month ? n : 0) * sign;
            Ymd v = add_months(Ymd{y, 1, 1}, total_months);
            DateResolution rr = (unit == Unit::Year) ? DateResolution::Year : DateResolution::None;
            if (rr == DateResolution::None) break;
            return make(first, k, v, rr, DateOrigin::Explicit, mod == DateModifier::None ? DateModifier::Approximate : mod);
          }
        }
      }
      TimeExpression e = make(first, i + 2, Ymd{}, DateResolution::None, DateOrigin::Relative, mod);
      e.anchored = false;
      return e;
    }
    return std::nullopt;
  }

  const Document& doc_;
  const Sentence& s_;
  std::uint32_t sentence_;
  doc_internal::Words w_;
  std::span<const std::uint32_t> classes_;
  Ymd pub_;
  bool has_pub_ = false;
  mutable int future_ = -1;  // unknown
};

}  // namespace

std::vector<TimeExpression> doc_internal::find_time_expressions(const Document& doc, std::uint32_t sentence,
                                                                std::string_view publication, Words lower,
                                                                std::span<const std::uint32_t> classes) {
  if (sentence >= doc.sentences.size() || doc.sentences[sentence].tokens.empty()) return {};
  return Matcher(doc, sentence, publication, lower, classes).run();
}

std::vector<TimeExpression> find_time_expressions(const Document& doc, std::uint32_t sentence,
                                                  std::string_view publication) {
  if (sentence >= doc.sentences.size()) return {};
  const std::vector<std::string> forms = doc_internal::lower_forms(doc.sentences[sentence]);
  const std::vector<std::string_view> views(forms.begin(), forms.end());
  return doc_internal::find_time_expressions(doc, sentence, publication, views, {});
}

PublicationDate publication_date(const Document& doc, int fallback_year) {
  PublicationDate p;
  if (!doc.date.empty()) {
    std::string d = normalize_metadata_date(doc.date);
    if (!d.empty()) {
      p.date = d;
      p.source = PublicationSource::Metadata;
      return p;
    }
  }
  // "MINSK, Nov 28 (Reuters) -": the sentence the splitter made of the
  // dateline carries the month and day, and sometimes the year.
  for (std::uint32_t i = 0; i < doc.sentences.size(); ++i) {
    if (doc.sentences[i].kind != SegmentKind::Dateline) continue;
    const Sentence& s = doc.sentences[i];
    auto w = doc_internal::lower_forms(s);
    for (std::size_t k = 0; k < w.size(); ++k) {
      int m = month_of(w[k]);
      if (m == 0 || !is_capitalized(s.tokens[k].form)) continue;
      std::size_t j = k + 1;
      if (j < w.size() && w[j] == ".") ++j;
      int d = j < w.size() ? day_of(w[j]) : 0;
      if (d == 0) continue;
      int y = 0;
      if (j + 1 < w.size() && year_of(w[j + 1])) y = year_of(w[j + 1]);
      else if (j + 2 < w.size() && w[j + 1] == "," && year_of(w[j + 2])) y = year_of(w[j + 2]);
      if (y == 0) y = fallback_year;
      if (y == 0 || !to_days(Ymd{y, m, d})) continue;
      p.date = format(Ymd{y, m, d}, DateResolution::Day);
      p.source = PublicationSource::Dateline;
      return p;
    }
  }
  return p;
}

}  // namespace kestrel
