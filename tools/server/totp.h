// The TOTP second factor (RFC 6238) of admins and supervisors, with Debian's
// liboath: 6 digits, 30-second steps, HMAC-SHA1 (what authenticator apps
// use by default), a code of the current step or one step either side
// accepted, each step usable once per account (the store keeps the last
// step used, UseTotpStep).
//
// Secrets are sealed in the store (crypto_secretbox, XSalsa20-Poly1305)
// under a 32-byte key kept in a file beside it, `<db>.totp-key`, mode 0600,
// created by the first enrolment (`skillmatch users totp enable`, or
// « Mon compte », accounts.h StartOwnTotp): a copy of the store alone does
// not give the secrets. The plain secret is shown once, in the otpauth URI
// that enrolment prints or the page shows; it never reaches a log.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "skillmatch/classification/status.h"

namespace skillmatch::server {

inline constexpr int kTotpStepSeconds = 30;
inline constexpr int kTotpDigits = 6;

// 20 random bytes (160 bits, the length RFC 4226 recommends).
std::string NewTotpSecret();
// RFC 4648 base32 without padding, as otpauth URIs carry it.
std::string Base32(std::string_view bytes);
// otpauth://totp/<issuer>:<login>?secret=...&issuer=...&algorithm=SHA1&digits=6&period=30
// (login and issuer percent-encoded).
std::string OtpAuthUri(std::string_view issuer, std::string_view login,
                       std::string_view secret);
// The code of the step holding `unix_time` (tests, and the CLI's check).
std::string TotpCode(std::string_view secret, int64_t unix_time);
// The time step whose code `code` is, within one step of `unix_time`; none
// when `code` is not 6 digits or matches no step of the window.
std::optional<int64_t> MatchTotp(std::string_view secret, std::string_view code,
                                 int64_t unix_time);

// The key file of the store at `db`.
std::string TotpKeyPath(const std::string& db);
// The key in `TotpKeyPath(db)`; created (mode 0600) when missing and
// `create`, else kNotFound. kDataError for a file that is not 32 bytes.
[[nodiscard]] Result<std::string> LoadTotpKey(const std::string& db, bool create);
// `secret` sealed under `key`, as hex (nonce then ciphertext).
[[nodiscard]] Result<std::string> SealTotpSecret(std::string_view key,
                                                 std::string_view secret);
// The secret of a sealed text; kDataError when it was not sealed by `key`
// or was altered.
[[nodiscard]] Result<std::string> OpenTotpSecret(std::string_view key,
                                                 std::string_view sealed);

}  // namespace skillmatch::server
