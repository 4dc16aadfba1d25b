#include "skillmatch/mobility/assessment.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <iomanip>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include "skillmatch/match/retrieval.h"
#include "skillmatch/model/geography.h"

namespace skillmatch::mobility {

using classification::kNoNode;
using classification::NodeIndex;
using classification::Taxonomy;

struct Market::Impl {
  const engine::Scorer* scorer = nullptr;
  std::string today;
  // National and international demand: open offers by occupation, country
  // and region ("" = the whole country).
  struct Cell {
    int offers = 0;
    int positions = 0;
    int jobseekers = 0;
  };
  std::map<std::tuple<std::string, std::string, std::string>, Cell> cells;
  // Open offers by (occupation, country): their ids, sorted.
  std::map<std::pair<std::string, std::string>, std::vector<std::string>> offer_ids;
  // Index over open offers (every country); hits are filtered by country.
  std::unique_ptr<engine::OfferIndex> index;
  std::vector<std::string> index_country;  // country of each indexed offer
  std::vector<bool> index_international;
};

Market::Market(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Market::~Market() = default;

Result<std::unique_ptr<Market>> Market::Build(engine::Store& store,
                                              const engine::Scorer& scorer,
                                              engine::Date today) {
  auto impl = std::make_unique<Impl>();
  impl->scorer = &scorer;
  impl->today = today.ToString();
  engine::OfferIndex::Builder builder(scorer);
  SKILLMATCH_RETURN_IF_ERROR(store.ForEachOffer([&](engine::Offer&& offer) {
    // Open on `today`: published by then (when known) and not expired.
    if (offer.expires && *offer.expires < impl->today) return Status::Ok();
    if (offer.published && *offer.published > impl->today) return Status::Ok();
    const std::string& country = offer.location.country;
    for (const std::string& region : {offer.location.region, std::string()}) {
      Impl::Cell& cell = impl->cells[{offer.occupation, country, region}];
      cell.offers += 1;
      cell.positions += std::max(offer.positions, 1);
    }
    impl->offer_ids[{offer.occupation, country}].push_back(offer.id);
    builder.Add(offer);
    impl->index_country.push_back(country);
    impl->index_international.push_back(offer.international);
    return Status::Ok();
  }));
  for (auto& [key, ids] : impl->offer_ids) std::sort(ids.begin(), ids.end());
  impl->index = std::move(builder).Finish();
  SKILLMATCH_RETURN_IF_ERROR(store.ForEachProfile([&](engine::Profile&& profile) {
    // A jobseeker counts for the first occupation wanted, where registered.
    if (profile.target_occupations.empty()) return Status::Ok();
    const std::string& occupation = profile.target_occupations.front();
    for (const std::string& region : {profile.location.region, std::string()}) {
      impl->cells[{occupation, profile.location.country, region}].jobseekers += 1;
    }
    return Status::Ok();
  }));
  return std::unique_ptr<Market>(new Market(std::move(impl)));
}

namespace {

std::string Label(const Taxonomy& tax, const std::string& code) {
  NodeIndex node = tax.FindNode(code);
  return node == kNoNode ? code : tax.node(node).label;
}

std::string SkillLabel(const Taxonomy& tax, const std::string& id) {
  auto skill = tax.FindSkill(id);
  return skill == classification::kNoSkill ? id : tax.SkillName(skill, tax.main_language());
}

std::set<std::string> HeldSkills(const engine::Profile& profile) {
  std::set<std::string> held;
  for (const auto& s : profile.skills) held.insert(s.skill_id);
  for (const auto& s : profile.soft_skills) held.insert(s.skill_id);
  return held;
}

// Essential skills of `node` the person lacks, and those held.
void SkillGap(const Taxonomy& tax, NodeIndex node, const std::set<std::string>& held,
              std::vector<SkillRef>* have, std::vector<SkillRef>* missing) {
  for (const auto& link : tax.SkillsOf(node)) {
    if (link.relation != classification::SkillRelation::kEssential) continue;
    const std::string& id = tax.skill(link.skill).id;
    SkillRef ref{id, tax.SkillName(link.skill, tax.main_language())};
    if (held.count(id)) {
      if (have) have->push_back(ref);
    } else {
      missing->push_back(ref);
    }
  }
}

std::string CefrName(int level) {
  static const char* kNames[] = {"A1", "A2", "B1", "B2", "C1", "C2"};
  return level >= 1 && level <= 6 ? kNames[level - 1] : "";
}

std::string Fixed(double value, int digits) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(digits) << value;
  return out.str();
}

std::string DateFr(const std::string& iso) {
  // YYYY-MM-DD -> DD/MM/YYYY
  return iso.size() == 10 ? iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4) : iso;
}

// A number for French text: decimal comma.
std::string FixedFr(double value, int digits) {
  std::string out = Fixed(value, digits);
  for (char& c : out)
    if (c == '.') c = ',';
  return out;
}

std::string CountryName(const std::string& code) {
  const engine::GeoCountry* country = engine::Geography::Embedded().FindCountry(code);
  return country ? country->name_fr : code;
}

std::string Plural(int n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

Result<Assessment> Assess(const engine::Profile& profile, const RulePack& pack,
                          const std::vector<Training>& catalogue,
                          const engine::Scorer& scorer, const Market& market,
                          engine::Store& store, const AssessOptions& options) {
  const Taxonomy& tax = scorer.taxonomy();
  const Market::Impl& m = market.impl();
  if (options.destination.size() != 2 || !std::isupper(static_cast<unsigned char>(options.destination[0])) ||
      !std::isupper(static_cast<unsigned char>(options.destination[1])))
    return Status::InvalidArgument("--country: expected an ISO 3166-1 alpha-2 code (FR, BE, ...), got '" +
                                   options.destination + "'");
  std::string target = options.occupation;
  if (target.empty()) {
    if (profile.target_occupations.empty())
      return Status::InvalidArgument("jobseeker " + profile.id +
                                     " has no target occupation: give --occupation CODE");
    target = profile.target_occupations.front();
  }
  NodeIndex node = tax.FindNode(target);
  if (node == kNoNode || !tax.IsOccupation(node))
    return Status::NotFound("occupation '" + target + "' is not an occupation of taxonomy " +
                            tax.info().name);

  Assessment a;
  a.jobseeker_id = profile.id;
  a.today = options.today.ToString();
  a.home_country = profile.location.country;
  a.home_region = profile.location.region;
  a.pack = pack.info.name + " " + pack.info.version;
  ProjectCard& card = a.card;
  card.occupation = target;
  card.occupation_label = tax.node(node).label;
  auto isco = tax.CrosswalkFrom(node, "isco08");
  if (!isco.empty()) card.isco08 = isco.front().external_code;
  card.destination = options.destination;
  card.destination_name = CountryName(options.destination);
  card.nationality = options.nationality.empty() ? profile.location.country : options.nationality;

  // Rules: valid today, for this destination and nationality.
  std::map<std::string, const ReviewItem*> review_of;
  for (const ReviewItem& item : pack.review) review_of[item.rule_id] = &item;
  std::vector<AppliedRule> isco_rules, unconfirmed;
  bool regulated = false;
  std::string diploma;
  for (const Rule& rule : pack.rules) {
    if (rule.destination != card.destination) continue;
    if (!rule.nationality.empty() && rule.nationality != card.nationality) continue;
    if (rule.valid_from > a.today) continue;
    if (!rule.valid_to.empty() && rule.valid_to < a.today) continue;
    if (!card.isco08.empty() && rule.isco08 == card.isco08 && rule.regulated == "yes") {
      regulated = true;
      diploma = rule.diploma;
    }
    if (rule.occupation == target) {
      card.rules.push_back({rule, "exact"});
    } else if (!card.isco08.empty() && rule.isco08 == card.isco08) {
      isco_rules.push_back({rule, "isco"});
    } else if (rule.mapping == kMappingReview) {
      auto it = review_of.find(rule.id);
      if (it != review_of.end() && it->second->suggested == target)
        unconfirmed.push_back({rule, "unconfirmed"});
    }
  }
  card.listed = !card.rules.empty();
  card.rules.insert(card.rules.end(), isco_rules.begin(), isco_rules.end());
  card.rules.insert(card.rules.end(), unconfirmed.begin(), unconfirmed.end());
  for (const Gap& gap : pack.info.gaps) {
    if (gap.destination == card.destination &&
        (gap.nationality.empty() || gap.nationality == card.nationality))
      card.gaps.push_back(gap);
  }
  // Demand abroad.
  auto abroad = m.cells.find({target, card.destination, ""});
  if (abroad != m.cells.end()) {
    card.international_offers = abroad->second.offers;
    card.international_positions = abroad->second.positions;
  }
  auto ids = m.offer_ids.find({target, card.destination});
  if (ids != m.offer_ids.end()) {
    for (size_t idx = 0; idx < ids->second.size() && idx < 5; ++idx)
      card.offer_ids.push_back(ids->second[idx]);
  }
  // Distance.
  const std::set<std::string> held = HeldSkills(profile);
  Distance& d = card.distance;
  SkillGap(tax, node, held, &d.held, &d.missing);
  d.essential_total = static_cast<int>(d.held.size() + d.missing.size());
  d.far = d.essential_total > 0 &&
          static_cast<double>(d.held.size()) / d.essential_total < options.far_below;
  if (const Destination* dest = pack.FindDestination(card.destination)) {
    d.language = dest->language;
    d.required_level = dest->min_level;
    d.language_note = dest->note + (dest->source.empty() ? "" : " (" + dest->source + ")");
    for (const auto& lang : profile.languages) {
      if (lang.code == dest->language) d.held_level = lang.level;
    }
    d.language_ok = d.required_level == 0 || (d.held_level && *d.held_level >= d.required_level);
  }
  d.regulated = regulated;
  d.diploma = diploma;
  d.education_level = profile.education_level;
  d.education_field = profile.education_field;

  const std::string& home = a.home_country;
  auto cell = [&](const std::string& occupation, const std::string& region) {
    auto it = m.cells.find({occupation, home, region});
    return it == m.cells.end() ? Market::Impl::Cell{} : it->second;
  };

  // 1. The same occupation in the home country's regions, by tension.
  {
    std::vector<Alternative> regions;
    for (auto it = m.cells.lower_bound({target, home, std::string()});
         it != m.cells.end() && std::get<0>(it->first) == target &&
         std::get<1>(it->first) == home;
         ++it) {
      const std::string& region = std::get<2>(it->first);
      if (region.empty() || it->second.offers == 0) continue;
      Alternative alt;
      alt.kind = "region";
      alt.occupation = target;
      alt.occupation_label = card.occupation_label;
      alt.region = region;
      alt.open_offers = it->second.offers;
      alt.jobseekers = it->second.jobseekers;
      if (alt.jobseekers > 0)
        alt.tension = static_cast<double>(it->second.positions) / alt.jobseekers;
      alt.reasons.push_back(Plural(alt.open_offers, "offre ouverte", "offres ouvertes") +
                            " pour ce métier (" +
                            Plural(it->second.positions, "poste", "postes") + ")");
      if (alt.tension)
        alt.reasons.push_back("tension : " + FixedFr(*alt.tension, 2) +
                              " poste(s) par demandeur inscrit pour ce métier");
      else
        alt.reasons.push_back("aucun autre demandeur inscrit pour ce métier dans la région");
      if (region == a.home_region) alt.reasons.push_back("c'est votre région");
      regions.push_back(std::move(alt));
    }
    // No jobseeker at all counts as the highest tension.
    std::sort(regions.begin(), regions.end(), [](const Alternative& x, const Alternative& y) {
      double tx = x.tension ? *x.tension : INFINITY, ty = y.tension ? *y.tension : INFINITY;
      if (tx != ty) return tx > ty;
      if (x.open_offers != y.open_offers) return x.open_offers > y.open_offers;
      return x.region < y.region;
    });
    if (regions.size() > static_cast<size_t>(options.per_kind)) regions.resize(options.per_kind);
    for (auto& alt : regions) a.alternatives.push_back(std::move(alt));
  }

  // 2. Close occupations with demand at home, with their skill gap.
  std::vector<SkillRef> gap_skills = d.missing;
  {
    std::map<NodeIndex, std::string> why;  // candidate -> reason
    for (const auto& link : tax.MobilityFrom(node)) {
      why.emplace(link.to, link.kind == classification::MobilityKind::kClose
                               ? "métier proche (passerelle de mobilité)"
                               : "évolution possible (passerelle avec formation)");
    }
    for (const auto& [other, proximity] : scorer.SimilarOccupations(node, 20, false)) {
      why.emplace(other, "compétences proches (similarité " +
                             FixedFr(100.0 * proximity, 0) + " %)");
    }
    std::vector<Alternative> close;
    for (const auto& [other, reason] : why) {
      if (!tax.IsOccupation(other)) continue;
      const std::string& code = tax.node(other).code;
      Market::Impl::Cell c = cell(code, "");
      if (c.offers == 0) continue;
      Alternative alt;
      alt.kind = "close-occupation";
      alt.occupation = code;
      alt.occupation_label = tax.node(other).label;
      alt.open_offers = c.offers;
      alt.jobseekers = c.jobseekers;
      if (c.jobseekers > 0) alt.tension = static_cast<double>(c.positions) / c.jobseekers;
      alt.score = scorer.Proximity(node, other);
      SkillGap(tax, other, held, nullptr, &alt.missing);
      alt.reasons.push_back(reason);
      alt.reasons.push_back(Plural(c.offers, "offre ouverte", "offres ouvertes") + " en " +
                            CountryName(home));
      alt.reasons.push_back(alt.missing.empty()
                                ? "vous avez déjà toutes ses compétences essentielles"
                                : Plural(static_cast<int>(alt.missing.size()),
                                         "compétence essentielle à acquérir",
                                         "compétences essentielles à acquérir"));
      close.push_back(std::move(alt));
    }
    std::sort(close.begin(), close.end(), [](const Alternative& x, const Alternative& y) {
      if (x.missing.size() != y.missing.size()) return x.missing.size() < y.missing.size();
      if (x.open_offers != y.open_offers) return x.open_offers > y.open_offers;
      return x.occupation < y.occupation;
    });
    if (close.size() > static_cast<size_t>(options.per_kind)) close.resize(options.per_kind);
    for (auto& alt : close) {
      for (const SkillRef& s : alt.missing) gap_skills.push_back(s);
      a.alternatives.push_back(std::move(alt));
    }
  }

  // 3. Offers open now at home that the person fits (the matching engine).
  if (m.index) {
    const int wanted = options.per_kind;
    int shown = 0;
    std::vector<engine::Hit> hits = m.index->TopK(profile, std::max(50, wanted * 10));
    for (const engine::Hit& hit : hits) {
      // With a filter, every qualifying hit is put to it (its caller counts
      // the refused); without, the loop ends with the last one shown.
      if (shown >= wanted && !options.offer_visible) break;
      if (hit.score < options.min_offer_score) break;
      if (m.index_country[hit.index] != home || m.index_international[hit.index]) continue;
      const std::string& id = m.index->id(hit.index);
      if (options.offer_visible && !options.offer_visible(id)) continue;
      if (shown >= wanted) continue;
      Alternative alt;
      alt.kind = "offer";
      alt.offer_id = id;
      alt.score = hit.score;
      // The index keeps no records: read the few shown from the store.
      SKILLMATCH_ASSIGN_OR_RETURN(offer, store.GetOffer(alt.offer_id));
      engine::Explanation why = scorer.Explain(profile, offer);
      alt.occupation = offer.occupation;
      alt.occupation_label = Label(tax, offer.occupation);
      alt.region = offer.location.region;
      alt.title = offer.title + (offer.employer.empty() ? "" : " — " + offer.employer);
      alt.reasons.push_back("correspondance avec votre profil : " +
                            FixedFr(100.0 * hit.score, 0) + " %");
      std::string has;
      for (const auto& s : why.matched) has += (has.empty() ? "" : ", ") + SkillLabel(tax, s.skill_id);
      if (!has.empty()) alt.reasons.push_back("vous avez : " + has);
      alt.reasons.push_back(offer.location.city +
                            (offer.location.region.empty() ? "" : " (" + offer.location.region + ")") +
                            (offer.expires ? ", jusqu'au " + DateFr(*offer.expires) : ""));
      for (const auto& s : why.missing) {
        if (s.essential) {
          alt.missing.push_back({s.skill_id, SkillLabel(tax, s.skill_id)});
          gap_skills.push_back(alt.missing.back());
        }
      }
      a.alternatives.push_back(std::move(alt));
      ++shown;
    }
  }

  // 4. Training that closes the gap: skills missing for the target, the
  // close occupations and the offers shown, then the target's optional
  // skills the person lacks (a plus for the same job).
  {
    std::map<std::string, std::string> wanted;  // skill id -> label
    for (const SkillRef& s : gap_skills) wanted.emplace(s.id, s.label);
    for (const auto& link : tax.SkillsOf(node)) {
      const std::string& id = tax.skill(link.skill).id;
      if (link.relation == classification::SkillRelation::kOptional && !held.count(id))
        wanted.emplace(id, tax.SkillName(link.skill, tax.main_language()));
    }
    std::vector<Alternative> courses;
    for (const Training& t : catalogue) {
      if (t.country != home) continue;
      Alternative alt;
      for (const std::string& id : t.skills) {
        auto it = wanted.find(id);
        if (it != wanted.end()) alt.covers.push_back({id, it->second});
      }
      if (alt.covers.empty()) continue;
      alt.kind = "training";
      alt.training_id = t.id;
      alt.title = t.title + " — " + t.provider;
      alt.region = t.region;
      std::string taught;
      for (const SkillRef& s : alt.covers) taught += (taught.empty() ? "" : ", ") + s.label;
      alt.reasons.push_back("enseigne : " + taught);
      alt.reasons.push_back(t.city + (t.region.empty() ? "" : " (" + t.region + ")") + ", " +
                            std::to_string(t.duration_hours) + " heures");
      alt.reasons.push_back(!t.cost ? "coût non indiqué"
                            : *t.cost == 0 ? "gratuite"
                                           : "coût : " + FixedFr(*t.cost, 0) + " " + t.currency);
      if (!t.ncf_field.empty()) alt.reasons.push_back("domaine NCF " + t.ncf_field);
      if (t.region == a.home_region) alt.reasons.push_back("dans votre région");
      alt.score = t.cost ? static_cast<float>(*t.cost) : -1.0f;  // for sorting only
      courses.push_back(std::move(alt));
    }
    std::sort(courses.begin(), courses.end(), [&](const Alternative& x, const Alternative& y) {
      if (x.covers.size() != y.covers.size()) return x.covers.size() > y.covers.size();
      bool hx = x.region == a.home_region, hy = y.region == a.home_region;
      if (hx != hy) return hx;
      float cx = x.score.value_or(-1), cy = y.score.value_or(-1);
      if ((cx < 0) != (cy < 0)) return cy < 0;  // a stated cost first
      if (cx != cy) return cx < cy;
      return x.training_id < y.training_id;
    });
    if (courses.size() > static_cast<size_t>(options.per_kind)) courses.resize(options.per_kind);
    for (auto& alt : courses) {
      alt.score.reset();
      a.alternatives.push_back(std::move(alt));
    }
  }

  // 5. Self-employment, where the occupation lends itself to it.
  {
    std::vector<NodeIndex> up = tax.Ancestors(node);
    std::string domain = up.empty() ? tax.node(node).code : tax.node(up.back()).code;
    if (std::find(options.self_employment_domains.begin(), options.self_employment_domains.end(),
                  domain) != options.self_employment_domains.end()) {
      Alternative alt;
      alt.kind = "self-employment";
      alt.occupation = target;
      alt.occupation_label = card.occupation_label;
      alt.reasons.push_back("ce métier s'exerce souvent à son compte (domaine " +
                            Label(tax, domain) + ")");
      alt.reasons.push_back("renseignez-vous auprès de votre conseiller sur l'appui à la "
                            "création d'activité et le microcrédit");
      a.alternatives.push_back(std::move(alt));
    }
  }
  return a;
}

nlohmann::ordered_json Assessment::ToJson() const {
  using json = nlohmann::ordered_json;
  auto skills = [](const std::vector<SkillRef>& list) {
    json out = json::array();
    for (const SkillRef& s : list) out.push_back({{"id", s.id}, {"label", s.label}});
    return out;
  };
  json rules = json::array();
  for (const AppliedRule& r : card.rules) {
    json j = {{"id", r.rule.id},
              {"match", r.match},
              {"route", r.rule.route},
              {"label", r.rule.label},
              {"occupation", r.rule.occupation},
              {"isco08", r.rule.isco08},
              {"instrument", r.rule.instrument},
              {"signed_on", r.rule.signed_on},
              {"valid_from", r.rule.valid_from},
              {"valid_to", r.rule.valid_to.empty() ? json(nullptr) : json(r.rule.valid_to)},
              {"no_labour_market_test", r.rule.no_labour_market_test},
              {"regulated", r.rule.regulated},
              {"source", r.rule.source},
              {"source_url", r.rule.source_url},
              {"legal_text_url", r.rule.legal_text_url}};
    rules.push_back(j);
  }
  json gaps = json::array();
  for (const Gap& g : card.gaps)
    gaps.push_back({{"destination", g.destination}, {"nationality", g.nationality}, {"what", g.what}});
  const Distance& d = card.distance;
  json distance = {
      {"essential_skills", d.essential_total},
      {"held", skills(d.held)},
      {"missing", skills(d.missing)},
      {"far", d.far},
      {"language", {{"code", d.language},
                    {"required", CefrName(d.required_level)},
                    {"held", d.held_level ? json(CefrName(*d.held_level)) : json(nullptr)},
                    {"ok", d.language_ok},
                    {"note", d.language_note}}},
      {"regulated", d.regulated},
      {"diploma", d.diploma},
      {"education_level", d.education_level ? json(*d.education_level) : json(nullptr)}};
  json alts = json::array();
  for (const Alternative& alt : alternatives) {
    json j = {{"kind", alt.kind}};
    if (!alt.occupation.empty()) {
      j["occupation"] = alt.occupation;
      j["occupation_label"] = alt.occupation_label;
    }
    if (!alt.region.empty()) j["region"] = alt.region;
    if (!alt.offer_id.empty()) j["offer"] = alt.offer_id;
    if (!alt.training_id.empty()) j["training"] = alt.training_id;
    if (!alt.title.empty()) j["title"] = alt.title;
    if (alt.kind == "region" || alt.kind == "close-occupation") {
      j["open_offers"] = alt.open_offers;
      j["jobseekers"] = alt.jobseekers;
      j["tension"] = alt.tension ? json(std::round(*alt.tension * 1000) / 1000) : json(nullptr);
    }
    if (alt.score) j["score"] = std::round(*alt.score * 10000) / 10000;
    if (alt.kind == "close-occupation" || alt.kind == "offer") j["missing"] = skills(alt.missing);
    if (alt.kind == "training") j["covers"] = skills(alt.covers);
    j["reasons"] = alt.reasons;
    alts.push_back(j);
  }
  return json{{"jobseeker", jobseeker_id},
              {"today", today},
              {"home", {{"country", home_country}, {"region", home_region}}},
              {"pack", pack},
              {"project",
               {{"occupation", card.occupation},
                {"occupation_label", card.occupation_label},
                {"isco08", card.isco08},
                {"destination", card.destination},
                {"destination_name", card.destination_name},
                {"nationality", card.nationality},
                {"listed", card.listed},
                {"rules", rules},
                {"gaps", gaps},
                {"demand", {{"international_offers", card.international_offers},
                            {"positions", card.international_positions},
                            {"offers", card.offer_ids},
                            {"on_a_list", card.listed}}},
                {"distance", distance}}},
              {"alternatives", alts}};
}

namespace {
std::string Names(const std::vector<SkillRef>& list) {
  std::string out;
  for (const SkillRef& s : list) out += (out.empty() ? "" : "; ") + s.label;
  return out;
}
}  // namespace

std::string RenderText(const Assessment& a) {
  std::ostringstream out;
  const ProjectCard& c = a.card;
  out << "Migration project of " << a.jobseeker_id << " (" << a.home_country
      << (a.home_region.empty() ? "" : ", " + a.home_region) << "), assessed on " << a.today
      << " with rule pack " << a.pack << "\n";
  out << "Target: " << c.occupation << " " << c.occupation_label
      << (c.isco08.empty() ? "" : " (ISCO-08 " + c.isco08 + ")") << " in " << c.destination_name
      << " (" << c.destination << "), nationality " << c.nationality << "\n\n";
  out << "Rules\n";
  if (!c.listed) out << "  no listed route for this occupation\n";
  for (const AppliedRule& r : c.rules) {
    out << "  [" << r.match << "] " << r.rule.route << ": \"" << r.rule.label << "\" ("
        << r.rule.id << ")\n      " << r.rule.instrument << "; signed " << r.rule.signed_on
        << ", valid from " << r.rule.valid_from
        << (r.rule.valid_to.empty() ? "" : " to " + r.rule.valid_to)
        << (r.rule.no_labour_market_test ? "; no labour-market test" : "")
        << (r.rule.regulated == "yes" ? "; regulated profession" : "") << "\n      source: "
        << r.rule.source << " " << r.rule.source_url << "\n";
  }
  for (const Gap& g : c.gaps) out << "  missing from the pack: " << g.what << "\n";
  out << "\nDemand in " << c.destination << ": " << c.international_offers
      << " open offers in the store (" << c.international_positions << " positions)";
  if (!c.offer_ids.empty()) {
    out << ":";
    for (const std::string& id : c.offer_ids) out << " " << id;
  }
  out << "; on a published list: " << (c.listed ? "yes" : "no") << "\n\n";
  const Distance& d = c.distance;
  out << "Distance\n  essential skills held: " << d.held.size() << " of " << d.essential_total
      << (d.far ? " (far from the occupation)" : "") << "\n";
  if (!d.missing.empty()) out << "  missing: " << Names(d.missing) << "\n";
  if (d.required_level > 0) {
    out << "  language: " << d.language << " " << CefrName(d.required_level) << " required, held "
        << (d.held_level ? CefrName(*d.held_level) : "none") << (d.language_ok ? " (ok)" : " (short)")
        << "\n";
  } else {
    out << "  language: no requirement in the pack for " << c.destination << "\n";
  }
  if (d.regulated)
    out << "  regulated profession: " << d.diploma << "; education level (ISCED) "
        << (d.education_level ? std::to_string(*d.education_level) : "unknown") << "\n";
  out << "\nNational alternatives\n";
  if (a.alternatives.empty()) out << "  none found in the store\n";
  int n = 0;
  for (const Alternative& alt : a.alternatives) {
    out << "  " << ++n << ". [" << alt.kind << "] ";
    if (alt.kind == "region") out << alt.occupation << " in " << alt.region;
    else if (alt.kind == "close-occupation") out << alt.occupation << " " << alt.occupation_label;
    else if (alt.kind == "offer") out << alt.offer_id << " " << alt.title;
    else if (alt.kind == "training") out << alt.training_id << " " << alt.title;
    else out << alt.occupation << " " << alt.occupation_label;
    if (alt.score && alt.kind == "offer") out << " (score " << Fixed(100.0 * *alt.score, 1) << "%)";
    out << "\n";
    for (const std::string& reason : alt.reasons) out << "       - " << reason << "\n";
    if (!alt.missing.empty()) out << "       to acquire: " << Names(alt.missing) << "\n";
  }
  return out.str();
}

namespace {
std::string Esc(std::string_view s) {
  std::string out;
  for (char ch : s) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += ch;
    }
  }
  return out;
}
}  // namespace

std::string RenderAdviceSheet(const Assessment& a) {
  const ProjectCard& c = a.card;
  const Distance& d = c.distance;
  std::ostringstream h;
  h << "<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\">"
       "<title>Votre projet de mobilité</title><style>"
       "body{font-family:sans-serif;max-width:48em;margin:2em auto;line-height:1.45;color:#111}"
       "h1{font-size:1.5em}h2{font-size:1.15em;border-bottom:1px solid #999;margin-top:1.6em}"
       ".box{border:1px solid #999;padding:.6em 1em;margin:.6em 0}.small{font-size:.85em;color:#333}"
       "@media print{body{margin:0}a{color:#000;text-decoration:none}}"
       "</style></head><body>\n";
  h << "<h1>Votre projet : travailler comme « " << Esc(c.occupation_label) << " » en "
    << Esc(c.destination_name) << "</h1>\n";
  h << "<p class=\"small\">Fiche remise le " << Esc(DateFr(a.today))
    << ". Elle résume l'entretien avec votre conseiller. Elle ne remplace pas un avis juridique.</p>\n";
  h << "<h2>1. Existe-t-il une voie légale ?</h2>\n";
  bool any_exact = false;
  for (const AppliedRule& r : c.rules) {
    if (r.match != "exact") continue;
    any_exact = true;
    h << "<div class=\"box\"><p>Oui. Le métier « " << Esc(r.rule.label)
      << " » figure sur la liste des métiers ouverts par l'accord suivant :</p><p>"
      << Esc(r.rule.instrument) << " (signé le " << Esc(DateFr(r.rule.signed_on)) << ").</p>";
    if (r.rule.no_labour_market_test)
      h << "<p>L'employeur n'a pas à prouver qu'il ne trouve personne sur place.</p>";
    if (r.rule.regulated == "yes")
      h << "<p>Attention : c'est une profession réglementée. Il faut " << Esc(r.rule.diploma)
        << ".</p>";
    h << "<p class=\"small\">Source : " << Esc(r.rule.source) << ", " << Esc(r.rule.source_url)
      << "</p></div>\n";
  }
  if (!any_exact) {
    h << "<div class=\"box\"><p>Nous n'avons trouvé <strong>aucune voie listée</strong> pour ce "
         "métier vers ce pays dans les listes publiées que nous connaissons.</p>";
    for (const AppliedRule& r : c.rules) {
      h << "<p>À vérifier avec votre conseiller : le métier « " << Esc(r.rule.label)
        << " » de la liste « " << Esc(r.rule.instrument) << " » est peut-être proche du vôtre.</p>";
    }
    for (const Gap& g : c.gaps)
      h << "<p class=\"small\">Liste non disponible dans l'outil : " << Esc(g.what) << "</p>";
    h << "</div>\n";
  }
  h << "<h2>2. Y a-t-il des offres là-bas ?</h2>\n<p>";
  if (c.international_offers == 0)
    h << "Aucune offre ouverte pour ce métier en " << Esc(c.destination_name)
      << " dans notre base aujourd'hui.";
  else
    h << Esc(Plural(c.international_offers, "offre ouverte", "offres ouvertes"))
      << " pour ce métier en " << Esc(c.destination_name) << " dans notre base aujourd'hui.";
  h << "</p>\n<h2>3. Ce qu'il vous manque</h2>\n<ul>";
  h << "<li>Compétences essentielles du métier que vous avez : " << d.held.size() << " sur "
    << d.essential_total << ".</li>";
  if (!d.missing.empty()) h << "<li>À acquérir : " << Esc(Names(d.missing)) << ".</li>";
  if (d.required_level > 0) {
    h << "<li>Langue (" << Esc(d.language) << ") : niveau " << CefrName(d.required_level)
      << " demandé, votre niveau : "
      << (d.held_level ? CefrName(*d.held_level) : std::string("non renseigné")) << ".";
    if (!d.language_ok) h << " Il faut progresser avant de partir.";
    h << "</li>";
  }
  if (d.regulated)
    h << "<li>Profession réglementée : il faut " << Esc(d.diploma) << ".</li>";
  h << "</ul>\n<h2>4. Des possibilités ici, au pays</h2>\n";
  if (a.alternatives.empty()) h << "<p>Aucune piste trouvée aujourd'hui dans notre base.</p>\n";
  h << "<ol>";
  for (const Alternative& alt : a.alternatives) {
    h << "<li><strong>";
    if (alt.kind == "region")
      h << "Le même métier dans la région " << Esc(alt.region);
    else if (alt.kind == "close-occupation")
      h << "Un métier proche : " << Esc(alt.occupation_label);
    else if (alt.kind == "offer")
      h << "Une offre ouverte : " << Esc(alt.title);
    else if (alt.kind == "training")
      h << "Une formation : " << Esc(alt.title);
    else
      h << "Vous installer à votre compte comme " << Esc(alt.occupation_label);
    h << "</strong><ul>";
    for (const std::string& reason : alt.reasons) h << "<li>" << Esc(reason) << "</li>";
    if (!alt.missing.empty()) h << "<li>À acquérir : " << Esc(Names(alt.missing)) << "</li>";
    h << "</ul></li>";
  }
  h << "</ol>\n<h2>5. Votre décision</h2>\n<p>Partir par une voie légale ☐ &nbsp; "
       "Une solution au pays ☐ &nbsp; Une formation ☐ &nbsp; Je réfléchis ☐</p>\n"
       "<p>Prochains rendez-vous : dans 3 mois et dans 6 mois.</p>\n"
       "<p class=\"small\">Partir sans contrat ni titre de séjour expose à de graves dangers. "
       "Votre conseiller peut vous aider à préparer un départ régulier.</p>\n"
       "</body></html>\n";
  return h.str();
}

}  // namespace skillmatch::mobility
