// The records' time (schema migration 4) and LoadSpells (spells.h): the
// store's offers and registrations as the statistics' spells.
#include "skillmatch/store/spells.h"

#include <algorithm>
#include <map>
#include <unordered_map>
#include <utility>

#include "skillmatch/model/date.h"
#include "sqlite.h"
#include "sqlite_store.h"
#include "store_server.h"

namespace skillmatch::engine {

// Schema version 4 (engine/store/README.md, "Schema version 4"). The
// closing and registration fields live in the records' JSON documents, the
// source of truth; generated columns show them to SQL (and to indexes)
// without a second copy that a write path could forget. The history of a
// jobseeker's registrations, which a profile document cannot hold (it says
// only the current one), is the table registrations, kept by UpsertProfile.
extern const char kSchemaV4Flows[] = R"sql(
ALTER TABLE offers ADD COLUMN closed TEXT
  GENERATED ALWAYS AS (json_extract(doc, '$.closed')) VIRTUAL;
ALTER TABLE offers ADD COLUMN closing_reason TEXT
  GENERATED ALWAYS AS (json_extract(doc, '$.closing_reason')) VIRTUAL;
ALTER TABLE offers ADD COLUMN hired TEXT
  GENERATED ALWAYS AS (json_extract(doc, '$.hired')) VIRTUAL;
CREATE INDEX offers_published ON offers(published, closed);
ALTER TABLE profiles ADD COLUMN registered TEXT
  GENERATED ALWAYS AS (json_extract(doc, '$.registered')) VIRTUAL;
ALTER TABLE profiles ADD COLUMN exited TEXT
  GENERATED ALWAYS AS (json_extract(doc, '$.exited')) VIRTUAL;
ALTER TABLE profiles ADD COLUMN exit_reason TEXT
  GENERATED ALWAYS AS (json_extract(doc, '$.exit_reason')) VIRTUAL;

CREATE TABLE registrations (
  profile_id  TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
  registered  TEXT NOT NULL,
  exited      TEXT CHECK (exited IS NULL OR exited >= registered),
  exit_reason TEXT NOT NULL DEFAULT ''
              CHECK (exit_reason IN ('', 'employment', 'training',
                                     'self_employment', 'other', 'unknown')),
  recorded_at TEXT NOT NULL,
  PRIMARY KEY (profile_id, registered)
);
CREATE INDEX registrations_registered ON registrations(registered, exited);
INSERT INTO registrations (profile_id, registered, exited, exit_reason,
                           recorded_at)
  SELECT id, registered, exited, COALESCE(exit_reason, ''), updated_at
  FROM profiles WHERE registered IS NOT NULL;
)sql";

Status SqliteStore::ForEachRegistration(
    const std::function<Status(Registration&&)>& visit) {
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt, sqlite::Statement::Prepare(
                *db_,
                "SELECT profile_id, registered, exited, exit_reason FROM "
                "registrations ORDER BY profile_id, registered",
                "registrations"));
  while (true) {
    SKILLMATCH_ASSIGN_OR_RETURN(row, stmt.Step());
    if (!row) return Status::Ok();
    Registration registration;
    registration.profile_id = stmt.ColumnText(0);
    registration.registered = stmt.ColumnText(1);
    if (!stmt.IsNull(2)) registration.exited = stmt.ColumnText(2);
    registration.exit_reason = stmt.ColumnText(3);
    SKILLMATCH_RETURN_IF_ERROR(visit(std::move(registration)));
  }
}

namespace {

using classification::kNoNode;
using classification::NodeIndex;
using classification::Taxonomy;

constexpr const char* kUnknownCode = "?";

// An occupation's area (its parent) and domain (its root), once per code.
class Levels {
 public:
  explicit Levels(const Taxonomy& taxonomy) : taxonomy_(taxonomy) {}

  // Sets area and domain of `code`; false when the taxonomy lacks it.
  bool Fill(const std::string& code, std::string* area, std::string* domain) {
    auto it = cache_.find(code);
    if (it == cache_.end()) {
      std::pair<std::string, std::string> levels{kUnknownCode, kUnknownCode};
      const NodeIndex node = taxonomy_.FindNode(code);
      if (node != kNoNode) {
        const std::vector<NodeIndex> ancestors = taxonomy_.Ancestors(node);
        if (!ancestors.empty()) {
          levels.first = taxonomy_.node(ancestors.front()).code;
          levels.second = taxonomy_.node(ancestors.back()).code;
        } else {  // a root coded as an occupation: its own area and domain
          levels = {code, code};
        }
      }
      it = cache_.emplace(code, std::move(levels)).first;
    }
    *area = it->second.first;
    *domain = it->second.second;
    return *area != kUnknownCode;
  }

 private:
  const Taxonomy& taxonomy_;
  std::unordered_map<std::string, std::pair<std::string, std::string>> cache_;
};

// Country "SN" and region "SN/Dakar" (spells.h).
void FillGeography(const Location& location, std::string* region,
                   std::string* country) {
  *country = location.country.empty() ? "??" : location.country;
  *region = *country + "/" + (location.region.empty() ? "?" : location.region);
}

int DayOf(const std::string& text) {
  // The codec and the schema admit only real YYYY-MM-DD days.
  const std::optional<Date> date = Date::Parse(text);
  return date ? date->days_since_epoch() : 0;
}

std::optional<stats::CloseReason> CloseReasonOf(std::string_view name) {
  for (int reason = 0; reason < stats::kCloseReasonCount; ++reason) {
    const auto value = static_cast<stats::CloseReason>(reason);
    if (stats::CloseReasonName(value) == name) return value;
  }
  return std::nullopt;
}

stats::ExitReason ExitReasonOf(std::string_view name) {
  for (int reason = 0; reason < stats::kExitReasonCount; ++reason) {
    const auto value = static_cast<stats::ExitReason>(reason);
    if (stats::ExitReasonName(value) == name) return value;
  }
  return stats::ExitReason::kUnknown;  // "" : no reason recorded
}

template <typename Skill>
std::vector<std::string> SkillIds(const std::vector<Skill>& skills,
                                  const std::vector<Skill>& soft_skills) {
  std::vector<std::string> ids;
  ids.reserve(skills.size() + soft_skills.size());
  for (const Skill& skill : skills) ids.push_back(skill.skill_id);
  for (const Skill& skill : soft_skills) ids.push_back(skill.skill_id);
  return ids;
}

// What a jobseeker spell takes from the profile.
struct ProfileFacts {
  std::string occupation, area, domain, region, country;
  std::vector<std::string> skills;
  bool known_occupation = false;
};

}  // namespace

Result<StatsInput> LoadSpells(Store& store, const Taxonomy& taxonomy,
                              const LoadSpellsOptions& options) {
  StatsInput input;
  Levels levels(taxonomy);

  // Accepted decisions, oldest first: the day each offer's positions fill.
  SKILLMATCH_ASSIGN_OR_RETURN(decisions, store.ListDecisions({}));
  std::map<std::string, std::vector<std::pair<int, std::string>>> accepted;
  for (const Decision& decision : decisions) {
    if (decision.status != kDecisionAccepted) continue;
    std::vector<std::pair<int, std::string>>& hires =
        accepted[decision.offer_id];
    // One position per jobseeker, however often the decision is repeated.
    const bool repeated = std::any_of(
        hires.begin(), hires.end(),
        [&](const auto& hire) { return hire.second == decision.profile_id; });
    if (repeated) continue;
    hires.emplace_back(DayOf(decision.decided_at.substr(0, 10)),
                       decision.profile_id);
  }

  auto add_offer = [&](Offer&& offer) -> Status {
    if (!offer.published) {
      ++input.offers_undated;
      return Status::Ok();
    }
    stats::OfferSpell spell;
    spell.offer_id = std::move(offer.id);
    spell.occupation = offer.occupation.empty() ? kUnknownCode
                                                : std::move(offer.occupation);
    if (!levels.Fill(spell.occupation, &spell.area, &spell.domain)) {
      ++input.unknown_occupations;
    }
    FillGeography(offer.location, &spell.region, &spell.country);
    spell.published_day = DayOf(*offer.published);
    if (offer.closed) {
      // The record's own closing wins over the decisions (README, "Schema
      // version 4"): the employer's or the PES's statement of what happened.
      spell.closed_day = DayOf(*offer.closed);
      spell.reason =
          CloseReasonOf(offer.closing_reason).value_or(stats::CloseReason::kFilled);
    } else if (auto it = accepted.find(spell.offer_id);
               it != accepted.end() &&
               it->second.size() >= static_cast<size_t>(offer.positions)) {
      // Filled on the day its last position was: the positions-th accepted
      // jobseeker; not before its publication (a decision dated earlier
      // comes from a clock or an entry error, not a hire before the offer).
      spell.closed_day = std::max(
          spell.published_day, it->second[offer.positions - 1].first);
      spell.reason = stats::CloseReason::kFilled;
    }
    spell.skills = SkillIds(offer.skills, offer.soft_skills);
    spell.source =
        offer.source.empty() ? options.own_source : std::move(offer.source);
    input.offers.push_back(std::move(spell));
    return Status::Ok();
  };
  SKILLMATCH_RETURN_IF_ERROR(options.agency.empty()
                                 ? store.ForEachOffer(add_offer)
                                 : store.ForEachAgencyOffer(options.agency,
                                                            add_offer));

  std::unordered_map<std::string, ProfileFacts> profiles;
  auto add_profile = [&](Profile&& profile) -> Status {
    ProfileFacts facts;
    facts.occupation = profile.target_occupations.empty()
                           ? kUnknownCode
                           : profile.target_occupations.front();
    facts.known_occupation =
        levels.Fill(facts.occupation, &facts.area, &facts.domain);
    FillGeography(profile.location, &facts.region, &facts.country);
    facts.skills = SkillIds(profile.skills, profile.soft_skills);
    profiles.emplace(std::move(profile.id), std::move(facts));
    return Status::Ok();
  };
  SKILLMATCH_RETURN_IF_ERROR(options.agency.empty()
                                 ? store.ForEachProfile(add_profile)
                                 : store.ForEachAgencyProfile(options.agency,
                                                              add_profile));
  int64_t registered_profiles = 0;
  std::string previous_id;
  SKILLMATCH_RETURN_IF_ERROR(
      store.ForEachRegistration([&](Registration&& registration) -> Status {
        auto it = profiles.find(registration.profile_id);
        if (it == profiles.end()) return Status::Ok();  // another agency's
        const ProfileFacts& facts = it->second;
        if (registration.profile_id != previous_id) ++registered_profiles;
        previous_id = registration.profile_id;
        stats::JobseekerSpell spell;
        spell.jobseeker_id = std::move(registration.profile_id);
        spell.occupation = facts.occupation;
        spell.area = facts.area;
        spell.domain = facts.domain;
        spell.region = facts.region;
        spell.country = facts.country;
        spell.registered_day = DayOf(registration.registered);
        if (registration.exited) {
          spell.exit_day = DayOf(*registration.exited);
          spell.exit_reason = ExitReasonOf(registration.exit_reason);
        }
        spell.skills = facts.skills;
        spell.source = options.own_source;
        if (!facts.known_occupation) ++input.unknown_occupations;
        input.jobseekers.push_back(std::move(spell));
        return Status::Ok();
      }));
  input.jobseekers_undated =
      static_cast<int64_t>(profiles.size()) - registered_profiles;

  // The schema and the codec keep these rules; a file edited by hand may not.
  Status checked = stats::CheckSpells(input.offers, input.jobseekers);
  if (!checked.ok()) {
    return Status::DataError(store.path() + ": " + checked.message());
  }
  return input;
}

}  // namespace skillmatch::engine
