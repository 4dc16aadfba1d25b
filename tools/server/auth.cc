#include "auth.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace skillmatch::server {

namespace {

// At most two Argon2id computations at once (each uses memlimit bytes),
// first come, first served.
FifoSlots& HashSlots() {
  static FifoSlots slots(2);
  return slots;
}

class SlotGuard {
 public:
  SlotGuard() { HashSlots().Acquire(); }
  ~SlotGuard() { HashSlots().Release(); }
  SlotGuard(const SlotGuard&) = delete;
  SlotGuard& operator=(const SlotGuard&) = delete;
};

std::string Hex(const unsigned char* bytes, size_t size) {
  std::string out(size * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes, size);
  out.pop_back();
  return out;
}

// The most common passwords of the public breach lists, and the obvious
// local ones; compared after lower-casing.
constexpr std::array<std::string_view, 48> kCommonPasswords = {
    "123456789", "1234567890", "12345678910", "0123456789", "1234512345",
    "password", "password1", "password12", "password123", "passw0rd123",
    "motdepasse", "motdepasse1", "motdepasse123", "azertyuiop", "azerty1234",
    "azerty123456", "qwertyuiop", "qwerty1234", "qwerty123456", "1q2w3e4r5t",
    "1qaz2wsx3edc", "iloveyou12", "sunshine12", "princess12", "football12",
    "welcome123", "bienvenue1", "bienvenue123", "administrator", "admin12345",
    "adminadmin", "letmein123", "abc1234567", "abcdefghij", "aaaaaaaaaa",
    "1111111111", "0000000000", "9876543210", "changeme123", "dakar12345",
    "senegal123", "cameroun123", "bamako1234", "abidjan123", "skillmatch",
    "skillmatch1", "skillmatch123", "conseiller1"};

}  // namespace

void FifoSlots::Acquire() {
  std::unique_lock lock(mutex_);
  // Ticket t runs once fewer than `slots_` of the tickets before it hold a
  // slot, i.e. when t < released_ + slots_: tickets start in order.
  const uint64_t ticket = issued_++;
  granted_.wait(lock, [&] { return ticket < released_ + slots_; });
}

void FifoSlots::Release() {
  {
    std::lock_guard lock(mutex_);
    ++released_;
  }
  granted_.notify_all();
}

uint64_t FifoSlots::waiting() {
  std::lock_guard lock(mutex_);
  const uint64_t running = std::min(issued_, released_ + slots_);
  return issued_ - running;
}

bool InitCrypto() {
  static const bool ready = sodium_init() >= 0;
  return ready;
}

Result<std::string> HashPassword(std::string_view password,
                                 const PasswordOptions& options) {
  char out[crypto_pwhash_STRBYTES];
  SlotGuard slot;
  if (crypto_pwhash_str(out, password.data(), password.size(),
                        options.opslimit, options.memlimit) != 0) {
    return Status::Internal("password hash: out of memory");
  }
  return std::string(out);
}

bool VerifyPassword(std::string_view password, const std::string& hash) {
  if (hash.size() >= crypto_pwhash_STRBYTES) return false;
  SlotGuard slot;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(),
                                  password.size()) == 0;
}

Status CheckPasswordPolicy(std::string_view login, std::string_view password) {
  if (password.size() < 10) {
    return Status::InvalidArgument(
        "password too short: at least 10 characters");
  }
  if (password.size() > 256) {
    return Status::InvalidArgument("password too long: at most 256 characters");
  }
  std::string lower(password);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  std::string lower_login(login);
  std::transform(lower_login.begin(), lower_login.end(), lower_login.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  if (!lower_login.empty() && lower.find(lower_login) != std::string::npos) {
    return Status::InvalidArgument("password contains the login");
  }
  for (std::string_view common : kCommonPasswords) {
    if (lower == common) {
      return Status::InvalidArgument("password too common");
    }
  }
  if (std::all_of(lower.begin(), lower.end(),
                  [&](char c) { return c == lower[0]; })) {
    return Status::InvalidArgument("password too common");
  }
  return Status::Ok();
}

std::string RandomToken() {
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  return Hex(bytes, sizeof bytes);
}

std::string Sha256Hex(std::string_view text) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()),
                     text.size());
  return Hex(digest, sizeof digest);
}

std::string RandomKey() {
  std::string key(32, '\0');
  randombytes_buf(key.data(), key.size());
  return key;
}

std::string KeyedHashHex(std::string_view key, std::string_view text) {
  unsigned char digest[16];
  crypto_generichash(digest, sizeof digest,
                     reinterpret_cast<const unsigned char*>(text.data()), text.size(),
                     reinterpret_cast<const unsigned char*>(key.data()), key.size());
  return Hex(digest, sizeof digest);
}

bool SameSecret(std::string_view a, std::string_view b) {
  if (a.size() != b.size() || a.empty()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

// ---------------------------------------------------------------- Throttle

LoginThrottle::LoginThrottle(Options options, std::function<int64_t()> now)
    : options_(options), now_(std::move(now)) {}

int64_t LoginThrottle::Wait(const Count& count, int64_t cap,
                            int64_t now) const {
  int over = count.failures - options_.free_failures;
  if (over < 0) return 0;
  int64_t delay = over >= 30 ? cap : std::min<int64_t>(cap, int64_t{1} << over);
  return std::max<int64_t>(0, count.last + delay - now);
}

void LoginThrottle::Forget(int64_t now) {
  for (auto* table : {&accounts_, &addresses_}) {
    for (auto it = table->begin(); it != table->end();) {
      it = now - it->second.last > options_.forget_s ? table->erase(it)
                                                      : std::next(it);
    }
  }
}

int64_t LoginThrottle::WaitFor(const std::string& login,
                               const std::string& address) {
  std::lock_guard lock(mutex_);
  const int64_t now = now_();
  Forget(now);
  int64_t wait = 0;
  if (auto it = accounts_.find(login); it != accounts_.end()) {
    wait = std::max(wait, Wait(it->second, options_.account_cap_s, now));
  }
  if (auto it = addresses_.find(address); it != addresses_.end()) {
    wait = std::max(wait, Wait(it->second, options_.address_cap_s, now));
  }
  return wait;
}

void LoginThrottle::Failure(const std::string& login,
                            const std::string& address) {
  std::lock_guard lock(mutex_);
  const int64_t now = now_();
  for (auto [table, key, cap] :
       {std::tuple{&accounts_, &login, options_.account_cap_s},
        std::tuple{&addresses_, &address, options_.address_cap_s}}) {
    Count& count = (*table)[*key];
    ++count.failures;
    count.last = now;
    // A flood of made-up logins must not grow memory without bound: past
    // kMaxTracked entries, those that delay nobody any more are dropped.
    if (table->size() > kMaxTracked) {
      for (auto it = table->begin(); it != table->end();) {
        it = it->first != *key && Wait(it->second, cap, now) == 0 ? table->erase(it)
                                                                  : std::next(it);
      }
    }
  }
}

size_t LoginThrottle::tracked() {
  std::lock_guard lock(mutex_);
  return accounts_.size() + addresses_.size();
}

void LoginThrottle::Success(const std::string& login,
                            const std::string& address) {
  std::lock_guard lock(mutex_);
  accounts_.erase(login);
  addresses_.erase(address);
}

}  // namespace skillmatch::server
