#include "skillmatch/classification/taxonomy.h"

#include <algorithm>
#include <array>
#include <numeric>
#include <set>

#include "skillmatch/classification/text.h"

namespace skillmatch::classification {

namespace {

template <typename Enum, size_t N>
std::optional<Enum> ParseEnum(std::string_view text,
                              const std::array<std::string_view, N>& names) {
  for (size_t value = 0; value < N; ++value) {
    if (names[value] == text) return static_cast<Enum>(value);
  }
  return std::nullopt;
}

constexpr std::array<std::string_view, 3> kLabelKinds = {
    "preferred", "alternative", "appellation"};
constexpr std::array<std::string_view, 3> kSkillKinds = {"technical",
                                                         "knowledge", "soft"};
constexpr std::array<std::string_view, 2> kRelations = {"essential",
                                                        "optional"};
constexpr std::array<std::string_view, 2> kMobilityKinds = {"close",
                                                            "evolution"};
constexpr std::array<std::string_view, 4> kMatchTypes = {"exact", "close",
                                                         "broad", "narrow"};

using text::Quoted;

std::string Key(std::initializer_list<std::string_view> parts) {
  std::string key;
  for (std::string_view part : parts) {
    key.append(part);
    key.push_back('\x1f');  // unit separator: cannot occur in valid codes
  }
  return key;
}

}  // namespace

std::string_view ToString(LabelKind kind) {
  return kLabelKinds[static_cast<size_t>(kind)];
}
std::string_view ToString(SkillKind kind) {
  return kSkillKinds[static_cast<size_t>(kind)];
}
std::string_view ToString(SkillRelation relation) {
  return kRelations[static_cast<size_t>(relation)];
}
std::string_view ToString(MobilityKind kind) {
  return kMobilityKinds[static_cast<size_t>(kind)];
}
std::string_view ToString(MatchType match) {
  return kMatchTypes[static_cast<size_t>(match)];
}
std::optional<LabelKind> ParseLabelKind(std::string_view text) {
  return ParseEnum<LabelKind>(text, kLabelKinds);
}
std::optional<SkillKind> ParseSkillKind(std::string_view text) {
  return ParseEnum<SkillKind>(text, kSkillKinds);
}
std::optional<SkillRelation> ParseSkillRelation(std::string_view text) {
  return ParseEnum<SkillRelation>(text, kRelations);
}
std::optional<MobilityKind> ParseMobilityKind(std::string_view text) {
  return ParseEnum<MobilityKind>(text, kMobilityKinds);
}
std::optional<MatchType> ParseMatchType(std::string_view text) {
  return ParseEnum<MatchType>(text, kMatchTypes);
}

bool IsValidCode(std::string_view code) {
  if (code.empty()) return false;
  for (unsigned char c : code) {
    if (c <= 0x20 || c == 0x7f) return false;
  }
  return true;
}

// ---------------------------------------------------------------- Taxonomy

NodeIndex Taxonomy::FindNode(std::string_view code) const {
  auto it = node_by_code_.find(std::string(code));
  return it == node_by_code_.end() ? kNoNode : it->second;
}

std::vector<NodeIndex> Taxonomy::Ancestors(NodeIndex index) const {
  std::vector<NodeIndex> out;
  for (NodeIndex at = nodes_[index].parent; at != kNoNode;
       at = nodes_[at].parent) {
    out.push_back(at);
  }
  return out;
}

NodeIndex Taxonomy::LowestCommonAncestor(NodeIndex a, NodeIndex b) const {
  while (nodes_[a].depth > nodes_[b].depth) a = nodes_[a].parent;
  while (nodes_[b].depth > nodes_[a].depth) b = nodes_[b].parent;
  while (a != b) {
    a = nodes_[a].parent;
    b = nodes_[b].parent;
    if (a == kNoNode || b == kNoNode) return kNoNode;
  }
  return a;
}

int Taxonomy::TreeDistance(NodeIndex a, NodeIndex b) const {
  NodeIndex lca = LowestCommonAncestor(a, b);
  if (lca == kNoNode) return -1;
  return nodes_[a].depth + nodes_[b].depth - 2 * nodes_[lca].depth;
}

std::vector<NodeIndex> Taxonomy::NodesAtLevel(std::string_view level) const {
  std::vector<NodeIndex> out;
  for (size_t node_idx = 0; node_idx < nodes_.size(); ++node_idx) {
    if (nodes_[node_idx].level == level) out.push_back(node_idx);
  }
  return out;
}

const std::string& Taxonomy::NodeLabel(NodeIndex index,
                                       std::string_view lang) const {
  const Node& node = nodes_[index];
  for (const Label& label : node.labels) {
    if (label.kind == LabelKind::kPreferred && label.lang == lang) {
      return label.text;
    }
  }
  return node.label;
}

size_t Taxonomy::CountLabels(LabelKind kind) const {
  size_t count = 0;
  for (const Node& node : nodes_) {
    for (const Label& label : node.labels) count += label.kind == kind;
  }
  return count;
}

SkillIndex Taxonomy::FindSkill(std::string_view id) const {
  auto it = skill_by_id_.find(std::string(id));
  return it == skill_by_id_.end() ? kNoSkill : it->second;
}

const std::string& Taxonomy::SkillName(SkillIndex index,
                                       std::string_view lang) const {
  const Skill& skill = skills_[index];
  for (const SkillLabel& label : skill.labels) {
    if (label.preferred && label.lang == lang) return label.text;
  }
  for (const SkillLabel& label : skill.labels) {
    if (label.preferred && label.lang == main_language()) return label.text;
  }
  return skill.labels.front().text;
}

size_t Taxonomy::CountSkills(SkillKind kind) const {
  return std::count_if(skills_.begin(), skills_.end(),
                       [kind](const Skill& s) { return s.kind == kind; });
}

std::span<const OccupationSkill> Taxonomy::SkillsOf(NodeIndex index) const {
  return std::span<const OccupationSkill>(
      occupation_skills_.data() + skills_offsets_[index],
      skills_offsets_[index + 1] - skills_offsets_[index]);
}

std::vector<OccupationSkill> Taxonomy::OccupationsOf(SkillIndex skill) const {
  std::vector<OccupationSkill> out;
  for (const OccupationSkill& link : occupation_skills_) {
    if (link.skill == skill) out.push_back(link);
  }
  return out;
}

std::span<const MobilityLink> Taxonomy::MobilityFrom(NodeIndex index) const {
  return std::span<const MobilityLink>(
      mobility_.data() + mobility_offsets_[index],
      mobility_offsets_[index + 1] - mobility_offsets_[index]);
}

std::vector<MobilityLink> Taxonomy::MobilityTo(NodeIndex index) const {
  std::vector<MobilityLink> out;
  for (const MobilityLink& link : mobility_) {
    if (link.to == index) out.push_back(link);
  }
  return out;
}

std::vector<CrosswalkEntry> Taxonomy::CrosswalkFrom(
    NodeIndex index, std::string_view system) const {
  auto begin = std::lower_bound(
      crosswalk_.begin(), crosswalk_.end(), index,
      [](const CrosswalkEntry& e, NodeIndex n) { return e.node < n; });
  std::vector<CrosswalkEntry> out;
  for (auto it = begin; it != crosswalk_.end() && it->node == index; ++it) {
    if (system.empty() || it->system == system) out.push_back(*it);
  }
  return out;
}

std::vector<CrosswalkEntry> Taxonomy::CrosswalkTo(
    std::string_view system, std::string_view external_code) const {
  std::vector<CrosswalkEntry> out;
  auto it = crosswalk_by_external_.find(Key({system, external_code}));
  if (it == crosswalk_by_external_.end()) return out;
  for (uint32_t entry_idx : it->second) out.push_back(crosswalk_[entry_idx]);
  return out;
}

std::vector<std::string> Taxonomy::CrosswalkSystems() const {
  std::set<std::string> systems;
  for (const CrosswalkEntry& e : crosswalk_) systems.insert(e.system);
  return {systems.begin(), systems.end()};
}

bool Taxonomy::operator==(const Taxonomy& other) const {
  return info_ == other.info_ && nodes_ == other.nodes_ &&
         skills_ == other.skills_ &&
         occupation_skills_ == other.occupation_skills_ &&
         mobility_ == other.mobility_ && crosswalk_ == other.crosswalk_;
}

void Taxonomy::BuildIndexes() {
  const size_t node_total = nodes_.size();
  roots_.clear();
  occupations_.clear();
  for (size_t node_idx = 0; node_idx < node_total; ++node_idx) {
    if (nodes_[node_idx].parent == kNoNode) roots_.push_back(node_idx);
    if (nodes_[node_idx].level == kOccupationLevel) {
      occupations_.push_back(node_idx);
    }
  }
  std::stable_sort(occupation_skills_.begin(), occupation_skills_.end(),
                   [](const OccupationSkill& a, const OccupationSkill& b) {
                     return a.node < b.node;
                   });
  skills_offsets_.assign(node_total + 1, 0);
  for (const OccupationSkill& link : occupation_skills_) {
    ++skills_offsets_[link.node + 1];
  }
  std::partial_sum(skills_offsets_.begin(), skills_offsets_.end(),
                   skills_offsets_.begin());

  std::stable_sort(mobility_.begin(), mobility_.end(),
                   [](const MobilityLink& a, const MobilityLink& b) {
                     if (a.from != b.from) return a.from < b.from;
                     if (a.kind != b.kind) return a.kind < b.kind;
                     // Unranked (0) after ranked ones.
                     unsigned ra = static_cast<unsigned>(a.rank - 1);
                     unsigned rb = static_cast<unsigned>(b.rank - 1);
                     if (ra != rb) return ra < rb;
                     return a.to < b.to;
                   });
  mobility_offsets_.assign(node_total + 1, 0);
  for (const MobilityLink& link : mobility_) ++mobility_offsets_[link.from + 1];
  std::partial_sum(mobility_offsets_.begin(), mobility_offsets_.end(),
                   mobility_offsets_.begin());

  std::stable_sort(crosswalk_.begin(), crosswalk_.end(),
                   [](const CrosswalkEntry& a, const CrosswalkEntry& b) {
                     return a.node < b.node;
                   });
  crosswalk_by_external_.clear();
  for (size_t entry_idx = 0; entry_idx < crosswalk_.size(); ++entry_idx) {
    const CrosswalkEntry& e = crosswalk_[entry_idx];
    crosswalk_by_external_[Key({e.system, e.external_code})].push_back(
        entry_idx);
  }
}

// ---------------------------------------------------------------- Builder

TaxonomyBuilder::TaxonomyBuilder(BundleInfo info) { tax_.info_ = std::move(info); }

Status TaxonomyBuilder::CheckLang(std::string_view lang) const {
  const auto& langs = tax_.info_.languages;
  if (std::find(langs.begin(), langs.end(), lang) == langs.end()) {
    std::string list;
    for (const std::string& l : langs) list += (list.empty() ? "" : ", ") + l;
    return Status::DataError("language " + Quoted(lang) +
                             " is not one of the bundle's languages (" + list +
                             ")");
  }
  return Status::Ok();
}

Status TaxonomyBuilder::AddNode(std::string code, std::string parent_code,
                                std::string level, std::string label,
                                std::string where) {
  if (tree_finished_) {
    return Status::Internal("AddNode called after FinishTree");
  }
  if (!IsValidCode(code)) {
    return Status::DataError("invalid code " + Quoted(code) +
                             " (empty or contains white space)");
  }
  if (!parent_code.empty() && !IsValidCode(parent_code)) {
    return Status::DataError("invalid parent code " + Quoted(parent_code));
  }
  if (level.empty()) return Status::DataError("empty level");
  if (label.empty()) return Status::DataError("empty label");
  if (pending_by_code_.count(code)) {
    return Status::DataError("duplicate code " + Quoted(code));
  }
  pending_by_code_.emplace(code, static_cast<NodeIndex>(tax_.nodes_.size()));
  Node node;
  node.code = std::move(code);
  node.level = std::move(level);
  node.label = std::move(label);
  tax_.nodes_.push_back(std::move(node));
  parent_codes_.push_back(std::move(parent_code));
  wheres_.push_back(std::move(where));
  return Status::Ok();
}

Status TaxonomyBuilder::FinishTree(Reporter* reporter) {
  if (tree_finished_) return Status::Ok();
  std::vector<Node>& nodes = tax_.nodes_;
  const size_t total = nodes.size();
  std::vector<char> drop(total, 0);
  // Resolve parents.
  for (size_t node_idx = 0; node_idx < total; ++node_idx) {
    const std::string& parent_code = parent_codes_[node_idx];
    if (parent_code.empty()) continue;
    auto it = pending_by_code_.find(parent_code);
    if (it == pending_by_code_.end()) {
      Status problem = Status::DataError(wheres_[node_idx] + "unknown parent " +
                                         Quoted(parent_code) + " of " +
                                         Quoted(nodes[node_idx].code));
      if (!reporter) return problem;
      reporter->Problem(problem);
      drop[node_idx] = 1;
      continue;
    }
    if (it->second == static_cast<NodeIndex>(node_idx)) {
      Status problem = Status::DataError(
          wheres_[node_idx] + "node " + Quoted(parent_code) + " is its own parent");
      if (!reporter) return problem;
      reporter->Problem(problem);
      drop[node_idx] = 1;
      continue;
    }
    nodes[node_idx].parent = it->second;
  }
  // Detect cycles: walk up from each node; colour 1 = on current path,
  // 2 = known to reach a root (or a dropped node).
  std::vector<char> state(total, 0);
  for (size_t start = 0; start < total; ++start) {
    std::vector<NodeIndex> path;
    NodeIndex at = static_cast<NodeIndex>(start);
    while (at != kNoNode && state[at] == 0) {
      state[at] = 1;
      path.push_back(at);
      at = drop[at] ? kNoNode : nodes[at].parent;
    }
    if (at != kNoNode && state[at] == 1) {
      // `at` is on a cycle; report it once, at the first node of the cycle in
      // file order.
      std::vector<NodeIndex> cycle;
      NodeIndex walk = at;
      do {
        cycle.push_back(walk);
        walk = nodes[walk].parent;
      } while (walk != at);
      NodeIndex first = *std::min_element(cycle.begin(), cycle.end());
      std::string chain;
      walk = first;
      do {
        chain += nodes[walk].code + " -> ";
        walk = nodes[walk].parent;
      } while (walk != first);
      chain += nodes[first].code;
      Status problem =
          Status::DataError(wheres_[first] + "cycle in parent links: " + chain);
      if (!reporter) return problem;
      reporter->Problem(problem);
      for (NodeIndex n : cycle) drop[n] = 1;
    }
    for (NodeIndex n : path) state[n] = 2;
  }
  // Drop descendants of dropped nodes too (their parent is gone).
  bool changed = true;
  while (changed) {
    changed = false;
    for (size_t node_idx = 0; node_idx < total; ++node_idx) {
      NodeIndex parent = nodes[node_idx].parent;
      if (!drop[node_idx] && parent != kNoNode && drop[parent]) {
        drop[node_idx] = 1;
        changed = true;
        if (reporter) {
          reporter->Problem(Status::DataError(
              wheres_[node_idx] + "node " + Quoted(nodes[node_idx].code) +
              " dropped because its parent " + Quoted(nodes[parent].code) +
              " was dropped"));
        }
      }
    }
  }
  // Compact, remapping parents.
  std::vector<NodeIndex> remap(total, kNoNode);
  std::vector<Node> kept;
  kept.reserve(total);
  for (size_t node_idx = 0; node_idx < total; ++node_idx) {
    if (drop[node_idx]) continue;
    remap[node_idx] = static_cast<NodeIndex>(kept.size());
    kept.push_back(std::move(nodes[node_idx]));
  }
  for (Node& node : kept) {
    if (node.parent != kNoNode) node.parent = remap[node.parent];
  }
  nodes = std::move(kept);
  tax_.node_by_code_.clear();
  for (size_t node_idx = 0; node_idx < nodes.size(); ++node_idx) {
    tax_.node_by_code_.emplace(nodes[node_idx].code, node_idx);
    if (nodes[node_idx].parent != kNoNode) {
      nodes[nodes[node_idx].parent].children.push_back(node_idx);
    }
  }
  // Depths, parents before children is not guaranteed: memoise upwards.
  std::vector<int> depth(nodes.size(), -1);
  for (size_t node_idx = 0; node_idx < nodes.size(); ++node_idx) {
    std::vector<NodeIndex> path;
    NodeIndex at = static_cast<NodeIndex>(node_idx);
    while (at != kNoNode && depth[at] < 0) {
      path.push_back(at);
      at = nodes[at].parent;
    }
    int base = at == kNoNode ? -1 : depth[at];
    for (auto it = path.rbegin(); it != path.rend(); ++it) depth[*it] = ++base;
  }
  for (size_t node_idx = 0; node_idx < nodes.size(); ++node_idx) {
    nodes[node_idx].depth = depth[node_idx];
  }
  parent_codes_.clear();
  wheres_.clear();
  pending_by_code_.clear();
  tree_finished_ = true;
  return Status::Ok();
}

bool TaxonomyBuilder::HasNode(std::string_view code) const {
  if (tree_finished_) return tax_.FindNode(code) != kNoNode;
  return pending_by_code_.count(std::string(code)) > 0;
}

Result<NodeIndex> TaxonomyBuilder::ResolvedNode(std::string_view code) const {
  if (!tree_finished_) {
    return Status::Internal("labels and links must be added after FinishTree");
  }
  NodeIndex index = tax_.FindNode(code);
  if (index == kNoNode) {
    return Status::DataError("unknown code " + Quoted(code));
  }
  return index;
}

Status TaxonomyBuilder::AddLabel(std::string_view code, std::string lang,
                                 std::string text, LabelKind kind,
                                 std::string source) {
  Result<NodeIndex> node = ResolvedNode(code);
  if (!node.ok()) return node.status();
  SKILLMATCH_RETURN_IF_ERROR(CheckLang(lang));
  if (text.empty()) return Status::DataError("empty label");
  if (!seen_keys_.insert(Key({"L", code, lang, ToString(kind), text})).second) {
    return Status::DataError("duplicate label " + Quoted(text) + " for " +
                             Quoted(code));
  }
  if (kind == LabelKind::kPreferred &&
      !seen_keys_.insert(Key({"P", code, lang})).second) {
    return Status::DataError("second preferred label in " + Quoted(lang) +
                             " for " + Quoted(code));
  }
  tax_.nodes_[*node].labels.push_back(
      Label{std::move(lang), std::move(text), kind, std::move(source)});
  return Status::Ok();
}

Status TaxonomyBuilder::AddSkill(std::string_view id, SkillKind kind,
                                 std::string lang, std::string label) {
  if (!IsValidCode(id)) {
    return Status::DataError("invalid skill id " + Quoted(id) +
                             " (empty or contains white space)");
  }
  SKILLMATCH_RETURN_IF_ERROR(CheckLang(lang));
  if (label.empty()) return Status::DataError("empty label");
  SkillIndex index = tax_.FindSkill(id);
  if (index == kNoSkill) {
    index = static_cast<SkillIndex>(tax_.skills_.size());
    tax_.skill_by_id_.emplace(std::string(id), index);
    Skill skill;
    skill.id = std::string(id);
    skill.kind = kind;
    tax_.skills_.push_back(std::move(skill));
  } else if (tax_.skills_[index].kind != kind) {
    return Status::DataError("skill " + Quoted(id) + " is " +
                             std::string(ToString(tax_.skills_[index].kind)) +
                             " on an earlier row");
  }
  Skill& skill = tax_.skills_[index];
  for (const SkillLabel& existing : skill.labels) {
    if (existing.preferred && existing.lang == lang) {
      return Status::DataError("duplicate skill " + Quoted(id) +
                               " in language " + Quoted(lang));
    }
  }
  // Keep preferred labels before alternatives.
  auto pos = std::find_if(skill.labels.begin(), skill.labels.end(),
                          [](const SkillLabel& l) { return !l.preferred; });
  skill.labels.insert(pos, SkillLabel{std::move(lang), std::move(label), true});
  return Status::Ok();
}

Status TaxonomyBuilder::AddSkillLabel(std::string_view id, std::string lang,
                                      std::string text) {
  SkillIndex index = tax_.FindSkill(id);
  if (index == kNoSkill) {
    return Status::DataError("unknown skill " + Quoted(id));
  }
  SKILLMATCH_RETURN_IF_ERROR(CheckLang(lang));
  if (text.empty()) return Status::DataError("empty label");
  if (!seen_keys_.insert(Key({"SL", id, lang, text})).second) {
    return Status::DataError("duplicate label " + Quoted(text) +
                             " for skill " + Quoted(id));
  }
  tax_.skills_[index].labels.push_back(
      SkillLabel{std::move(lang), std::move(text), false});
  return Status::Ok();
}

bool TaxonomyBuilder::HasSkill(std::string_view id) const {
  return tax_.FindSkill(id) != kNoSkill;
}

Status TaxonomyBuilder::AddOccupationSkill(std::string_view code,
                                           std::string_view skill_id,
                                           SkillRelation relation,
                                           std::optional<float> weight,
                                           bool core) {
  Result<NodeIndex> node = ResolvedNode(code);
  if (!node.ok()) return node.status();
  SkillIndex skill = tax_.FindSkill(skill_id);
  if (skill == kNoSkill) {
    return Status::DataError("unknown skill " + Quoted(skill_id));
  }
  if (weight && !(*weight >= 0.0f && *weight <= 1.0f)) {
    return Status::DataError("weight must be in [0,1]");
  }
  if (!seen_keys_.insert(Key({"OS", code, skill_id})).second) {
    return Status::DataError("duplicate link " + Quoted(code) + " - " +
                             Quoted(skill_id));
  }
  tax_.occupation_skills_.push_back(
      OccupationSkill{*node, skill, relation, weight, core});
  return Status::Ok();
}

Status TaxonomyBuilder::AddMobility(std::string_view from_code,
                                    std::string_view to_code,
                                    MobilityKind kind, int rank) {
  Result<NodeIndex> from = ResolvedNode(from_code);
  if (!from.ok()) return from.status();
  Result<NodeIndex> to = ResolvedNode(to_code);
  if (!to.ok()) return to.status();
  if (*from == *to) {
    return Status::DataError("mobility link from " + Quoted(from_code) +
                             " to itself");
  }
  if (rank < 0) return Status::DataError("rank must be >= 1");
  if (!seen_keys_.insert(Key({"M", from_code, to_code, ToString(kind)}))
           .second) {
    return Status::DataError("duplicate mobility link " + Quoted(from_code) +
                             " -> " + Quoted(to_code));
  }
  tax_.mobility_.push_back(MobilityLink{*from, *to, kind, rank});
  return Status::Ok();
}

Status TaxonomyBuilder::AddCrosswalk(std::string_view code, std::string system,
                                     std::string external_code, MatchType match,
                                     std::string external_label) {
  Result<NodeIndex> node = ResolvedNode(code);
  if (!node.ok()) return node.status();
  if (!IsValidCode(system)) {
    return Status::DataError("invalid system " + Quoted(system));
  }
  if (external_code.empty()) return Status::DataError("empty external code");
  if (!seen_keys_.insert(Key({"X", code, system, external_code})).second) {
    return Status::DataError("duplicate crosswalk " + Quoted(code) + " -> " +
                             system + ":" + external_code);
  }
  tax_.crosswalk_.push_back(CrosswalkEntry{*node, std::move(system),
                                           std::move(external_code), match,
                                           std::move(external_label)});
  return Status::Ok();
}

Result<Taxonomy> TaxonomyBuilder::Build() && {
  SKILLMATCH_RETURN_IF_ERROR(FinishTree());
  if (tax_.info_.languages.empty()) {
    return Status::DataError("a taxonomy needs at least one language");
  }
  tax_.BuildIndexes();
  seen_keys_.clear();
  return std::move(tax_);
}

}  // namespace skillmatch::classification
