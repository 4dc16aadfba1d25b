#include "skillmatch/classification/csv.h"

#include <fstream>
#include <sstream>

namespace skillmatch::csv {

namespace {
constexpr size_t kBufferSize = 1 << 16;
}  // namespace

Reader::Reader(std::string name, std::istream* in, Options options)
    : name_(std::move(name)), in_(in), options_(options), buf_(kBufferSize) {}

Reader::~Reader() = default;

Result<std::unique_ptr<Reader>> Reader::Open(const std::string& path,
                                             Options options) {
  auto file = std::make_unique<std::ifstream>(path, std::ios::binary);
  if (!file->is_open()) {
    return Status::NotFound(path + ": cannot open file");
  }
  std::unique_ptr<Reader> reader(new Reader(path, file.get(), options));
  reader->owned_ = std::move(file);
  return reader;
}

std::unique_ptr<Reader> Reader::FromString(std::string name, std::string text,
                                           Options options) {
  auto stream = std::make_unique<std::istringstream>(std::move(text));
  std::unique_ptr<Reader> reader(
      new Reader(std::move(name), stream.get(), options));
  reader->owned_ = std::move(stream);
  return reader;
}

std::unique_ptr<Reader> Reader::FromStream(std::string name, std::istream* in,
                                           Options options) {
  return std::unique_ptr<Reader>(new Reader(std::move(name), in, options));
}

bool Reader::Fill() {
  if (eof_) return false;
  in_->read(buf_.data(), static_cast<std::streamsize>(buf_.size()));
  end_ = static_cast<size_t>(in_->gcount());
  pos_ = 0;
  if (end_ == 0) {
    eof_ = true;
    if (in_->bad()) status_ = Status::IoError(name_ + ": read error");
    return false;
  }
  if (!started_) {
    started_ = true;
    if (end_ >= 3 && static_cast<unsigned char>(buf_[0]) == 0xEF &&
        static_cast<unsigned char>(buf_[1]) == 0xBB &&
        static_cast<unsigned char>(buf_[2]) == 0xBF) {
      pos_ = 3;
    }
  }
  return true;
}

bool Reader::Next(std::vector<std::string>* fields) {
  fields->clear();
  if (!status_.ok()) return false;
  enum class State { kStartField, kUnquoted, kQuoted, kQuoteInQuoted };
  State state = State::kStartField;
  std::string field;
  bool any = false;  // the record has at least one character
  const char delim = options_.delimiter;
  int64_t quote_line = 0;
  auto at = [&](int64_t line) {
    return name_ + ":" + std::to_string(line) + ":" +
           std::to_string(fields->size() + 1) + ": ";
  };
  for (;;) {
    if (pos_ >= end_ && !Fill()) {
      if (!status_.ok()) return false;
      // End of input.
      if (state == State::kQuoted) {
        status_ = Status::DataError(
            at(quote_line) + "unterminated quoted field (missing closing '\"')");
        return false;
      }
      if (!any) return false;
      fields->push_back(std::move(field));
      ++record_count_;
      return true;
    }
    char c = buf_[pos_++];
    if (!any) {
      if (c == '\n') {  // blank line
        ++line_;
        continue;
      }
      if (c == '\r') continue;  // CR of a blank CRLF line, or a lone CR
      any = true;
      record_line_ = line_;
    }
    switch (state) {
      case State::kStartField:
        if (c == '"') {
          state = State::kQuoted;
          quote_line = line_;
          break;
        }
        state = State::kUnquoted;
        [[fallthrough]];
      case State::kUnquoted:
        if (c == delim) {
          fields->push_back(std::move(field));
          field.clear();
          state = State::kStartField;
        } else if (c == '\n') {
          ++line_;
          if (!field.empty() && field.back() == '\r') field.pop_back();
          fields->push_back(std::move(field));
          ++record_count_;
          return true;
        } else if (c == '"' && options_.strict_quotes) {
          status_ = Status::DataError(
              at(line_) + "quote inside an unquoted field");
          return false;
        } else {
          field.push_back(c);
        }
        break;
      case State::kQuoted:
        if (c == '"') {
          state = State::kQuoteInQuoted;
        } else {
          if (c == '\n') ++line_;
          field.push_back(c);
        }
        break;
      case State::kQuoteInQuoted:
        if (c == '"') {
          field.push_back('"');
          state = State::kQuoted;
        } else if (c == delim) {
          fields->push_back(std::move(field));
          field.clear();
          state = State::kStartField;
        } else if (c == '\n') {
          ++line_;
          fields->push_back(std::move(field));
          ++record_count_;
          return true;
        } else if (c == '\r') {
          // CR of a CRLF after the closing quote: the LF ends the record.
        } else if (options_.strict_quotes) {
          status_ = Status::DataError(
              at(line_) + "unexpected character after closing quote");
          return false;
        } else {
          field.push_back(c);
          state = State::kUnquoted;
        }
        break;
    }
  }
}

Header::Header(std::vector<std::string> names) : names_(std::move(names)) {}

int Header::Find(std::string_view name) const {
  for (size_t col = 0; col < names_.size(); ++col) {
    if (names_[col] == name) return static_cast<int>(col);
  }
  return -1;
}

std::string Escape(std::string_view field, char delimiter) {
  // A field that starts with U+FEFF (EF BB BF) is quoted: unquoted at the
  // start of a file, the reader would take those bytes for the byte order
  // mark and drop them. Quoted anywhere else it costs two bytes.
  bool needs_quotes = field.substr(0, 3) == "\xEF\xBB\xBF";
  for (char c : field) {
    if (needs_quotes) break;
    if (c == delimiter || c == '"' || c == '\n' || c == '\r') {
      needs_quotes = true;
      break;
    }
  }
  if (!needs_quotes) return std::string(field);
  std::string out;
  out.reserve(field.size() + 2);
  out.push_back('"');
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

void WriteRow(std::ostream& out, const std::vector<std::string>& fields,
              char delimiter) {
  for (size_t col = 0; col < fields.size(); ++col) {
    if (col > 0) out.put(delimiter);
    out << Escape(fields[col], delimiter);
  }
  out.put('\n');
}

}  // namespace skillmatch::csv
