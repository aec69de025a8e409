#include "nlp/truecase.h"

#include "nlp/tagger.h"

namespace kestrel::nlp {
namespace {

bool upper(char c) { return c >= 'A' && c <= 'Z'; }
bool lower(char c) { return c >= 'a' && c <= 'z'; }

std::string capitalised(std::string_view s) {
  std::string out = lower_ascii(s);
  if (!out.empty() && lower(out[0])) out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

// Endings of inflected verbs and plurals: "shelled", "bombing", "condemns".
bool inflected(std::string_view w) {
  const auto ends = [&](std::string_view e) { return w.size() > e.size() + 2 && w.substr(w.size() - e.size()) == e; };
  return ends("ed") || ends("ing") || (ends("s") && !ends("ss"));
}

}  // namespace

bool shouted(const std::vector<std::string_view>& forms) {
  std::size_t words = 0;
  for (std::string_view f : forms) {
    std::size_t letters = 0;
    for (char c : f) {
      if (lower(c)) return false;
      letters += upper(c);
    }
    words += letters >= 2;
  }
  return words >= 3;
}

std::vector<std::string> truecase(const std::vector<std::string_view>& forms, const CaseKnowledge& knowledge) {
  std::vector<std::string> out;
  out.reserve(forms.size());
  for (std::size_t i = 0; i < forms.size(); ++i) {
    const std::string_view f = forms[i];
    bool letters = false;
    for (char c : f) letters = letters || upper(c);
    if (!letters) {
      out.emplace_back(f);
      continue;
    }
    const std::string low = lower_ascii(f);
    const std::string cap = capitalised(f);
    const bool common = knowledge.common_word(low);
    const bool name = !common && (knowledge.proper_noun(cap) || !inflected(low));
    out.push_back(name || i == 0 ? cap : low);
  }
  return out;
}

}  // namespace kestrel::nlp
