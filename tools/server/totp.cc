#include "totp.h"

#include <fcntl.h>
#include <liboath/oath.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iterator>

#include "auth.h"

namespace skillmatch::server {

namespace {

bool InitOath() {
  static const bool ready = oath_init() == OATH_OK;
  return ready;
}

// liboath compares codes with this: constant time over the 6 digits.
int SameCode(void* handle, const char* test_otp) {
  const std::string& code = *static_cast<const std::string*>(handle);
  if (std::string_view(test_otp).size() != code.size()) return 1;
  return sodium_memcmp(test_otp, code.data(), code.size()) == 0 ? 0 : 1;
}

std::string PercentEncode(std::string_view text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

}  // namespace

std::string NewTotpSecret() {
  std::string secret(20, '\0');
  randombytes_buf(secret.data(), secret.size());
  return secret;
}

std::string Base32(std::string_view bytes) {
  static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(buffer << (5 - bits)) & 31];
  return out;
}

std::string OtpAuthUri(std::string_view issuer, std::string_view login,
                       std::string_view secret) {
  return "otpauth://totp/" + PercentEncode(issuer) + ":" + PercentEncode(login) +
         "?secret=" + Base32(secret) + "&issuer=" + PercentEncode(issuer) +
         "&algorithm=SHA1&digits=" + std::to_string(kTotpDigits) +
         "&period=" + std::to_string(kTotpStepSeconds);
}

std::string TotpCode(std::string_view secret, int64_t unix_time) {
  char code[kTotpDigits + 1] = {0};
  if (!InitOath() ||
      oath_totp_generate(secret.data(), secret.size(),
                         static_cast<time_t>(unix_time), kTotpStepSeconds, 0,
                         kTotpDigits, code) != OATH_OK) {
    return "";
  }
  return code;
}

std::optional<int64_t> MatchTotp(std::string_view secret, std::string_view code,
                                 int64_t unix_time) {
  if (code.size() != kTotpDigits ||
      !std::all_of(code.begin(), code.end(),
                   [](unsigned char c) { return std::isdigit(c); })) {
    return std::nullopt;
  }
  if (!InitOath() || secret.empty()) return std::nullopt;
  std::string wanted(code);
  int position = 0;
  uint64_t counter = 0;
  const int found = oath_totp_validate3_callback(
      secret.data(), secret.size(), static_cast<time_t>(unix_time),
      kTotpStepSeconds, 0, kTotpDigits, 1, &position, &counter, SameCode,
      &wanted);
  if (found < 0) return std::nullopt;
  return static_cast<int64_t>(counter);
}

std::string TotpKeyPath(const std::string& db) { return db + ".totp-key"; }

Result<std::string> LoadTotpKey(const std::string& db, bool create) {
  const std::string path = TotpKeyPath(db);
  std::ifstream in(path, std::ios::binary);
  if (in) {
    std::string key((std::istreambuf_iterator<char>(in)),
                    std::istreambuf_iterator<char>());
    if (key.size() != crypto_secretbox_KEYBYTES) {
      return Status::DataError(path + ": not a TOTP key (expected " +
                               std::to_string(crypto_secretbox_KEYBYTES) +
                               " bytes, got " + std::to_string(key.size()) + ")");
    }
    return key;
  }
  if (!create) return Status::NotFound(path + ": no TOTP key file");
  if (!InitCrypto()) return Status::Internal("libsodium cannot start");
  std::string key(crypto_secretbox_KEYBYTES, '\0');
  crypto_secretbox_keygen(reinterpret_cast<unsigned char*>(key.data()));
  // O_EXCL: two enrolments racing create one key, the other reads it.
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return LoadTotpKey(db, false);
    return Status::IoError(path + ": cannot create the TOTP key file");
  }
  const ssize_t written = ::write(fd, key.data(), key.size());
  const bool closed = ::close(fd) == 0;
  if (written != static_cast<ssize_t>(key.size()) || !closed) {
    ::unlink(path.c_str());
    return Status::IoError(path + ": cannot write the TOTP key file");
  }
  return key;
}

Result<std::string> SealTotpSecret(std::string_view key, std::string_view secret) {
  if (key.size() != crypto_secretbox_KEYBYTES) {
    return Status::InvalidArgument("TOTP key: wrong size");
  }
  std::string box(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES +
                      secret.size(),
                  '\0');
  auto* bytes = reinterpret_cast<unsigned char*>(box.data());
  randombytes_buf(bytes, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(bytes + crypto_secretbox_NONCEBYTES,
                        reinterpret_cast<const unsigned char*>(secret.data()),
                        secret.size(), bytes,
                        reinterpret_cast<const unsigned char*>(key.data()));
  std::string hex(box.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes, box.size());
  hex.pop_back();
  return hex;
}

Result<std::string> OpenTotpSecret(std::string_view key, std::string_view sealed) {
  if (key.size() != crypto_secretbox_KEYBYTES) {
    return Status::InvalidArgument("TOTP key: wrong size");
  }
  std::string box(sealed.size() / 2, '\0');
  size_t length = 0;
  if (sodium_hex2bin(reinterpret_cast<unsigned char*>(box.data()), box.size(),
                     sealed.data(), sealed.size(), nullptr, &length,
                     nullptr) != 0 ||
      length != box.size() ||
      length < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
    return Status::DataError("sealed TOTP secret: not hex of a sealed box");
  }
  const auto* bytes = reinterpret_cast<const unsigned char*>(box.data());
  std::string secret(length - crypto_secretbox_NONCEBYTES -
                         crypto_secretbox_MACBYTES,
                     '\0');
  if (crypto_secretbox_open_easy(
          reinterpret_cast<unsigned char*>(secret.data()),
          bytes + crypto_secretbox_NONCEBYTES,
          length - crypto_secretbox_NONCEBYTES, bytes,
          reinterpret_cast<const unsigned char*>(key.data())) != 0) {
    return Status::DataError(
        "sealed TOTP secret: not sealed by this store's key, or altered");
  }
  return secret;
}

}  // namespace skillmatch::server
