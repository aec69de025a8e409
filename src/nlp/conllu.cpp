#include <charconv>
#include <filesystem>
#include <ostream>

#include "nlp/nlp.h"

namespace kestrel {
namespace {

struct PendingSentence {
  std::vector<std::string> comments;
  std::string text;
  bool has_text = false;
  std::string id;
  bool new_paragraph = false;
  std::vector<Token> words;
  std::vector<MultiwordToken> multiword;
  std::vector<std::pair<std::uint32_t, std::string>> empty_nodes;
  std::uint64_t first_line = 0;
  bool bad = false;
};

std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> cols;
  std::size_t pos = 0;
  while (true) {
    std::size_t tab = line.find('\t', pos);
    cols.push_back(line.substr(pos, tab == std::string_view::npos ? std::string_view::npos : tab - pos));
    if (tab == std::string_view::npos) break;
    pos = tab + 1;
  }
  return cols;
}

bool parse_uint(std::string_view s, std::uint32_t& out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

// Removes SpaceAfter=No from a MISC value; returns whether it was there.
bool strip_space_after(std::string& misc) {
  if (misc == "_") {
    misc.clear();
    return false;
  }
  bool no_space = false;
  std::string kept;
  std::size_t pos = 0;
  while (pos <= misc.size()) {
    std::size_t bar = misc.find('|', pos);
    std::string_view item(misc.data() + pos, (bar == std::string::npos ? misc.size() : bar) - pos);
    if (item == "SpaceAfter=No") {
      no_space = true;
    } else if (!item.empty()) {
      if (!kept.empty()) kept += '|';
      kept += item;
    }
    if (bar == std::string::npos) break;
    pos = bar + 1;
  }
  misc = std::move(kept);
  return no_space;
}

std::string column(std::string_view v) { return v == "_" ? std::string() : std::string(v); }

std::string surface_from_forms(const PendingSentence& s) {
  std::string text;
  std::size_t mwt = 0;
  for (std::size_t i = 0; i < s.words.size();) {
    if (mwt < s.multiword.size() && s.multiword[mwt].first == i) {
      const auto& m = s.multiword[mwt++];
      text += m.form;
      if (m.space_after) text += ' ';
      i = m.last + 1;
    } else {
      text += s.words[i].form;
      if (s.words[i].space_after) text += ' ';
      ++i;
    }
  }
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

// Places the surface tokens of `s` into `text` starting at `base`; false if
// the forms do not occur in order.
bool place_tokens(PendingSentence& s, std::string_view text, std::uint32_t base) {
  std::size_t pos = 0;
  auto place = [&](const std::string& form, std::uint32_t& start, std::uint32_t& end) {
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t' || text[pos] == '\n')) ++pos;
    if (text.compare(pos, form.size(), form) != 0) return false;
    start = base + static_cast<std::uint32_t>(pos);
    pos += form.size();
    end = base + static_cast<std::uint32_t>(pos);
    return true;
  };
  std::size_t mwt = 0;
  for (std::size_t i = 0; i < s.words.size();) {
    if (mwt < s.multiword.size() && s.multiword[mwt].first == i) {
      auto& m = s.multiword[mwt++];
      if (!place(m.form, m.start, m.end)) return false;
      // Give each word its own sub-span when the words spell the surface.
      std::string joined;
      for (std::uint32_t w = m.first; w <= m.last; ++w) joined += s.words[w].form;
      std::uint32_t at = m.start;
      for (std::uint32_t w = m.first; w <= m.last; ++w) {
        if (joined == m.form) {
          s.words[w].start = at;
          at += static_cast<std::uint32_t>(s.words[w].form.size());
          s.words[w].end = at;
        } else {
          s.words[w].start = m.start;
          s.words[w].end = m.end;
        }
      }
      i = m.last + 1;
    } else {
      if (!place(s.words[i].form, s.words[i].start, s.words[i].end)) return false;
      ++i;
    }
  }
  return true;
}

// A document without "# newdoc id" is named like a text file: the file name
// without directories and extension, "stdin" for "-".
std::string default_document_id(const std::string& name) {
  if (name == "-") return "stdin";
  std::string stem = std::filesystem::path(name).stem().string();
  return stem.empty() ? name : stem;
}

class Builder {
 public:
  Builder(const std::string& name, Diagnostics& diag) : name_(name), diag_(diag) {}

  void start_document(std::string id) {
    finish_document();
    doc_ = Document{};
    doc_.id = std::move(id);
    doc_.path = name_;
    doc_.format = InputFormat::Conllu;
    open_ = true;
    paragraph_ = 0;
    first_in_doc_ = true;
  }

  void add(PendingSentence& s) {
    if (!open_) start_document(default_document_id(name_));
    if (s.bad || s.words.empty()) return;
    std::string text = s.has_text ? s.text : surface_from_forms(s);
    if (!first_in_doc_) {
      if (s.new_paragraph) {
        doc_.text += "\n\n";
        ++paragraph_;
      } else {
        doc_.text += ' ';
      }
    }
    std::uint32_t base = static_cast<std::uint32_t>(doc_.text.size());
    if (!place_tokens(s, text, base)) {
      if (s.has_text) {
        diag_.warning(name_, s.first_line, "# text does not match the token forms; text rebuilt from forms");
      }
      text = surface_from_forms(s);
      place_tokens(s, text, base);
    }
    doc_.text += text;
    first_in_doc_ = false;

    Sentence out;
    out.start = base;
    out.end = static_cast<std::uint32_t>(doc_.text.size());
    out.paragraph = paragraph_;
    out.tokens = std::move(s.words);
    out.multiword = std::move(s.multiword);
    out.comments = std::move(s.comments);
    out.empty_nodes = std::move(s.empty_nodes);
    out.id = std::move(s.id);
    doc_.sentences.push_back(std::move(out));
  }

  void finish_document() {
    if (open_ && !doc_.sentences.empty()) docs_.push_back(std::move(doc_));
    open_ = false;
  }

  std::vector<Document> take() {
    finish_document();
    return std::move(docs_);
  }

 private:
  const std::string& name_;
  Diagnostics& diag_;
  Document doc_;
  bool open_ = false;
  bool first_in_doc_ = true;
  std::uint32_t paragraph_ = 0;
  std::vector<Document> docs_;
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// "# key = value" -> value if the comment has that key.
bool comment_value(std::string_view comment, std::string_view key, std::string& value) {
  std::string_view body = trim(comment.substr(1));
  if (body.substr(0, key.size()) != key) return false;
  std::string_view rest = trim(body.substr(key.size()));
  if (rest.empty()) {
    value.clear();
    return true;
  }
  if (rest.front() != '=') return false;
  value = std::string(trim(rest.substr(1)));
  return true;
}

}  // namespace

std::vector<Document> read_conllu(std::string_view data, const std::string& name, Diagnostics& diag) {
  Builder builder(name, diag);
  PendingSentence sentence;
  bool pending_paragraph = false;
  std::uint64_t line_no = 0;
  std::size_t pos = 0;
  std::uint32_t expected_word = 1;

  auto flush = [&]() {
    if (!sentence.words.empty() || sentence.bad) {
      builder.add(sentence);
    } else if (!sentence.comments.empty() || sentence.has_text) {
      // Comments without words (e.g. a trailing newdoc) carry nothing to keep.
    }
    sentence = PendingSentence{};
    expected_word = 1;
  };

  while (pos <= data.size()) {
    std::size_t nl = data.find('\n', pos);
    std::string_view line = data.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? data.size() + 1 : nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) {
      flush();
      continue;
    }
    if (sentence.first_line == 0) sentence.first_line = line_no;
    if (line.front() == '#') {
      std::string value;
      if (comment_value(line, "newdoc id", value) || comment_value(line, "newdoc", value)) {
        if (!sentence.words.empty()) flush();
        builder.start_document(value.empty() ? default_document_id(name) : value);
        pending_paragraph = false;
        sentence.new_paragraph = true;
      } else if (comment_value(line, "newpar id", value) || comment_value(line, "newpar", value)) {
        sentence.new_paragraph = true;
      } else if (comment_value(line, "sent_id", value)) {
        sentence.id = value;
      } else if (comment_value(line, "text", value)) {
        sentence.text = value;
        sentence.has_text = true;
      } else {
        sentence.comments.emplace_back(line);
      }
      continue;
    }
    if (sentence.bad) continue;
    auto cols = split_tabs(line);
    if (cols.size() != 10) {
      diag.error(name, line_no, "CoNLL-U line has " + std::to_string(cols.size()) +
                                    " columns, expected 10; sentence skipped");
      sentence.bad = true;
      continue;
    }
    const std::string_view id = cols[0];
    if (auto dash = id.find('-'); dash != std::string_view::npos) {
      MultiwordToken m;
      std::uint32_t a = 0, b = 0;
      if (!parse_uint(id.substr(0, dash), a) || !parse_uint(id.substr(dash + 1), b) || a != expected_word || b < a) {
        diag.error(name, line_no, "bad multi-word token range '" + std::string(id) + "'; sentence skipped");
        sentence.bad = true;
        continue;
      }
      m.first = a - 1;
      m.last = b - 1;
      m.form = std::string(cols[1]);
      m.misc = std::string(cols[9]);
      m.space_after = !strip_space_after(m.misc);
      sentence.multiword.push_back(std::move(m));
      continue;
    }
    if (id.find('.') != std::string_view::npos) {
      sentence.empty_nodes.emplace_back(expected_word - 1, std::string(line));
      continue;
    }
    std::uint32_t n = 0;
    if (!parse_uint(id, n) || n != expected_word) {
      diag.error(name, line_no, "word id '" + std::string(id) + "' out of sequence (expected " +
                                    std::to_string(expected_word) + "); sentence skipped");
      sentence.bad = true;
      continue;
    }
    ++expected_word;
    Token t;
    t.form = std::string(cols[1]);
    t.lemma = column(cols[2]);
    t.upos = column(cols[3]);
    t.xpos = column(cols[4]);
    t.feats = column(cols[5]);
    if (cols[6] == "_") {
      t.head = -1;
    } else {
      std::uint32_t h = 0;
      if (!parse_uint(cols[6], h)) {
        diag.error(name, line_no, "bad HEAD '" + std::string(cols[6]) + "'; sentence skipped");
        sentence.bad = true;
        continue;
      }
      t.head = static_cast<int>(h);
    }
    t.deprel = column(cols[7]);
    t.deps = column(cols[8]);
    t.misc = std::string(cols[9]);
    t.space_after = !strip_space_after(t.misc);
    if (t.form.empty()) {
      diag.error(name, line_no, "empty FORM; sentence skipped");
      sentence.bad = true;
      continue;
    }
    sentence.words.push_back(std::move(t));
  }
  flush();
  (void)pending_paragraph;

  std::vector<Document> docs = builder.take();
  // Heads must point inside their sentence.
  for (auto& doc : docs) {
    for (auto& s : doc.sentences) {
      for (auto& t : s.tokens) {
        if (t.head > static_cast<int>(s.tokens.size())) {
          diag.error(name, 0, "sentence " + s.id + ": HEAD " + std::to_string(t.head) + " outside the sentence; head cleared");
          t.head = -1;
        }
      }
    }
  }
  return docs;
}

namespace {
void write_field(std::ostream& out, const std::string& v) { out << (v.empty() ? "_" : v); }

std::string misc_with_space(const std::string& misc, bool space_after, const std::string& extra) {
  std::string out;
  if (!space_after) out = "SpaceAfter=No";
  for (const std::string* part : {&extra, &misc}) {
    if (part->empty()) continue;
    if (!out.empty()) out += '|';
    out += *part;
  }
  return out.empty() ? "_" : out;
}

std::string one_line(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return out;
}
}  // namespace

void write_conllu(std::ostream& out, const Document& doc, const ConlluWriteOptions& options) {
  if (options.write_newdoc) out << "# newdoc id = " << doc.id << '\n';
  std::uint32_t last_paragraph = 0;
  for (std::size_t si = 0; si < doc.sentences.size(); ++si) {
    const Sentence& s = doc.sentences[si];
    if (si == 0 || s.paragraph != last_paragraph) out << "# newpar\n";
    last_paragraph = s.paragraph;
    out << "# sent_id = " << (s.id.empty() ? doc.id + "-" + std::to_string(si + 1) : s.id) << '\n';
    for (const auto& c : s.comments) out << c << '\n';
    if (s.kind != SegmentKind::Body) out << "# segment = " << segment_kind_name(s.kind) << '\n';
    std::string_view text = s.end <= doc.text.size() && s.start <= s.end
                                ? std::string_view(doc.text).substr(s.start, s.end - s.start)
                                : std::string_view();
    out << "# text = " << one_line(text) << '\n';
    std::size_t mwt = 0, empty = 0;
    for (std::size_t i = 0; i < s.tokens.size(); ++i) {
      while (empty < s.empty_nodes.size() && s.empty_nodes[empty].first == i) out << s.empty_nodes[empty++].second << '\n';
      bool inside_mwt = false;
      if (mwt < s.multiword.size() && s.multiword[mwt].first == i) {
        const auto& m = s.multiword[mwt];
        std::string range = options.write_offsets
                                ? "TokenRange=" + std::to_string(m.start) + ":" + std::to_string(m.end)
                                : std::string();
        out << m.first + 1 << '-' << m.last + 1 << '\t' << m.form << "\t_\t_\t_\t_\t_\t_\t_\t"
            << misc_with_space(m.misc, m.space_after, range) << '\n';
      }
      if (mwt < s.multiword.size() && i >= s.multiword[mwt].first && i <= s.multiword[mwt].last) {
        inside_mwt = true;
        if (i == s.multiword[mwt].last) ++mwt;
      }
      const Token& t = s.tokens[i];
      out << i + 1 << '\t' << t.form << '\t';
      write_field(out, t.lemma);
      out << '\t';
      write_field(out, t.upos);
      out << '\t';
      write_field(out, t.xpos);
      out << '\t';
      write_field(out, t.feats);
      out << '\t';
      if (t.head < 0) out << '_'; else out << t.head;
      out << '\t';
      write_field(out, t.deprel);
      out << '\t';
      write_field(out, t.deps);
      out << '\t';
      std::string range = options.write_offsets && !inside_mwt
                              ? "TokenRange=" + std::to_string(t.start) + ":" + std::to_string(t.end)
                              : std::string();
      out << misc_with_space(t.misc, inside_mwt ? true : t.space_after, range) << '\n';
    }
    while (empty < s.empty_nodes.size()) out << s.empty_nodes[empty++].second << '\n';
    out << '\n';
  }
}

}  // namespace kestrel
