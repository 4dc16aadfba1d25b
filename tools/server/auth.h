// Passwords, tokens and login throttling for the server.
//
// Passwords are hashed with Argon2id (libsodium's crypto_pwhash_str); at most
// two hashes are computed at once in the process (each takes the memory
// limit, 64 MiB by default), so a burst of logins queues instead of
// exhausting memory. Session cookies and API tokens are 32 random bytes
// (hex); the store keeps only their SHA-256.
//
// Thread safety: every function and LoginThrottle are safe to call from
// several threads.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "skillmatch/classification/status.h"

namespace skillmatch::server {

// libsodium must be initialised once before any of the below; true if ready.
bool InitCrypto();

// At most `slots` holders at once, granted in arrival order. The password
// hashes take two of these: under a rush of logins each waits its turn
// (std::counting_semaphore, used before, promises no order, and in the
// load benchmark some logins of a 50-counsellor rush waited 27 s while
// later ones went through).
class FifoSlots {
 public:
  explicit FifoSlots(int slots) : slots_(static_cast<uint64_t>(slots)) {}
  void Acquire();
  void Release();
  // Tickets taken and not yet granted (tests).
  uint64_t waiting();

 private:
  const uint64_t slots_;
  std::mutex mutex_;
  std::condition_variable granted_;
  uint64_t issued_ = 0;    // tickets taken
  uint64_t released_ = 0;  // slots given back
};

struct PasswordOptions {
  // crypto_pwhash limits. Defaults: libsodium's "interactive" (2 passes,
  // 64 MiB, about 0.1 s). Tests use the minimum to run fast; the limits used
  // are stored in each hash, so a change applies to new hashes only.
  uint64_t opslimit = 2;
  size_t memlimit = 64u << 20;
};

// The Argon2id hash string of `password`; kInternal if out of memory.
[[nodiscard]] Result<std::string> HashPassword(std::string_view password,
                                               const PasswordOptions& options);
// True when `password` matches `hash` (a crypto_pwhash_str string).
bool VerifyPassword(std::string_view password, const std::string& hash);

// Refuses passwords shorter than 10 characters, longer than 256, equal to
// or containing the login, or in the embedded list of common passwords
// (kInvalidArgument, with the reason).
[[nodiscard]] Status CheckPasswordPolicy(std::string_view login,
                                         std::string_view password);

// 32 random bytes as 64 hex digits.
std::string RandomToken();
// SHA-256 of `text` as 64 hex digits.
std::string Sha256Hex(std::string_view text);
// 32 random bytes (a key for KeyedHashHex).
std::string RandomKey();
// BLAKE2b of `text` keyed with `key` (16 to 64 bytes), as 32 hex digits:
// the pseudonyms of `skillmatch export --pseudonymised`.
std::string KeyedHashHex(std::string_view key, std::string_view text);
// Constant-time comparison of two strings (lengths may leak).
bool SameSecret(std::string_view a, std::string_view b);

// Growing delays between failed logins, per account and per client address,
// never a lock-out: after `free_failures` failures the next attempt must
// wait 1 s, then 2, 4, ... up to a cap. The account's cap is short (30 s by
// default), so an attacker can slow a counsellor's logins but not lock her
// out; the address's cap is long (15 min). A success clears the account's
// and the address's counts; counts are forgotten `forget` after the last
// failure. In memory: a restart forgets them.
class LoginThrottle {
 public:
  struct Options {
    int free_failures = 3;
    int64_t account_cap_s = 30;
    int64_t address_cap_s = 900;
    int64_t forget_s = 3600;
  };
  // `now` gives Unix seconds (tests inject a clock).
  LoginThrottle(Options options, std::function<int64_t()> now);

  // Seconds to wait before `login` may be tried from `address`; 0 = now.
  int64_t WaitFor(const std::string& login, const std::string& address);
  void Failure(const std::string& login, const std::string& address);
  void Success(const std::string& login, const std::string& address);
  // Logins and addresses remembered (for tests of the memory bound).
  size_t tracked();

  // Past this many logins (or addresses), those whose delay has run out are
  // forgotten at the next failure.
  static constexpr size_t kMaxTracked = 10000;

 private:
  struct Count {
    int failures = 0;
    int64_t last = 0;
  };
  int64_t Wait(const Count& count, int64_t cap, int64_t now) const;
  void Forget(int64_t now);

  Options options_;
  std::function<int64_t()> now_;
  std::mutex mutex_;
  std::map<std::string, Count> accounts_;
  std::map<std::string, Count> addresses_;
};

}  // namespace skillmatch::server
