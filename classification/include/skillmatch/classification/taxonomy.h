// The occupation taxonomy: a forest of nodes (domains, areas, occupations, or
// ISCO groups and ESCO occupations), their labels and job titles, skills,
// occupation-skill links, mobility links and crosswalks to other systems.
//
// A Taxonomy is immutable once built and safe to share between threads. It is
// made only by TaxonomyBuilder (or by reading a bundle, see bundle.h), which
// validates every reference, so a Taxonomy in hand is always consistent.
//
// Nodes and skills are addressed by dense indexes (NodeIndex, SkillIndex) in
// the order they were added; codes and ids map to indexes through Find*.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "skillmatch/classification/status.h"

namespace skillmatch::classification {

using NodeIndex = int32_t;
using SkillIndex = int32_t;
inline constexpr NodeIndex kNoNode = -1;
inline constexpr SkillIndex kNoSkill = -1;

// The level name of the nodes that offers and jobseekers are coded to.
inline constexpr std::string_view kOccupationLevel = "occupation";

enum class LabelKind { kPreferred, kAlternative, kAppellation };
enum class SkillKind { kTechnical, kKnowledge, kSoft };
enum class SkillRelation { kEssential, kOptional };
enum class MobilityKind { kClose, kEvolution };
enum class MatchType { kExact, kClose, kBroad, kNarrow };

// Names as written in bundles ("appellation", "soft", "essential", ...).
std::string_view ToString(LabelKind kind);
std::string_view ToString(SkillKind kind);
std::string_view ToString(SkillRelation relation);
std::string_view ToString(MobilityKind kind);
std::string_view ToString(MatchType match);
std::optional<LabelKind> ParseLabelKind(std::string_view text);
std::optional<SkillKind> ParseSkillKind(std::string_view text);
std::optional<SkillRelation> ParseSkillRelation(std::string_view text);
std::optional<MobilityKind> ParseMobilityKind(std::string_view text);
std::optional<MatchType> ParseMatchType(std::string_view text);

struct BundleInfo {
  std::string format = "skillmatch-bundle/1";
  std::string name;
  std::string version;
  std::vector<std::string> languages;  // first = main language
  std::string source;
  std::string licence;
  bool operator==(const BundleInfo&) const = default;
};

struct Label {
  std::string lang;
  std::string text;
  LabelKind kind = LabelKind::kAlternative;
  // Where the label comes from when not from the taxonomy's own publisher:
  // "system:external_code" of the concept it was taken from, e.g.
  // "esco:http://data.europa.eu/esco/occupation/..."; empty = the taxonomy's
  // own label. The `source` column of labels.csv.
  std::string source;
  bool operator==(const Label&) const = default;
};

struct Node {
  std::string code;
  NodeIndex parent = kNoNode;
  std::string level;
  std::string label;  // preferred label in the main language
  int depth = 0;      // 0 for a root
  std::vector<NodeIndex> children;
  std::vector<Label> labels;  // from labels.csv, in the order given
  bool operator==(const Node&) const = default;
};

struct SkillLabel {
  std::string lang;
  std::string text;
  bool preferred = false;
  bool operator==(const SkillLabel&) const = default;
};

struct Skill {
  std::string id;
  SkillKind kind = SkillKind::kTechnical;
  std::vector<SkillLabel> labels;  // preferred ones first, by language
  bool operator==(const Skill&) const = default;
};

struct OccupationSkill {
  NodeIndex node = kNoNode;
  SkillIndex skill = kNoSkill;
  SkillRelation relation = SkillRelation::kEssential;
  std::optional<float> weight;  // as given; empty = default
  bool core = false;
  // The weight given, or 1 for essential and 0.5 for optional skills.
  float EffectiveWeight() const {
    if (weight) return *weight;
    return relation == SkillRelation::kEssential ? 1.0f : 0.5f;
  }
  bool operator==(const OccupationSkill&) const = default;
};

struct MobilityLink {
  NodeIndex from = kNoNode;
  NodeIndex to = kNoNode;
  MobilityKind kind = MobilityKind::kClose;
  int rank = 0;  // >= 1, lower is closer; 0 = unranked
  bool operator==(const MobilityLink&) const = default;
};

struct CrosswalkEntry {
  NodeIndex node = kNoNode;
  std::string system;
  std::string external_code;
  MatchType match = MatchType::kExact;
  std::string external_label;
  bool operator==(const CrosswalkEntry&) const = default;
};

class Taxonomy {
 public:
  Taxonomy(Taxonomy&&) = default;
  Taxonomy& operator=(Taxonomy&&) = default;

  const BundleInfo& info() const { return info_; }
  const std::string& main_language() const { return info_.languages.front(); }

  // --- Nodes ---
  size_t node_count() const { return nodes_.size(); }
  const Node& node(NodeIndex index) const { return nodes_[index]; }
  const std::vector<Node>& nodes() const { return nodes_; }
  // Index of the node with `code`, or kNoNode.
  NodeIndex FindNode(std::string_view code) const;
  const std::vector<NodeIndex>& roots() const { return roots_; }
  // Parent first, root last; empty for a root.
  std::vector<NodeIndex> Ancestors(NodeIndex index) const;
  // The deepest node that is an ancestor of (or equal to) both; kNoNode if
  // they are in different trees.
  NodeIndex LowestCommonAncestor(NodeIndex a, NodeIndex b) const;
  // Number of parent-child edges on the path between a and b; -1 if they are
  // in different trees. 0 for the same node, 2 for siblings.
  int TreeDistance(NodeIndex a, NodeIndex b) const;
  // Nodes whose level is `level`, in index order.
  std::vector<NodeIndex> NodesAtLevel(std::string_view level) const;
  // Nodes at level "occupation", in index order.
  const std::vector<NodeIndex>& occupations() const { return occupations_; }
  bool IsOccupation(NodeIndex index) const {
    return nodes_[index].level == kOccupationLevel;
  }
  // Preferred label in `lang`; falls back to the main-language label.
  const std::string& NodeLabel(NodeIndex index, std::string_view lang) const;
  // Number of labels of `kind` (all languages) over all nodes.
  size_t CountLabels(LabelKind kind) const;

  // --- Skills ---
  size_t skill_count() const { return skills_.size(); }
  const Skill& skill(SkillIndex index) const { return skills_[index]; }
  const std::vector<Skill>& skills() const { return skills_; }
  SkillIndex FindSkill(std::string_view id) const;
  // Preferred label in `lang`; falls back to the main language, then to any.
  const std::string& SkillName(SkillIndex index, std::string_view lang) const;
  size_t CountSkills(SkillKind kind) const;

  // --- Occupation-skill links ---
  // All links, sorted by node then by the order they were added.
  const std::vector<OccupationSkill>& occupation_skills() const {
    return occupation_skills_;
  }
  std::span<const OccupationSkill> SkillsOf(NodeIndex index) const;
  // Links naming `skill`, sorted by node.
  std::vector<OccupationSkill> OccupationsOf(SkillIndex skill) const;

  // --- Mobility ---
  // All links, sorted by from, then kind, then rank (unranked last), then to.
  const std::vector<MobilityLink>& mobility() const { return mobility_; }
  std::span<const MobilityLink> MobilityFrom(NodeIndex index) const;
  std::vector<MobilityLink> MobilityTo(NodeIndex index) const;

  // --- Crosswalks ---
  // All entries, sorted by node, then in the order added.
  const std::vector<CrosswalkEntry>& crosswalk() const { return crosswalk_; }
  // Entries of node `index`; of all systems when `system` is empty.
  std::vector<CrosswalkEntry> CrosswalkFrom(NodeIndex index,
                                            std::string_view system = {}) const;
  // Nodes linked to `external_code` in `system`, with the match type.
  std::vector<CrosswalkEntry> CrosswalkTo(std::string_view system,
                                          std::string_view external_code) const;
  // Names of the systems present, sorted.
  std::vector<std::string> CrosswalkSystems() const;

  // Structural equality: same info, nodes, labels, skills, links, in order.
  bool operator==(const Taxonomy& other) const;

 private:
  friend class TaxonomyBuilder;
  Taxonomy() = default;
  void BuildIndexes();

  BundleInfo info_;
  std::vector<Node> nodes_;
  std::vector<Skill> skills_;
  std::vector<OccupationSkill> occupation_skills_;
  std::vector<MobilityLink> mobility_;
  std::vector<CrosswalkEntry> crosswalk_;

  // Derived indexes (not compared).
  std::unordered_map<std::string, NodeIndex> node_by_code_;
  std::unordered_map<std::string, SkillIndex> skill_by_id_;
  std::vector<NodeIndex> roots_;
  std::vector<NodeIndex> occupations_;
  std::vector<uint32_t> skills_offsets_;    // node -> range in occupation_skills_
  std::vector<uint32_t> mobility_offsets_;  // node -> range in mobility_
  std::unordered_map<std::string, std::vector<uint32_t>> crosswalk_by_external_;
};

// Receives each problem found in lenient mode; the row is skipped.
class Reporter {
 public:
  virtual ~Reporter() = default;
  virtual void Problem(const Status& problem) = 0;
};

// A Reporter that keeps every problem, in order.
class CollectingReporter : public Reporter {
 public:
  void Problem(const Status& problem) override {
    problems_.push_back(problem.message());
  }
  const std::vector<std::string>& problems() const { return problems_; }

 private:
  std::vector<std::string> problems_;
};

// Builds a Taxonomy step by step, checking each step.
//
// Nodes are added first (a parent may be added after its child), then
// FinishTree resolves parents and rejects unknown parents and cycles; then
// labels, skills and links, whose references must resolve at once. Each Add
// returns a Status whose message has no location: callers that read files
// prefix it with "file:line:column: ". `where` arguments are kept and used as
// that prefix for problems found later, in FinishTree.
class TaxonomyBuilder {
 public:
  explicit TaxonomyBuilder(BundleInfo info);

  Status AddNode(std::string code, std::string parent_code, std::string level,
                 std::string label, std::string where = {});
  // Resolves parents. With a reporter, nodes with an unknown parent or on a
  // cycle (and their descendants) are reported and dropped; without one the
  // first such problem is returned. Called by Build if not called before.
  Status FinishTree(Reporter* reporter = nullptr);
  bool HasNode(std::string_view code) const;

  // `source`: see Label::source. The same text, language and kind from two
  // sources is one label (the first source is kept).
  Status AddLabel(std::string_view code, std::string lang, std::string text,
                  LabelKind kind, std::string source = {});
  // Adds a skill, or its preferred label in another language.
  Status AddSkill(std::string_view id, SkillKind kind, std::string lang,
                  std::string label);
  Status AddSkillLabel(std::string_view id, std::string lang, std::string text);
  bool HasSkill(std::string_view id) const;
  Status AddOccupationSkill(std::string_view code, std::string_view skill_id,
                            SkillRelation relation, std::optional<float> weight,
                            bool core);
  Status AddMobility(std::string_view from_code, std::string_view to_code,
                     MobilityKind kind, int rank);
  Status AddCrosswalk(std::string_view code, std::string system,
                      std::string external_code, MatchType match,
                      std::string external_label = {});

  // Finishes the taxonomy. The builder is spent afterwards.
  Result<Taxonomy> Build() &&;

 private:
  Status CheckLang(std::string_view lang) const;
  Result<NodeIndex> ResolvedNode(std::string_view code) const;

  Taxonomy tax_;
  bool tree_finished_ = false;
  std::vector<std::string> parent_codes_;  // until FinishTree
  std::vector<std::string> wheres_;        // until FinishTree
  std::unordered_map<std::string, NodeIndex> pending_by_code_;
  // Duplicate detection.
  std::unordered_set<std::string> seen_keys_;
};

// True if `code` is a valid node code or skill id: non-empty, no white space
// or control characters.
bool IsValidCode(std::string_view code);

}  // namespace skillmatch::classification
