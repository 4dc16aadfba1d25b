// Statistiques (issue 16, "the figures reach the statistician role"): the
// published tables of engine/stats (publication.h) for the roles with the
// statistics capability. The page shows the tension index (levels 1 to 5
// with their components), the vacancy durations and the skills in demand of
// the summary period, in French, with suppressed cells marked "s" and the
// quality flags; the dashboard of `skillmatch stats dashboard` is served as
// rendered; every table is exported as the CSV of `skillmatch stats`.
// Nothing is recomputed here: the publication layer decides what is shown
// and what is suppressed. Aggregates only: no person is named, so the period
// travels in the URL (GET) and nothing is audited.
#include <sodium.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <sstream>

#include "french.h"
#include "handlers.h"
#include "server.h"
#include "skillmatch/stats/publication.h"
#include "skillmatch/store/spells.h"

namespace skillmatch::pages {

namespace stats = engine::stats;

namespace {

constexpr size_t kRowsShown = 30;  // per section; the CSV has them all

// ------------------------------------------------------------ The spells

// The spells of the store, kept between requests while the database files
// are unchanged (their size and modification time, the WAL's included):
// LoadSpells reads the whole store (about 1 s for 10,000 records).
struct SpellsCache {
  std::mutex mutex;
  std::string stamp;
  std::shared_ptr<const engine::StatsInput> input;
};

SpellsCache& Cache() {
  static SpellsCache cache;
  return cache;
}

std::string FileStamp(const std::string& path) {
  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);
  if (error) return "-";
  const auto time = std::filesystem::last_write_time(path, error);
  if (error) return "-";
  return std::to_string(size) + "@" + std::to_string(time.time_since_epoch().count());
}

Result<std::shared_ptr<const engine::StatsInput>> Spells(const Services& s, Call& call) {
  const std::string& db = s.options->db;
  // ":memory:" or no file: no stamp to trust, read every time.
  const bool stamped = !db.empty() && db != ":memory:" && std::filesystem::exists(db);
  const std::string stamp =
      stamped ? FileStamp(db) + "|" + FileStamp(db + "-wal") : std::string();
  SpellsCache& cache = Cache();
  if (stamped) {
    std::lock_guard lock(cache.mutex);
    if (cache.input && cache.stamp == stamp) return cache.input;
  }
  Result<engine::StatsInput> loaded = engine::LoadSpells(*call.store, *s.taxonomy, {});
  if (!loaded.ok()) return loaded.status();
  auto input = std::make_shared<const engine::StatsInput>(std::move(*loaded));
  if (stamped) {
    std::lock_guard lock(cache.mutex);
    cache.stamp = stamp;
    cache.input = input;
  }
  return input;
}

// Labels of every taxonomy node and skill by code, French first (as the
// command line's).
const std::map<std::string, std::string>& Labels(const Services& s) {
  static std::once_flag once;
  static std::map<std::string, std::string> labels;
  std::call_once(once, [&] {
    const classification::Taxonomy& taxonomy = *s.taxonomy;
    for (size_t idx = 0; idx < taxonomy.node_count(); ++idx) {
      const auto index = static_cast<classification::NodeIndex>(idx);
      labels[taxonomy.node(index).code] = taxonomy.NodeLabel(index, "fr");
    }
    for (size_t idx = 0; idx < taxonomy.skill_count(); ++idx) {
      const auto index = static_cast<classification::SkillIndex>(idx);
      labels[taxonomy.skill(index).id] = taxonomy.SkillName(index, "fr");
    }
  });
  return labels;
}

// ------------------------------------------------------------ The window

// The window asked for (`de`, `a`: YYYY-MM, both optional) within the data.
// Default: the last 12 months of the data (the tension index's reference);
// the dashboard: the last 24 (as `skillmatch stats dashboard`).
struct Window {
  int first = 0;
  int last = -1;
  std::string error;  // a message id when the form is wrong
};

Window ReadWindow(const Call& call, const std::pair<int, int>& data, int default_months) {
  Window window;
  const std::string from = call.req->get_param_value("de");
  const std::string to = call.req->get_param_value("a");
  window.last = data.second;
  if (!to.empty()) {
    Result<int> month = stats::ParseMonth(to);
    if (!month.ok()) {
      window.error = "stats.error.month";
      return window;
    }
    window.last = *month;
  }
  window.first = std::max(data.first, window.last - (default_months - 1));
  if (!from.empty()) {
    Result<int> month = stats::ParseMonth(from);
    if (!month.ok()) {
      window.error = "stats.error.month";
      return window;
    }
    window.first = *month;
  }
  if (window.first > window.last) window.error = "stats.error.order";
  return window;
}

// The summary period, as the dashboard picks it: the last 12 months when the
// window holds them, else the last quarter, else the last month.
stats::PeriodKind SummaryKind(int first, int last) {
  if (last - first + 1 >= 12) return stats::PeriodKind::kRolling12;
  if (!stats::PeriodsWithin(stats::PeriodKind::kQuarter, first, last).empty()) {
    return stats::PeriodKind::kQuarter;
  }
  return stats::PeriodKind::kMonth;
}

stats::PublicationOptions OptionsFor(const Services& s, const std::string& table,
                                     const Window& window) {
  stats::PublicationOptions options;
  options.first_month = window.first;
  options.last_month = window.last;
  options.labels = Labels(s);
  const stats::PeriodKind kind = SummaryKind(window.first, window.last);
  if (table == "cube") {
    options.breakdown = {stats::OccupationLevel::kOccupation, stats::GeographyLevel::kRegion,
                         stats::PeriodKind::kMonth};
  } else if (table == "durations") {
    options.breakdown = {stats::OccupationLevel::kOccupation, stats::GeographyLevel::kAll, kind};
  } else {  // tension, skills: national
    options.breakdown = {stats::OccupationLevel::kOccupation, stats::GeographyLevel::kAll, kind};
  }
  return options;
}

Result<stats::Publication> Publish(const std::string& table, const engine::StatsInput& input,
                                   const stats::PublicationOptions& options) {
  if (table == "cube") return stats::PublishCube(input.offers, input.jobseekers, options);
  if (table == "tension") return stats::PublishTension(input.offers, input.jobseekers, options);
  if (table == "durations") {
    return stats::PublishDurations(input.offers, input.jobseekers, options);
  }
  return stats::PublishSkills(input.offers, input.jobseekers, options);
}

bool KnownTable(const std::string& name) {
  return name == "cube" || name == "tension" || name == "durations" || name == "skills";
}

// ------------------------------------------------------------ Rendering

// A cell in French: "s" when suppressed (never 0), empty when undefined,
// then "*" (few records) or "**" (few fillings).
View CellView(const stats::PublicationColumn& column, const stats::PublicationCell& cell) {
  View v;
  const bool numeric = column.kind != stats::ColumnKind::kText;
  std::string value;
  std::string css = numeric ? "nombre" : "";
  if (cell.suppression != stats::Suppression::kNone) {
    value = "s";
    css += " secret";
  } else if (!numeric) {
    value = cell.text;
  } else if (cell.number) {
    const double x = *cell.number;
    switch (column.kind) {
      case stats::ColumnKind::kCount:
      case stats::ColumnKind::kDays:
        value = FormatInteger(static_cast<int64_t>(x >= 0 ? x + 0.5 : x - 0.5));
        break;
      case stats::ColumnKind::kShare: value = FormatPercent(x, 1); break;
      default: value = FormatDecimal(x, 2); break;
    }
  } else {
    value = "–";  // undefined (no denominator)
  }
  v.Set("value", value).Set("class", css);
  if (cell.suppression == stats::Suppression::kNone) {
    if (cell.quality == stats::Quality::kFewRecords) v.Set("flag", "*");
    if (cell.quality == stats::Quality::kFewEvents) v.Set("flag", "**");
  }
  return v;
}

// The explained_by column names components in English ("tension_ratio (z
// +1.25); ..."): the page names them in French.
std::string ExplainedInFrench(std::string text) {
  for (const char* name :
       {"tension_ratio", "outflow_rate", "unfilled_at_30", "hiring_difficulty", "mismatch"}) {
    const std::string& french = T("stats.col." + std::string(name));
    for (size_t at = text.find(name); at != std::string::npos;
         at = text.find(name, at + french.size())) {
      text.replace(at, std::string(name).size(), french);
    }
  }
  return text;
}

// The rows of the publication's last period (the summary), `kRowsShown` at
// most, every column but those in `skip`.
Html TableOf(const stats::Publication& p, const std::string& caption,
             const std::vector<std::string>& skip, size_t* shown, size_t* total) {
  const int period_col = p.ColumnIndex("period");
  const std::string last = p.periods.empty() ? "" : p.periods.back().Label();
  List headers;
  std::vector<int> columns;
  for (size_t c = 0; c < p.columns.size(); ++c) {
    if (std::find(skip.begin(), skip.end(), p.columns[c].name) != skip.end()) continue;
    columns.push_back(static_cast<int>(c));
    View h;
    h.Set("label", T("stats.col." + p.columns[c].name))
        .Set("class", p.columns[c].kind == stats::ColumnKind::kText ? "" : "nombre");
    headers.push_back(std::move(h));
  }
  List rows;
  *total = 0;
  for (const auto& row : p.rows) {
    if (period_col >= 0 && row[period_col].text != last) continue;
    ++*total;
    if (rows.size() >= kRowsShown) continue;
    List cells;
    for (int c : columns) {
      View cell = CellView(p.columns[c], row[c]);
      if (p.columns[c].name == "explained_by") {
        cell.Set("value", ExplainedInFrench(row[c].text));
      }
      cell.Set("head", cells.empty());
      cells.push_back(std::move(cell));
    }
    View r;
    r.Set("cells", std::move(cells));
    rows.push_back(std::move(r));
  }
  *shown = rows.size();
  View view;
  view.Set("caption", caption).Set("headers", std::move(headers)).Set("rows", std::move(rows));
  return Render("stats_table", view);
}

std::string PeriodText(const stats::Publication& p) {
  if (p.periods.empty()) return "";
  const stats::Period& period = p.periods.back();
  return T("stats.period", {*FormatDate(stats::FormatDay(period.first_day())),
                            *FormatDate(stats::FormatDay(period.last_day()))});
}

std::string Joined(const std::vector<std::string>& list) {
  std::string out;
  for (const std::string& s : list) out += (out.empty() ? "" : ", ") + s;
  return out.empty() ? T("stats.sources.none") : out;
}

std::string ExportHref(const std::string& table, const Window& window) {
  return "/statistiques/export/" + table + "?de=" + stats::FormatMonth(window.first) +
         "&a=" + stats::FormatMonth(window.last);
}

// One section of the page: the table of the summary period, or why not.
View Section(const Services& s, const std::string& table, const engine::StatsInput& input,
             const Window& window, const std::vector<std::string>& skip) {
  View v;
  v.Set("id", "stats-" + table)
      .Set("heading", T("stats." + table))
      .Set("intro", T("stats." + table + ".intro"))
      .Set("csv_href", ExportHref(table, window))
      .Set("csv_label", T("stats.csv", {T("stats." + table)}));
  Result<stats::Publication> p = Publish(table, input, OptionsFor(s, table, window));
  if (!p.ok()) {
    v.Set("unavailable", T("stats.unavailable"));
    return v;
  }
  size_t shown = 0, total = 0;
  v.Set("table", TableOf(*p, T("stats." + table + ".caption", {PeriodText(*p)}), skip, &shown,
                         &total));
  if (total > shown) {
    v.Set("more", T("stats.more", {std::to_string(shown), std::to_string(total)}));
  }
  return v;
}

Reply NoData(const Call& call) {
  View view;
  view.Set("message", T("stats.no_data"));
  PageOptions options;
  options.nav = "statistiques";
  return Page(call, "title.stats", Render("stats_empty", view), options);
}

// The Content-Security-Policy of the dashboard: the server's, with its one
// inline <style> allowed by hash (it has no script and fetches nothing).
std::string DashboardPolicy(const std::string& html) {
  const size_t open = html.find("<style>");
  const size_t close = html.find("</style>");
  std::string style;
  if (open != std::string::npos && close != std::string::npos && close > open) {
    const std::string css = html.substr(open + 7, close - open - 7);
    unsigned char hash[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(hash, reinterpret_cast<const unsigned char*>(css.data()), css.size());
    char b64[sodium_base64_ENCODED_LEN(crypto_hash_sha256_BYTES,
                                       sodium_base64_VARIANT_ORIGINAL)];
    sodium_bin2base64(b64, sizeof b64, hash, sizeof hash, sodium_base64_VARIANT_ORIGINAL);
    style = std::string("; style-src 'sha256-") + b64 + "'";
  }
  return "default-src 'none'" + style +
         "; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
}

}  // namespace

Reply StatsPage(const Services& s, Call& call) {
  Result<std::shared_ptr<const engine::StatsInput>> input = Spells(s, call);
  if (!input.ok()) return ErrorPage(call, 503, "error.store");
  const auto data = stats::DataMonths((*input)->offers, (*input)->jobseekers);
  if (!data) return NoData(call);
  const Window window = ReadWindow(call, *data, 12);
  View view;
  view.Set("from", call.req->has_param("de") ? call.req->get_param_value("de")
                                             : stats::FormatMonth(window.first))
      .Set("to", call.req->has_param("a") ? call.req->get_param_value("a")
                                          : stats::FormatMonth(window.last))
      .Set("data_range", T("stats.data_range", {stats::FormatMonth(data->first),
                                                stats::FormatMonth(data->second)}));
  PageOptions options;
  options.nav = "statistiques";
  if (!window.error.empty()) {
    view.Set("error", T(window.error));
    options.status = 400;
    return Page(call, "title.stats", Render("stats", view), options);
  }
  // Where the figures come from: the window's cube (every source).
  stats::PublicationOptions cube_options = OptionsFor(s, "cube", window);
  Result<stats::Publication> cube = Publish("cube", **input, cube_options);
  if (cube.ok()) {
    const stats::Provenance& p = cube->provenance;
    view.Set("window", T("stats.window", {*FormatDate(stats::FormatDay(p.first_day)),
                                          *FormatDate(stats::FormatDay(p.last_day))}))
        .Set("sources", T("stats.sources", {Joined(p.offer_sources),
                                            FormatInteger(p.offers_counted),
                                            Joined(p.jobseeker_sources),
                                            FormatInteger(p.jobseekers_counted)}));
  }
  std::vector<std::string> left_out;
  if ((*input)->offers_undated > 0) {
    left_out.push_back(TN("stats.undated.offers", (*input)->offers_undated,
                                {FormatInteger((*input)->offers_undated)}));
  }
  if ((*input)->jobseekers_undated > 0) {
    left_out.push_back(
        TN("stats.undated.jobseekers", (*input)->jobseekers_undated,
           {FormatInteger((*input)->jobseekers_undated)}));
  }
  List notes;
  for (const std::string& text : left_out) {
    View n;
    n.Set("text", text);
    notes.push_back(std::move(n));
  }
  view.Set("notes", std::move(notes));
  view.Set("legend", T("stats.legend", {"5"}));
  List sections;
  sections.push_back(Section(s, "tension", **input, window, {"period"}));
  sections.push_back(Section(s, "durations", **input, window, {"period", "geography"}));
  sections.push_back(Section(s, "skills", **input, window, {"period", "skill"}));
  view.Set("sections", std::move(sections));
  view.Set("dashboard_href", "/statistiques/tableau-de-bord?de=" +
                                 stats::FormatMonth(window.first) +
                                 "&a=" + stats::FormatMonth(window.last));
  view.Set("cube_href", ExportHref("cube", window));
  return Page(call, "title.stats", Render("stats", view), options);
}

Reply StatsDashboard(const Services& s, Call& call) {
  Result<std::shared_ptr<const engine::StatsInput>> input = Spells(s, call);
  if (!input.ok()) return ErrorPage(call, 503, "error.store");
  const auto data = stats::DataMonths((*input)->offers, (*input)->jobseekers);
  if (!data) return NoData(call);
  const Window window = ReadWindow(call, *data, 24);
  if (!window.error.empty()) return ErrorPage(call, 400, window.error);
  stats::PublicationOptions options = OptionsFor(s, "tension", window);
  Result<std::string> html = stats::RenderDashboard((*input)->offers, (*input)->jobseekers, options);
  if (!html.ok()) return ErrorPage(call, 422, "stats.unavailable");
  Reply reply;
  reply.content_type = "text/html; charset=utf-8";
  reply.text = std::move(*html);
  reply.headers.emplace_back("Content-Security-Policy", DashboardPolicy(reply.text));
  return reply;
}

Reply StatsExport(const Services& s, Call& call) {
  const std::string& table = call.params[0];
  if (!KnownTable(table)) return ErrorPage(call, 404, "error.not_found");
  Result<std::shared_ptr<const engine::StatsInput>> input = Spells(s, call);
  if (!input.ok()) return ErrorPage(call, 503, "error.store");
  const auto data = stats::DataMonths((*input)->offers, (*input)->jobseekers);
  if (!data) return NoData(call);
  const Window window = ReadWindow(call, *data, 12);
  if (!window.error.empty()) return ErrorPage(call, 400, window.error);
  Result<stats::Publication> p = Publish(table, **input, OptionsFor(s, table, window));
  if (!p.ok()) return ErrorPage(call, 422, "stats.unavailable");
  std::ostringstream out;
  stats::RenderCsv(*p, out);
  Reply reply;
  reply.content_type = "text/csv; charset=utf-8";
  reply.text = out.str();
  reply.headers.emplace_back(
      "Content-Disposition", "attachment; filename=\"statistiques-" + table + "-" +
                                 stats::FormatMonth(window.first) + "-" +
                                 stats::FormatMonth(window.last) + ".csv\"");
  return reply;
}

}  // namespace skillmatch::pages
